output "app_secret_name" {
  description = "Secrets Manager name of the application secret (the ExternalSecret's dataFrom key)."
  value       = aws_secretsmanager_secret.app.name
}

output "app_secret_arn" {
  description = "ARN of the application secret."
  value       = aws_secretsmanager_secret.app.arn
}

output "database_roles_secret_name" {
  description = "Secrets Manager name of the database role passwords, for the one-time bootstrap."
  value       = aws_secretsmanager_secret.database_roles.name
}

output "external_secrets_role_arn" {
  description = "IAM role the External Secrets Operator's ServiceAccount assumes (IRSA)."
  value       = module.external_secrets_role.role_arn
}

output "kms_key_arn" {
  description = "KMS key of the application secrets."
  value       = aws_kms_key.this.arn
}

output "jwt_public_key_pem" {
  description = "Public half of AUTH_JWT_PRIVATE_KEY, for services that verify access tokens."
  value       = tls_private_key.jwt.public_key_pem
}

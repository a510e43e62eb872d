output "helm_values" {
  description = "Values for charts/elara: terraform output -raw helm_values > values-infra.yaml."
  value       = yamlencode(local.helm_values)
}

output "external_secrets_manifest" {
  description = "ServiceAccount, SecretStore and ExternalSecret that sync the app secret: terraform output -raw external_secrets_manifest | kubectl apply -f -."
  value       = join("---\n", [for manifest in local.external_secrets_manifests : yamlencode(manifest)])
}

output "kubeconfig_command" {
  description = "Command that adds the cluster to your kubeconfig."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "postgres_address" {
  description = "Host name of the RDS primary."
  value       = module.postgres.address
}

output "postgres_replica_addresses" {
  description = "Host names of the RDS read replicas."
  value       = module.postgres.replica_addresses
}

output "postgres_master_secret_arn" {
  description = "Secrets Manager secret (managed by RDS) with the administrator password, for the role bootstrap."
  value       = module.postgres.master_user_secret_arn
}

output "database_roles_secret_name" {
  description = "Secrets Manager secret with the elara_owner and elara_app passwords, for the role bootstrap."
  value       = module.secrets.database_roles_secret_name
}

output "redis_primary_endpoint" {
  description = "Host name of the ElastiCache primary."
  value       = module.redis.primary_endpoint_address
}

output "app_secret_name" {
  description = "Secrets Manager name of the application secret."
  value       = module.secrets.app_secret_name
}

output "media_bucket_name" {
  description = "Name of the media bucket."
  value       = module.media_bucket.bucket_name
}

output "app_role_arn" {
  description = "IAM role of the api and worker ServiceAccounts (media bucket access), for their eks.amazonaws.com/role-arn annotation."
  value       = module.app_role.role_arn
}

output "nat_public_ips" {
  description = "Addresses the cluster's outbound traffic comes from."
  value       = module.network.nat_public_ips
}

output "address" {
  description = "Host name of the primary (follows a Multi-AZ failover)."
  value       = aws_db_instance.primary.address
}

output "port" {
  description = "Port of the primary and the replicas."
  value       = aws_db_instance.primary.port
}

output "database_name" {
  description = "Name of the database."
  value       = aws_db_instance.primary.db_name
}

output "replica_addresses" {
  description = "Host names of the read replicas."
  value       = aws_db_instance.replica[*].address
}

output "master_username" {
  description = "Administrator login, for the one-time role bootstrap."
  value       = aws_db_instance.primary.username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret (managed by RDS) holding the administrator password."
  value       = aws_db_instance.primary.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the database."
  value       = aws_security_group.this.id
}

output "kms_key_arn" {
  description = "KMS key of the storage, Performance Insights and the master secret."
  value       = aws_kms_key.this.arn
}

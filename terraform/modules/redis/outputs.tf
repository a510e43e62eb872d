output "primary_endpoint_address" {
  description = "Host name of the primary (follows a failover); use it in REDIS_URL."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Host name that spreads reads over the replicas."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Port of the replication group."
  value       = aws_elasticache_replication_group.this.port
}

output "auth_token" {
  description = "AUTH token clients send over TLS (rediss://:TOKEN@host:port)."
  value       = random_password.auth_token.result
  sensitive   = true
}

output "parameter_group_name" {
  description = "Parameter group with maxmemory-policy noeviction."
  value       = aws_elasticache_parameter_group.this.name
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}

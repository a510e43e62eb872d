locals {
  # Parameter group families are named by engine and major version: valkey8, redis7.
  family = "${var.engine}${split(".", var.engine_version)[0]}"
}

resource "aws_kms_key" "this" {
  description             = "${var.replication_group_id}: ElastiCache data at rest and snapshots"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.replication_group_id}-elasticache"
  target_key_id = aws_kms_key.this.key_id
}

# The AUTH token: printable, no characters ElastiCache refuses (@ " /), and URL-safe for REDIS_URL.
resource "random_password" "auth_token" {
  length  = 64
  special = false
}

resource "aws_elasticache_subnet_group" "this" {
  name        = var.replication_group_id
  description = "Database subnets of ${var.replication_group_id}"
  subnet_ids  = var.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.replication_group_id}-redis"
  description = "Redis ${var.replication_group_id}: 6379 from the EKS nodes only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.replication_group_id}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Redis from an allowed client group"
  referenced_security_group_id = var.allowed_security_group_ids[count.index]
  from_port                    = 6379
  to_port                      = 6379
  ip_protocol                  = "tcp"
}

# BullMQ requires noeviction: evicting a key can silently drop a job or a lock. The worker
# refuses to start otherwise (REDIS_REQUIRE_NOEVICTION).
resource "aws_elasticache_parameter_group" "this" {
  name        = "${var.replication_group_id}-${local.family}"
  family      = local.family
  description = "Elara: BullMQ requires maxmemory-policy noeviction"

  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "slow_log" {
  name              = "/aws/elasticache/${var.replication_group_id}/slow-log"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# No AOF on current ElastiCache engines: durability comes from Multi-AZ replicas with automatic
# failover plus daily snapshots, so the worker keeps REDIS_REQUIRE_AOF=false (its default) here.
resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.replication_group_id
  description          = "Elara BullMQ queues and rate limits"
  engine               = var.engine
  engine_version       = var.engine_version
  node_type            = var.node_type
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.this.name
  subnet_group_name    = aws_elasticache_subnet_group.this.name
  security_group_ids   = [aws_security_group.this.id]

  num_cache_clusters         = var.replica_count + 1
  automatic_failover_enabled = true
  multi_az_enabled           = true

  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.this.arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = random_password.auth_token.result
  auth_token_update_strategy = "ROTATE"

  snapshot_retention_limit   = var.snapshot_retention_days
  snapshot_window            = var.snapshot_window
  final_snapshot_identifier  = "${var.replication_group_id}-final"
  maintenance_window         = var.maintenance_window
  auto_minor_version_upgrade = true
  apply_immediately          = false

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.slow_log.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  tags = var.tags
}

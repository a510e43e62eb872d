variable "replication_group_id" {
  type        = string
  description = "Name of the ElastiCache replication group."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$", var.replication_group_id)) && !strcontains(var.replication_group_id, "--")
    error_message = "2-40 characters: lowercase letters, digits and single hyphens, starting with a letter."
  }
}

variable "engine" {
  type        = string
  description = "valkey (the default: cheaper, same protocol) or redis."
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "valkey or redis."
  }
}

variable "engine_version" {
  type        = string
  description = "Engine version, major.minor (valkey 7.2 or 8.x, redis 7.x); BullMQ needs 6.2 or later."
  default     = "8.1"

  validation {
    condition     = can(regex("^(7|8)\\.[0-9]+$", var.engine_version))
    error_message = "A 7.x or 8.x version such as 8.1."
  }
}

variable "node_type" {
  type        = string
  description = "Cache node type. BullMQ keeps every queued job in memory: size it for the longest backlog."
  default     = "cache.m7g.large"

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.node_type))
    error_message = "An ElastiCache node type such as cache.m7g.large."
  }
}

variable "replica_count" {
  type        = number
  description = "Replicas of the primary, each in another zone; one at least, for Multi-AZ automatic failover."
  default     = 1

  validation {
    condition     = var.replica_count >= 1 && var.replica_count <= 5 && floor(var.replica_count) == var.replica_count
    error_message = "A whole number from 1 to 5."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cache."

  validation {
    condition     = startswith(var.vpc_id, "vpc-")
    error_message = "Must be a VPC ID (vpc-...)."
  }
}

variable "subnet_ids" {
  type        = list(string)
  description = "Database subnets in two or more zones (network module output database_subnet_ids)."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Multi-AZ needs subnets in at least two zones."
  }
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups that may connect on 6379: the EKS node group's. Nothing else is admitted."

  validation {
    condition     = length(var.allowed_security_group_ids) > 0
    error_message = "Name the clients' security group, or nobody can connect."
  }
}

variable "snapshot_retention_days" {
  type        = number
  description = "Days of daily snapshots kept."
  default     = 7

  validation {
    condition     = var.snapshot_retention_days >= 1 && var.snapshot_retention_days <= 35
    error_message = "Between 1 and 35 days."
  }
}

variable "snapshot_window" {
  type        = string
  description = "Daily snapshot window (UTC, hh24:mi-hh24:mi); must not overlap the maintenance window."
  default     = "01:00-02:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.snapshot_window))
    error_message = "hh24:mi-hh24:mi, e.g. 01:00-02:00."
  }
}

variable "maintenance_window" {
  type        = string
  description = "Weekly maintenance window (UTC, ddd:hh24:mi-ddd:hh24:mi)."
  default     = "sun:05:00-sun:06:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "ddd:hh24:mi-ddd:hh24:mi, e.g. sun:05:00-sun:06:00."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the slow log."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "A retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

variable "identifier" {
  type        = string
  description = "Name of the RDS instance; replicas and supporting resources derive theirs from it."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.identifier)) && !strcontains(var.identifier, "--")
    error_message = "3-42 characters: lowercase letters, digits and single hyphens, starting with a letter."
  }
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL version: the major version alone (17) lets RDS apply minor upgrades in the maintenance window."
  default     = "17"

  validation {
    condition     = can(regex("^17(\\.[0-9]+)?$", var.engine_version))
    error_message = "PostgreSQL 17: \"17\" or a minor version such as \"17.5\"."
  }
}

variable "instance_class" {
  type        = string
  description = "Instance class of the primary (and of the replicas unless replica_instance_class is set)."
  default     = "db.m7g.large"

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "An RDS instance class such as db.m7g.large."
  }
}

variable "replica_instance_class" {
  type        = string
  description = "Instance class of the read replicas; null: the primary's."
  default     = null

  validation {
    condition     = var.replica_instance_class == null || can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.replica_instance_class))
    error_message = "An RDS instance class such as db.m7g.large, or null."
  }
}

variable "allocated_storage_gib" {
  type        = number
  description = "Initial gp3 storage in GiB."
  default     = 100

  validation {
    condition     = var.allocated_storage_gib >= 20 && var.allocated_storage_gib <= 65536
    error_message = "Between 20 and 65536 GiB."
  }
}

variable "max_allocated_storage_gib" {
  type        = number
  description = "Ceiling for storage autoscaling in GiB."
  default     = 500

  validation {
    condition     = var.max_allocated_storage_gib >= var.allocated_storage_gib && var.max_allocated_storage_gib <= 65536
    error_message = "At least allocated_storage_gib and at most 65536."
  }
}

variable "database_name" {
  type        = string
  description = "Database created with the instance. Elara's roles (elara_owner owns it) are created afterwards; see the README."
  default     = "elara"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "A lowercase PostgreSQL identifier."
  }
}

variable "master_username" {
  type        = string
  description = "Administrator login. RDS generates its password and keeps it in Secrets Manager; the application never uses it."
  default     = "elara_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.master_username)) && !contains(["postgres", "rdsadmin", "elara_owner", "elara_app", "elara_directory"], var.master_username)
    error_message = "A lowercase identifier other than postgres, rdsadmin and Elara's own roles."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the database."

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
  description = "Security groups that may connect on 5432: the EKS node group's. Nothing else is admitted."

  validation {
    condition     = length(var.allowed_security_group_ids) > 0
    error_message = "Name the clients' security group, or nobody can connect."
  }
}

variable "multi_az" {
  type        = bool
  description = "A synchronous standby in another zone with automatic failover."
  default     = true
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups, which is also the point-in-time-recovery window."
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "Between 1 and 35 days: 0 would turn off backups and point-in-time recovery."
  }
}

variable "backup_window" {
  type        = string
  description = "Daily backup window (UTC, hh24:mi-hh24:mi); must not overlap the maintenance window."
  default     = "02:00-03:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.backup_window))
    error_message = "hh24:mi-hh24:mi, e.g. 02:00-03:00."
  }
}

variable "maintenance_window" {
  type        = string
  description = "Weekly maintenance window (UTC, ddd:hh24:mi-ddd:hh24:mi)."
  default     = "sun:03:30-sun:04:30"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "ddd:hh24:mi-ddd:hh24:mi, e.g. sun:03:30-sun:04:30."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instances; turn off deliberately, in its own apply, before destroying."
  default     = true
}

variable "read_replica_count" {
  type        = number
  description = "Read replicas (asynchronous, same region) for reporting and read-only queries."
  default     = 1

  validation {
    condition     = var.read_replica_count >= 0 && var.read_replica_count <= 5 && floor(var.read_replica_count) == var.read_replica_count
    error_message = "A whole number from 0 to 5."
  }
}

variable "performance_insights_retention_days" {
  type        = number
  description = "Days Performance Insights keeps its data: 7 is free, longer is billed."
  default     = 7

  validation {
    condition     = var.performance_insights_retention_days == 7 || (var.performance_insights_retention_days % 31 == 0 && var.performance_insights_retention_days <= 713) || var.performance_insights_retention_days == 731
    error_message = "7, a multiple of 31 up to 713, or 731."
  }
}

variable "monitoring_interval_seconds" {
  type        = number
  description = "Enhanced Monitoring (OS metrics) interval; 0 turns it off."
  default     = 60

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval_seconds)
    error_message = "One of 0, 1, 5, 10, 15, 30, 60."
  }
}

variable "log_min_duration_ms" {
  type        = number
  description = "Statements slower than this are logged with their duration; -1 turns it off."
  default     = 500

  validation {
    condition     = var.log_min_duration_ms >= -1
    error_message = "-1 (off) or a number of milliseconds."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

variable "aws_account_id" {
  type        = string
  description = "The AWS account this environment lives in; the provider refuses any other."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "A 12-digit AWS account ID."
  }
}

variable "region" {
  type        = string
  description = "AWS region, e.g. eu-west-1."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "An AWS region name such as eu-west-1."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Three availability zones of the region."

  validation {
    condition     = length(var.availability_zones) == 3 && alltrue([for zone in var.availability_zones : startswith(zone, var.region)])
    error_message = "Three zones of the chosen region, e.g. eu-west-1a, eu-west-1b, eu-west-1c."
  }
}

variable "environment" {
  type        = string
  description = "Environment name, part of every resource name."
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.environment))
    error_message = "2-12 lowercase letters and digits."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "IPv4 range of the VPC (/16 to /20); must not overlap networks you will peer with."
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "An IPv4 CIDR block."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One NAT gateway instead of one per zone: saves about 65 USD a month, loses egress when its zone fails."
  default     = false
}

variable "kubernetes_version" {
  type        = string
  description = "EKS Kubernetes minor version."
  default     = "1.33"

  validation {
    condition     = can(regex("^1\\.(29|3[0-9])$", var.kubernetes_version))
    error_message = "A minor version such as 1.33, from 1.29 on."
  }
}

variable "cluster_admin_arns" {
  type        = list(string)
  description = "IAM roles or users with cluster-admin (operators' SSO role, the deploying CI role)."

  validation {
    condition     = length(var.cluster_admin_arns) > 0
    error_message = "At least one administrator, or nobody can install the chart."
  }
}

variable "api_public_access_cidrs" {
  type        = list(string)
  description = "Addresses that may reach the Kubernetes API from the internet; empty keeps it private (reach it through a VPN or bastion)."
  default     = []

  validation {
    condition     = alltrue([for cidr in var.api_public_access_cidrs : can(cidrhost(cidr, 0))])
    error_message = "IPv4 CIDR blocks."
  }
}

variable "node_instance_types" {
  type        = list(string)
  description = "Instance types of the node group."
  default     = ["m7i.large"]

  validation {
    condition     = length(var.node_instance_types) > 0
    error_message = "At least one instance type."
  }
}

variable "node_count" {
  type = object({
    min     = number
    max     = number
    desired = number
  })
  description = "Node group size: three at least, one per zone."
  default = {
    min     = 3
    max     = 9
    desired = 3
  }

  validation {
    condition     = var.node_count.min >= 3 && var.node_count.min <= var.node_count.desired && var.node_count.desired <= var.node_count.max
    error_message = "3 <= min <= desired <= max."
  }
}

variable "postgres_instance_class" {
  type        = string
  description = "RDS instance class of the primary and the replica."
  default     = "db.m7g.large"

  validation {
    condition     = startswith(var.postgres_instance_class, "db.")
    error_message = "An RDS instance class such as db.m7g.large."
  }
}

variable "postgres_storage_gib" {
  type        = number
  description = "Initial RDS storage in GiB (autoscaling up to five times as much)."
  default     = 100

  validation {
    condition     = var.postgres_storage_gib >= 20
    error_message = "At least 20 GiB."
  }
}

variable "postgres_read_replicas" {
  type        = number
  description = "Read replicas of the database."
  default     = 1

  validation {
    condition     = var.postgres_read_replicas >= 0 && var.postgres_read_replicas <= 5
    error_message = "From 0 to 5."
  }
}

variable "redis_node_type" {
  type        = string
  description = "ElastiCache node type."
  default     = "cache.m7g.large"

  validation {
    condition     = startswith(var.redis_node_type, "cache.")
    error_message = "An ElastiCache node type such as cache.m7g.large."
  }
}

variable "media_bucket_name" {
  type        = string
  description = "Globally unique name of the media bucket."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.media_bucket_name))
    error_message = "A valid S3 bucket name."
  }
}

variable "media_expiration_days" {
  type        = number
  description = "Days forwarded media is kept (privacy: as short as review allows)."
  default     = 30

  validation {
    condition     = var.media_expiration_days >= 1 && var.media_expiration_days <= 365
    error_message = "Between 1 and 365 days."
  }
}

variable "kubernetes_namespace" {
  type        = string
  description = "Namespace the chart is installed in (k8s/namespaces.yaml creates it)."
  default     = "elara-production"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.kubernetes_namespace))
    error_message = "A Kubernetes namespace name."
  }
}

variable "helm_release_name" {
  type        = string
  description = "Name of the Helm release; the chart names its ServiceAccounts <release>-api and <release>-worker."
  default     = "elara"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.helm_release_name))
    error_message = "A Helm release name."
  }
}

variable "app_secret_name" {
  type        = string
  description = "Kubernetes Secret the External Secrets Operator writes and the chart reads (secrets.existingSecret)."
  default     = "elara-app"

  validation {
    condition     = can(regex("^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$", var.app_secret_name))
    error_message = "A Kubernetes object name."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource (cost centre, owner)."
  default     = {}
}

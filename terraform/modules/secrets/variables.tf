variable "name_prefix" {
  type        = string
  description = "Prefix of the secret names, e.g. elara/production (secrets are <prefix>/app and <prefix>/database-roles)."

  validation {
    condition     = can(regex("^[A-Za-z0-9/_+=.@-]{1,400}$", var.name_prefix)) && !endswith(var.name_prefix, "/")
    error_message = "Letters, digits and /_+=.@- only, not ending in /."
  }
}

variable "recovery_window_days" {
  type        = number
  description = "Days a deleted secret can still be restored; 0 deletes at once."
  default     = 30

  validation {
    condition     = var.recovery_window_days == 0 || (var.recovery_window_days >= 7 && var.recovery_window_days <= 30)
    error_message = "0, or between 7 and 30."
  }
}

variable "database" {
  type = object({
    host = string
    port = number
    name = string
  })
  description = "Where the database is (postgres module outputs address, port, database_name)."
}

variable "database_sslmode" {
  type        = string
  description = "sslmode in DATABASE_URL. verify-full checks the RDS certificate: the pods need the RDS CA bundle (NODE_EXTRA_CA_CERTS)."
  default     = "verify-full"

  validation {
    condition     = contains(["verify-full", "verify-ca", "require", "no-verify"], var.database_sslmode)
    error_message = "verify-full, verify-ca, require or no-verify; never disable: RDS refuses plain-text connections."
  }
}

variable "redis" {
  type = object({
    host = string
    port = number
  })
  description = "Where Redis is (redis module outputs primary_endpoint_address, port)."
}

variable "redis_auth_token" {
  type        = string
  description = "AUTH token of the replication group (redis module output auth_token)."
  sensitive   = true
}

variable "external_secrets_service_account" {
  type = object({
    namespace = string
    name      = string
  })
  description = "ServiceAccount the External Secrets Operator's SecretStore authenticates as (IRSA)."
}

variable "oidc_provider_arn" {
  type        = string
  description = "IAM OIDC provider of the cluster (eks module output oidc_provider_arn)."
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer URL of the cluster (eks module output oidc_issuer_url)."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

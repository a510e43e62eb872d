variable "name" {
  type        = string
  description = "Name of the IAM role."

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.name))
    error_message = "IAM role names are 1-64 characters of letters, digits and +=,.@_-."
  }
}

variable "oidc_provider_arn" {
  type        = string
  description = "ARN of the cluster's IAM OIDC identity provider (eks module output oidc_provider_arn)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/", var.oidc_provider_arn))
    error_message = "Must be the ARN of an IAM OIDC provider."
  }
}

variable "oidc_issuer_url" {
  type        = string
  description = "The cluster's OIDC issuer URL, https:// included (eks module output oidc_issuer_url)."

  validation {
    condition     = startswith(var.oidc_issuer_url, "https://")
    error_message = "The issuer URL starts with https://."
  }
}

variable "service_accounts" {
  type = list(object({
    namespace = string
    name      = string
  }))
  description = "Kubernetes ServiceAccounts allowed to assume the role."

  validation {
    condition     = length(var.service_accounts) > 0
    error_message = "Name at least one ServiceAccount: a role nobody may assume is a mistake."
  }

  validation {
    condition = alltrue([
      for sa in var.service_accounts :
      can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", sa.namespace)) && can(regex("^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$", sa.name))
    ])
    error_message = "Namespaces and ServiceAccount names are Kubernetes DNS names (lowercase)."
  }
}

variable "policy_arns" {
  type        = list(string)
  description = "IAM policies attached to the role."
  default     = []

  validation {
    condition     = alltrue([for arn in var.policy_arns : can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/", arn))])
    error_message = "Each entry is an IAM policy ARN."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags for the role."
  default     = {}
}

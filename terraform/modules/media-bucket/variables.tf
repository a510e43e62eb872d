variable "bucket_name" {
  type        = string
  description = "Globally unique name of the media bucket."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "..") && !startswith(var.bucket_name, "xn--")
    error_message = "3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "expiration_days" {
  type        = number
  description = "Days forwarded media is kept. Users forward suspicious messages, often with private pictures: keep them only as long as review needs."
  default     = 30

  validation {
    condition     = var.expiration_days >= 1 && var.expiration_days <= 365
    error_message = "Between 1 and 365 days."
  }
}

variable "expiring_prefix" {
  type        = string
  description = "Key prefix the expiry applies to; empty (the default): the whole bucket."
  default     = ""
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days a deleted or overwritten object's old version survives (versioning protects against mistakes, not against the expiry)."
  default     = 1

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 30
    error_message = "Between 1 and 30 days."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

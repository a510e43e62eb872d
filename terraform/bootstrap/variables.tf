variable "aws_account_id" {
  type        = string
  description = "The AWS account that holds the state; the provider refuses any other."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "A 12-digit AWS account ID."
  }
}

variable "region" {
  type        = string
  description = "Region of the state bucket."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "An AWS region name such as eu-west-1."
  }
}

variable "state_bucket_name" {
  type        = string
  description = "Globally unique name of the state bucket, e.g. elara-terraform-state-<account id>."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "A valid S3 bucket name."
  }
}

variable "create_lock_table" {
  type        = bool
  description = "Also create a DynamoDB lock table, for Terraform 1.9 (1.10 and later lock with a file in the bucket)."
  default     = false
}

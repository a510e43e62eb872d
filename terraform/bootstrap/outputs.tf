output "state_bucket" {
  description = "The backend's bucket (backend.hcl: bucket)."
  value       = aws_s3_bucket.state.id
}

output "state_kms_key_arn" {
  description = "KMS key of the state (backend.hcl: kms_key_id)."
  value       = aws_kms_key.state.arn
}

output "lock_table" {
  description = "DynamoDB lock table for Terraform 1.9 (backend.hcl: dynamodb_table), or null."
  value       = var.create_lock_table ? aws_dynamodb_table.locks[0].name : null
}

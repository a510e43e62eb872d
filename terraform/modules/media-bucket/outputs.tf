output "bucket_name" {
  description = "Name of the media bucket."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the media bucket."
  value       = aws_s3_bucket.this.arn
}

output "bucket_region" {
  description = "Region of the media bucket."
  value       = aws_s3_bucket.this.region
}

output "kms_key_arn" {
  description = "KMS key that encrypts the media."
  value       = aws_kms_key.this.arn
}

output "access_policy_arn" {
  description = "IAM policy for the application's role: object read, write and delete."
  value       = aws_iam_policy.access.arn
}

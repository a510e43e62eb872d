# Partial configuration: the values live in backend.hcl (copy backend.hcl.example), passed as
#   terraform init -backend-config=backend.hcl
# The state holds every generated secret in plain text, so the bucket is KMS-encrypted,
# versioned and private (terraform/bootstrap creates it).
terraform {
  backend "s3" {}
}

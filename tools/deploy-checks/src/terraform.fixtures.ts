/** A `versions.tf` that passes every check: the test snippets' modules start from it. */
export const VERSIONS = `terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}
`;

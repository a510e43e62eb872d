data "aws_region" "current" {}

locals {
  # Elara's database roles (packages/db ROLES): the owner runs migrations, the app role serves.
  owner_role = "elara_owner"
  app_role   = "elara_app"

  database_address = "${var.database.host}:${var.database.port}/${var.database.name}?sslmode=${var.database_sslmode}"
}

# Every generated value below is written to the Terraform state in plain text: the state bucket
# must be encrypted and readable only by whoever may read these secrets.
resource "random_password" "database_owner" {
  length  = 40
  special = false
}

resource "random_password" "database_app" {
  length  = 40
  special = false
}

# ELARA_SECRETS_KEY and AUTH_API_KEY_PEPPER: 32 random bytes, base64, as the config requires.
resource "random_bytes" "secrets_key" {
  length = 32
}

resource "random_bytes" "api_key_pepper" {
  length = 32
}

# AUTH_JWT_PRIVATE_KEY: Ed25519 in PKCS#8 PEM. Rotating it means keeping the old public key in
# AUTH_JWT_PREVIOUS_PUBLIC_KEYS until issued tokens expire.
resource "tls_private_key" "jwt" {
  algorithm = "ED25519"
}

resource "aws_kms_key" "this" {
  description             = "${var.name_prefix}: application secrets"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  tags = var.tags
}

# The keys of the chart's existingSecret, one JSON object the External Secrets Operator copies as is.
resource "aws_secretsmanager_secret" "app" {
  name                    = "${var.name_prefix}/app"
  description             = "Elara application secrets (DATABASE_URL, REDIS_URL, keys)"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    DATABASE_URL         = "postgres://${local.app_role}:${urlencode(random_password.database_app.result)}@${local.database_address}"
    DATABASE_OWNER_URL   = "postgres://${local.owner_role}:${urlencode(random_password.database_owner.result)}@${local.database_address}"
    REDIS_URL            = "rediss://:${urlencode(var.redis_auth_token)}@${var.redis.host}:${var.redis.port}"
    ELARA_SECRETS_KEY    = random_bytes.secrets_key.base64
    AUTH_JWT_PRIVATE_KEY = tls_private_key.jwt.private_key_pem_pkcs8
    AUTH_API_KEY_PEPPER  = random_bytes.api_key_pepper.base64
  })
}

# The pieces of the two login roles, for the one-time bootstrap that creates them (see README).
resource "aws_secretsmanager_secret" "database_roles" {
  name                    = "${var.name_prefix}/database-roles"
  description             = "Passwords of elara_owner and elara_app, for creating the roles"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "database_roles" {
  secret_id = aws_secretsmanager_secret.database_roles.id
  secret_string = jsonencode({
    host           = var.database.host
    port           = var.database.port
    database       = var.database.name
    owner_username = local.owner_role
    owner_password = random_password.database_owner.result
    app_username   = local.app_role
    app_password   = random_password.database_app.result
  })
}

# The External Secrets Operator reads the app secret, and only that one.
data "aws_iam_policy_document" "read_app_secret" {
  statement {
    sid       = "ReadAppSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_secretsmanager_secret.app.arn]
  }

  statement {
    sid       = "DecryptThroughSecretsManager"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "read_app_secret" {
  name        = "${replace(var.name_prefix, "/", "-")}-read-app-secret"
  description = "Read ${var.name_prefix}/app"
  policy      = data.aws_iam_policy_document.read_app_secret.json

  tags = var.tags
}

module "external_secrets_role" {
  source = "../irsa-role"

  name              = "${replace(var.name_prefix, "/", "-")}-external-secrets"
  oidc_provider_arn = var.oidc_provider_arn
  oidc_issuer_url   = var.oidc_issuer_url
  service_accounts  = [var.external_secrets_service_account]
  policy_arns       = [aws_iam_policy.read_app_secret.arn]
  tags              = var.tags
}

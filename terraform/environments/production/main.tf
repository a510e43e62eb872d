locals {
  name = "elara-${var.environment}"
  tags = merge(var.tags, {
    Project     = "elara"
    Environment = var.environment
    ManagedBy   = "terraform"
  })
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  cidr_block         = var.vpc_cidr
  availability_zones = var.availability_zones
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

module "eks" {
  source = "../../modules/eks"

  cluster_name                 = local.name
  kubernetes_version           = var.kubernetes_version
  vpc_id                       = module.network.vpc_id
  subnet_ids                   = module.network.private_subnet_ids
  endpoint_public_access_cidrs = var.api_public_access_cidrs
  admin_principal_arns         = var.cluster_admin_arns
  node_instance_types          = var.node_instance_types
  node_min_size                = var.node_count.min
  node_max_size                = var.node_count.max
  node_desired_size            = var.node_count.desired
  tags                         = local.tags
}

module "postgres" {
  source = "../../modules/postgres"

  identifier                 = local.name
  instance_class             = var.postgres_instance_class
  allocated_storage_gib      = var.postgres_storage_gib
  max_allocated_storage_gib  = var.postgres_storage_gib * 5
  read_replica_count         = var.postgres_read_replicas
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  allowed_security_group_ids = [module.eks.node_security_group_id]
  tags                       = local.tags
}

module "redis" {
  source = "../../modules/redis"

  replication_group_id       = local.name
  node_type                  = var.redis_node_type
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  allowed_security_group_ids = [module.eks.node_security_group_id]
  tags                       = local.tags
}

module "media_bucket" {
  source = "../../modules/media-bucket"

  bucket_name     = var.media_bucket_name
  expiration_days = var.media_expiration_days
  tags            = local.tags
}

module "secrets" {
  source = "../../modules/secrets"

  name_prefix = "elara/${var.environment}"
  database = {
    host = module.postgres.address
    port = module.postgres.port
    name = module.postgres.database_name
  }
  redis = {
    host = module.redis.primary_endpoint_address
    port = module.redis.port
  }
  redis_auth_token = module.redis.auth_token
  external_secrets_service_account = {
    namespace = var.kubernetes_namespace
    name      = local.external_secrets_service_account
  }
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer_url   = module.eks.oidc_issuer_url
  tags              = local.tags
}

# The application's pods (api and worker) reach the media bucket through this role.
module "app_role" {
  source = "../../modules/irsa-role"

  name              = "${local.name}-app"
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer_url   = module.eks.oidc_issuer_url
  service_accounts = [
    { namespace = var.kubernetes_namespace, name = "${var.helm_release_name}-api" },
    { namespace = var.kubernetes_namespace, name = "${var.helm_release_name}-worker" },
  ]
  policy_arns = [module.media_bucket.access_policy_arn]
  tags        = local.tags
}

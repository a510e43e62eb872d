locals {
  external_secrets_service_account = "elara-external-secrets"
  secret_store_name                = "elara-aws-secrets-manager"

  # Values for charts/elara (see its values.yaml): the datastores are external and reached only
  # in their subnets, the app secret comes from the External Secrets Operator. Keep the keys in
  # step with the chart; test/deploy/terraform.test.ts checks that every key path exists there.
  helm_values = {
    secrets = {
      existingSecret = var.app_secret_name
    }
    postgres = {
      mode = "external"
    }
    redis = {
      mode = "external"
    }
    # The media bucket's IAM role (IRSA) for the two components that may read forwarded media.
    api = {
      serviceAccountAnnotations = {
        "eks.amazonaws.com/role-arn" = module.app_role.role_arn
      }
    }
    worker = {
      serviceAccountAnnotations = {
        "eks.amazonaws.com/role-arn" = module.app_role.role_arn
      }
    }
    networkPolicy = {
      externalPostgres = {
        cidrs = module.network.database_subnet_cidrs
        port  = module.postgres.port
      }
      externalRedis = {
        cidrs = module.network.database_subnet_cidrs
        port  = module.redis.port
      }
      # The private API endpoint's network interfaces live in the private subnets.
      kubeApi = {
        cidrs = module.network.private_subnet_cidrs
        ports = [443]
      }
    }
  }

  # Syncs Secrets Manager's <prefix>/app into the Kubernetes Secret the chart reads. The
  # SecretStore authenticates as its own ServiceAccount, which alone may assume the reader role.
  external_secrets_manifests = [
    {
      apiVersion = "v1"
      kind       = "ServiceAccount"
      metadata = {
        name      = local.external_secrets_service_account
        namespace = var.kubernetes_namespace
        annotations = {
          "eks.amazonaws.com/role-arn" = module.secrets.external_secrets_role_arn
        }
      }
    },
    {
      apiVersion = "external-secrets.io/v1"
      kind       = "SecretStore"
      metadata = {
        name      = local.secret_store_name
        namespace = var.kubernetes_namespace
      }
      spec = {
        provider = {
          aws = {
            service = "SecretsManager"
            region  = var.region
            auth = {
              jwt = {
                serviceAccountRef = {
                  name = local.external_secrets_service_account
                }
              }
            }
          }
        }
      }
    },
    {
      apiVersion = "external-secrets.io/v1"
      kind       = "ExternalSecret"
      metadata = {
        name      = var.app_secret_name
        namespace = var.kubernetes_namespace
      }
      spec = {
        refreshInterval = "1h"
        secretStoreRef = {
          kind = "SecretStore"
          name = local.secret_store_name
        }
        target = {
          name           = var.app_secret_name
          creationPolicy = "Owner"
        }
        dataFrom = [
          {
            extract = {
              key = module.secrets.app_secret_name
            }
          },
        ]
      }
    },
  ]
}

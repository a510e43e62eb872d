-- Issue 4: each tenant's SAML identity provider configuration (validated by @elara/saml-sso on
-- save and on load). One row per tenant, under the tenant's row-level security like all tenant data.
CREATE TABLE tenant_sso_configs (
  tenant_id  uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  -- The TenantSamlConfigInput as the tenant's owner saved it (IdP metadata or fields, mappings).
  config     jsonb NOT NULL CHECK (octet_length(config::text) <= 300000),
  enabled    boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE tenant_sso_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_sso_configs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_sso_configs
  USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_sso_configs TO elara_app;

-- Identity (@elara/identity): tenant staff accounts, Elara's own operators, refresh-token families
-- and API keys, plus two tenant settings for the admin API.
--
-- Two kinds of context reach these tables:
-- * a tenant context (withTenant: app.tenant_id set), which sees only that tenant's rows, as in
--   every other tenant table;
-- * the platform context (withPlatform in @elara/identity: app.platform = 'on'), used only by the
--   operators' login and session paths. It sees platform_admins and the platform admins' refresh
--   tokens, and no tenant's rows. A tenant context never sets app.platform, so platform rows stay
--   invisible to every tenant path even when a query forgets a filter.

-- True only inside a transaction opened by withPlatform (set_config('app.platform', 'on', true)).
-- Called through a scalar sub-select in policies, like app_current_tenant: once per statement.
CREATE FUNCTION app_platform_context() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$;

-- Tenant settings edited through the admin API.
ALTER TABLE tenants
  -- Staff must sign in through the tenant's SAML identity provider; password login is refused.
  ADD COLUMN sso_only    boolean NOT NULL DEFAULT false,
  -- How verbose WhatsApp replies are.
  ADD COLUMN reply_style text NOT NULL DEFAULT 'standard' CHECK (reply_style IN ('standard', 'brief'));

-- A tenant's staff. SSO-only users have no password hash; sso_subject is the SAML NameID.
CREATE TABLE admin_users (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (email = lower(btrim(email)) AND email ~ '^[^@\s]+@[^@\s]+$'
                                     AND length(email) <= 254),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role          text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'viewer')),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  -- argon2id PHC string; never anything reversible.
  password_hash text CHECK (password_hash LIKE '$argon2id$%'),
  sso_subject   text CHECK (length(sso_subject) BETWEEN 1 AND 1024),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email),
  UNIQUE (tenant_id, sso_subject)
);

-- Operators of Elara itself: not tenant data, so no tenant_id. Row-level security is forced with a
-- policy that admits only the platform context, so no tenant path can read or write them.
CREATE TABLE platform_admins (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND email ~ '^[^@\s]+@[^@\s]+$'
                                            AND length(email) <= 254),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

-- Refresh tokens, one row per token, grouped in families (one family per login). Only a SHA-256 of
-- the token is stored. A token is used once: using it marks it used_at and inserts its child in the
-- same family; presenting a used token again revokes the whole family (reuse detection).
-- tenant_id is NULL for a platform admin's tokens, so the key is (id) alone, not (tenant_id, id);
-- the composite foreign key still ties a tenant token to a user of the same tenant.
CREATE TABLE refresh_tokens (
  id                 uuid PRIMARY KEY,
  tenant_id          uuid REFERENCES tenants (id) ON DELETE CASCADE,
  admin_user_id      uuid,
  platform_admin_id  uuid REFERENCES platform_admins (id) ON DELETE CASCADE,
  family_id          uuid NOT NULL,
  parent_id          uuid,
  token_hash         bytea NOT NULL CHECK (octet_length(token_hash) = 32),
  created_at         timestamptz NOT NULL DEFAULT now(),
  -- Idle expiry of this token, never past the family's absolute expiry.
  expires_at         timestamptz NOT NULL,
  session_expires_at timestamptz NOT NULL,
  used_at            timestamptz,
  revoked_at         timestamptz,
  revoked_reason     text CHECK (revoked_reason IN ('logout', 'reuse', 'account', 'admin')),
  CHECK (expires_at <= session_expires_at),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
  -- Exactly one subject: a tenant's user, or a platform admin.
  CHECK ((tenant_id IS NOT NULL AND admin_user_id IS NOT NULL AND platform_admin_id IS NULL)
      OR (tenant_id IS NULL AND admin_user_id IS NULL AND platform_admin_id IS NOT NULL)),
  FOREIGN KEY (tenant_id, admin_user_id) REFERENCES admin_users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_admin_user ON refresh_tokens (tenant_id, admin_user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_platform_admin ON refresh_tokens (platform_admin_id) WHERE revoked_at IS NULL;

-- A tenant's API keys. The key id (id) is part of the key the client holds and is unique across
-- tenants so the directory can resolve it; the secret is stored only as an HMAC-SHA-256 under a
-- server-side pepper that the database never sees.
CREATE TABLE api_keys (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  secret_hash  bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
  scopes       text[] NOT NULL CHECK (cardinality(scopes) BETWEEN 1 AND 64),
  created_by   uuid,
  rotated_from uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at   timestamptz,
  revoked_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES admin_users (tenant_id, id) ON DELETE SET NULL (created_by),
  FOREIGN KEY (tenant_id, rotated_from) REFERENCES api_keys (tenant_id, id) ON DELETE SET NULL (rotated_from)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['admin_users', 'api_keys', 'refresh_tokens', 'platform_admins'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['admin_users', 'api_keys', 'refresh_tokens'] LOOP
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_current_tenant()))'
                   ' WITH CHECK (tenant_id = (SELECT app_current_tenant()))', t);
  END LOOP;
END $$;
-- Permissive policies are OR-ed: a platform admin's tokens (tenant_id NULL) are reachable only in
-- the platform context, which in turn sees no tenant's tokens.
CREATE POLICY platform_sessions ON refresh_tokens
  USING (tenant_id IS NULL AND (SELECT app_platform_context()))
  WITH CHECK (tenant_id IS NULL AND (SELECT app_platform_context()));
CREATE POLICY platform_only ON platform_admins
  USING ((SELECT app_platform_context())) WITH CHECK ((SELECT app_platform_context()));

GRANT SELECT, INSERT, UPDATE, DELETE ON admin_users, api_keys, refresh_tokens TO elara_app;
-- Operators are disabled, never deleted by the application.
GRANT SELECT, INSERT, UPDATE ON platform_admins TO elara_app;
GRANT EXECUTE ON FUNCTION app_platform_context() TO elara_app;

-- The narrow cross-tenant paths of identity, in 001's pattern: SECURITY DEFINER functions owned by
-- elara_directory, which may read only the columns they use. Each takes one exact key and returns
-- only which tenant (or the platform) to open a context for; the secret checks then run under
-- row-level security in that context.
GRANT SELECT (slug, sso_only) ON tenants TO elara_directory;
GRANT SELECT (tenant_id, id) ON refresh_tokens, api_keys TO elara_directory;
CREATE POLICY directory_lookup ON refresh_tokens FOR SELECT TO elara_directory USING (true);
CREATE POLICY directory_lookup ON api_keys FOR SELECT TO elara_directory USING (true);

-- Password login names a tenant by its slug: its id, status and whether it requires SSO.
CREATE FUNCTION resolve_tenant_slug(p_slug text)
  RETURNS TABLE (tenant_id uuid, status text, sso_only boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT t.id, t.status, t.sso_only FROM tenants t WHERE t.slug = p_slug $$;

-- The tenant of one refresh token: one row with tenant_id NULL for a platform admin's token, no
-- row for an unknown id.
CREATE FUNCTION resolve_refresh_token(p_token_id uuid)
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT r.tenant_id FROM refresh_tokens r WHERE r.id = p_token_id $$;

-- The tenant of one API key id.
CREATE FUNCTION resolve_api_key(p_key_id uuid)
  RETURNS TABLE (tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT k.tenant_id FROM api_keys k WHERE k.id = p_key_id $$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['resolve_tenant_slug(text)', 'resolve_refresh_token(uuid)',
                           'resolve_api_key(uuid)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO elara_directory', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO elara_app', f);
  END LOOP;
END $$;

-- Issue 4: operators list tenants (@elara/tenant-admin `tenants.list`).

-- Operators list tenants. Tenants are rows of a tenant table (RLS: a tenant context sees only
-- itself, the platform context of 006 sees none), so listing them is a cross-tenant path, in 001's
-- pattern: a SECURITY DEFINER function owned by elara_directory that reads only the columns it
-- returns (metadata, no settings), and only inside the platform context with no tenant set.
GRANT SELECT (name, tier, created_at) ON tenants TO elara_directory;

CREATE FUNCTION list_tenants(p_after_slug text, p_limit integer, p_status text)
  RETURNS TABLE (id uuid, slug text, name text, tier text, status text, created_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.id, t.slug, t.name, t.tier, t.status, t.created_at FROM tenants t
     WHERE (SELECT app_platform_context()) AND (SELECT app_current_tenant()) IS NULL
       AND (p_after_slug IS NULL OR t.slug > p_after_slug)
       AND (p_status IS NULL OR t.status = p_status)
     ORDER BY t.slug LIMIT least(greatest(p_limit, 0), 1000)
  $$;

ALTER FUNCTION list_tenants(text, integer, text) OWNER TO elara_directory;
REVOKE ALL ON FUNCTION list_tenants(text, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION list_tenants(text, integer, text) TO elara_app;

-- Not added: an index on inbound_messages (tenant_id, received_at DESC, id DESC) for the admin
-- message list. It would cost every inbound message one more index write on the hot path; add it
-- with a benchmark run (`pnpm bench:pipeline`) when tenants' message lists grow large.

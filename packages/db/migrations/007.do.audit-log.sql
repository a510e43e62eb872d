-- Tamper-evident audit log of admin actions (@elara/audit-log). Append-only, one hash chain per
-- tenant plus one platform chain (tenant_id NULL: actions outside any tenant, e.g. a platform admin
-- creating a tenant).
--
-- * The application role may INSERT and SELECT, never UPDATE, DELETE or TRUNCATE: no grant, no
--   policy for them under forced row-level security, and a trigger that refuses them for every
--   role but the table owner (who must also switch off FORCE ROW LEVEL SECURITY first).
-- * A tenant context (withTenant) sees and appends only that tenant's events. Platform events are
--   reachable only in the platform context of migration 006 (app.platform = 'on') with no tenant
--   set, so they never show in a tenant's context even if both settings were set at once.
-- * Every insert, whoever makes it, goes through audit_events_chain (BEFORE INSERT): it locks the
--   chain's head row, assigns seq = head + 1, prev_hash = the head's hash, occurred_at = the clock,
--   computes the hash and moves the head, all in the inserting transaction. Concurrent appends to
--   one chain queue on the head row, so the chain never forks (and (tenant_id, seq) is unique).
-- * The head (last seq and hash per chain) lets the verifier notice rows deleted from the tail.
--
-- Hash (v1): lowercase hex SHA-256 over the UTF-8 bytes of the concatenation of these fields, each
-- encoded as `<UTF-8 byte length>:<value>,` or `-,` for NULL:
--   'elara-audit-v1', id, tenant_id, seq, occurred_at as integer microseconds since the Unix epoch,
--   actor_type, actor_id, actor_display, action, target_type, target_id, outcome, host(source_ip),
--   user_agent, details::text (PostgreSQL's jsonb text form), prev_hash.
-- The first event of a chain has prev_hash = 64 zeros. packages/audit-log/src/verify/chain-hash.ts
-- computes exactly the same.

CREATE TABLE audit_events (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NULL: the platform chain. No foreign key: the trail outlives a deleted tenant, and deleting a
  -- tenant (which the app role may do in its own context) must not cascade into its audit log.
  tenant_id     uuid,
  seq           bigint NOT NULL CHECK (seq >= 1),
  occurred_at   timestamptz NOT NULL,
  actor_type    text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'platform_admin', 'system')),
  actor_id      text CHECK (length(actor_id) BETWEEN 1 AND 200),
  actor_display text CHECK (length(actor_display) BETWEEN 1 AND 200),
  action        text NOT NULL CHECK (length(action) <= 100 AND action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  target_type   text CHECK (target_type ~ '^[a-z][a-z0-9_]{0,63}$'),
  target_id     text CHECK (length(target_id) BETWEEN 1 AND 200),
  outcome       text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
  -- A single address, never a network.
  source_ip     inet CHECK (masklen(source_ip) = CASE family(source_ip) WHEN 4 THEN 32 ELSE 128 END),
  user_agent    text CHECK (length(user_agent) <= 512),
  details       jsonb NOT NULL DEFAULT '{}'
                CHECK (jsonb_typeof(details) = 'object' AND octet_length(details::text) <= 16384),
  prev_hash     text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash          text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  CHECK (actor_type = 'system' OR actor_id IS NOT NULL),
  CHECK (target_id IS NULL OR target_type IS NOT NULL),
  -- One chain per tenant, and one for the platform (NULL): seq is unique within each.
  CONSTRAINT audit_events_chain_seq UNIQUE NULLS NOT DISTINCT (tenant_id, seq)
);
-- Listing filters; paging and time ranges use the (tenant_id, seq) key above.
CREATE INDEX audit_events_by_action ON audit_events (tenant_id, action, seq);
CREATE INDEX audit_events_by_actor ON audit_events (tenant_id, actor_id, seq);

-- One row per chain: its last seq and hash, moved by every append in the same transaction.
CREATE TABLE audit_chain_heads (
  chain      text GENERATED ALWAYS AS (coalesce(tenant_id::text, 'platform')) STORED PRIMARY KEY,
  tenant_id  uuid,
  last_seq   bigint NOT NULL CHECK (last_seq >= 0),
  last_hash  text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One field of the hash input: `<UTF-8 byte length>:<value>,`, or `-,` for NULL.
CREATE FUNCTION audit_hash_field(p_value text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN p_value IS NULL THEN '-,'
                    ELSE octet_length(convert_to(p_value, 'UTF8'))::text || ':' || p_value || ',' END $$;

-- The event hash (v1); see the header of this file.
CREATE FUNCTION audit_event_hash(
  p_id uuid, p_tenant_id uuid, p_seq bigint, p_occurred_at timestamptz, p_actor_type text, p_actor_id text,
  p_actor_display text, p_action text, p_target_type text, p_target_id text, p_outcome text, p_source_ip inet,
  p_user_agent text, p_details jsonb, p_prev_hash text
) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT encode(sha256(convert_to(
      audit_hash_field('elara-audit-v1') || audit_hash_field(p_id::text) || audit_hash_field(p_tenant_id::text)
      || audit_hash_field(p_seq::text)
      || audit_hash_field((extract(epoch FROM p_occurred_at) * 1000000)::bigint::text)
      || audit_hash_field(p_actor_type) || audit_hash_field(p_actor_id) || audit_hash_field(p_actor_display)
      || audit_hash_field(p_action) || audit_hash_field(p_target_type) || audit_hash_field(p_target_id)
      || audit_hash_field(p_outcome) || audit_hash_field(host(p_source_ip)) || audit_hash_field(p_user_agent)
      || audit_hash_field(p_details::text) || audit_hash_field(p_prev_hash),
      'UTF8')), 'hex')
  $$;

-- Chains every inserted event, whatever the caller supplied for seq, prev_hash, occurred_at and
-- hash. SECURITY DEFINER (owned by elara_directory below) so that only this function can move a
-- head: the app role may read heads but not write them.
CREATE FUNCTION audit_events_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_last_seq bigint;
  v_last_hash text;
BEGIN
  -- Creates the head on a chain's first event, else locks it (a no-op update): concurrent appends
  -- to this chain wait here until this transaction ends, then read the head it left.
  INSERT INTO audit_chain_heads AS h (tenant_id, last_seq, last_hash)
  VALUES (NEW.tenant_id, 0, repeat('0', 64))
  ON CONFLICT (chain) DO UPDATE SET last_seq = h.last_seq
  RETURNING h.last_seq, h.last_hash INTO v_last_seq, v_last_hash;

  NEW.seq := v_last_seq + 1;
  NEW.prev_hash := v_last_hash;
  -- The clock after the lock, so occurred_at follows seq within a chain.
  NEW.occurred_at := clock_timestamp();
  NEW.details := coalesce(NEW.details, '{}');
  NEW.hash := audit_event_hash(NEW.id, NEW.tenant_id, NEW.seq, NEW.occurred_at, NEW.actor_type, NEW.actor_id,
                               NEW.actor_display, NEW.action, NEW.target_type, NEW.target_id, NEW.outcome,
                               NEW.source_ip, NEW.user_agent, NEW.details, NEW.prev_hash);
  UPDATE audit_chain_heads SET last_seq = NEW.seq, last_hash = NEW.hash, updated_at = NEW.occurred_at
   WHERE chain = coalesce(NEW.tenant_id::text, 'platform');
  RETURN NEW;
END $$;

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

-- Refuses a change to the audit tables for every role but the table owner (and superusers). The
-- app role has no privilege for these anyway; this also holds for any role granted one later.
-- The owner is still held to forced row-level security, which has no UPDATE or DELETE policy.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  IF pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
    IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'permission denied: % on % (the audit log is append-only)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
-- Heads move (UPDATE, by audit_events_chain) but are never deleted or truncated.
CREATE TRIGGER audit_chain_heads_keep BEFORE DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Row-level security, enabled and forced. Permissive policies are OR-ed; there is deliberately no
-- UPDATE or DELETE policy, so no role held to RLS (the owner included) can change a row.
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_events FOR SELECT
  USING (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY tenant_append ON audit_events FOR INSERT
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_read ON audit_events FOR SELECT
  USING (tenant_id IS NULL AND (SELECT app_platform_context()) AND (SELECT app_current_tenant()) IS NULL);
CREATE POLICY platform_append ON audit_events FOR INSERT
  WITH CHECK (tenant_id IS NULL AND (SELECT app_platform_context()) AND (SELECT app_current_tenant()) IS NULL);

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_chain_heads FOR SELECT
  USING (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_read ON audit_chain_heads FOR SELECT
  USING (tenant_id IS NULL AND (SELECT app_platform_context()) AND (SELECT app_current_tenant()) IS NULL);

GRANT SELECT, INSERT ON audit_events TO elara_app;
GRANT SELECT ON audit_chain_heads TO elara_app;

-- elara_directory keeps the heads (through audit_events_chain) and lists the chains (below). It
-- reads no event content: only tenant_id.
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO elara_directory;
GRANT SELECT (tenant_id) ON audit_events TO elara_directory;
CREATE POLICY chain_keeper ON audit_chain_heads TO elara_directory USING (true) WITH CHECK (true);
CREATE POLICY directory_lookup ON audit_events FOR SELECT TO elara_directory USING (true);

-- Every chain that exists (a head, or events, or both; NULL = the platform chain), for the
-- verifier: ids and head positions only, never content. Each chain is then read and verified in
-- its own context under row-level security.
CREATE FUNCTION list_audit_chains()
  RETURNS TABLE (tenant_id uuid, last_seq bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH RECURSIVE event_tenants AS (
      -- A loose index scan: one probe per distinct tenant, not one row per event.
      (SELECT e.tenant_id FROM audit_events e WHERE e.tenant_id IS NOT NULL ORDER BY e.tenant_id LIMIT 1)
      UNION ALL
      SELECT (SELECT e.tenant_id FROM audit_events e WHERE e.tenant_id > t.tenant_id ORDER BY e.tenant_id LIMIT 1)
        FROM event_tenants t WHERE t.tenant_id IS NOT NULL
    ), chains AS (
      SELECT t.tenant_id FROM event_tenants t WHERE t.tenant_id IS NOT NULL
      UNION SELECT h.tenant_id FROM audit_chain_heads h
      UNION SELECT NULL::uuid WHERE EXISTS (SELECT 1 FROM audit_events e WHERE e.tenant_id IS NULL)
    )
    SELECT c.tenant_id, h.last_seq FROM chains c
      LEFT JOIN audit_chain_heads h ON h.chain = coalesce(c.tenant_id::text, 'platform')
     ORDER BY c.tenant_id NULLS FIRST
  $$;

-- One event appended in one round trip: SECURITY INVOKER, so it runs as the caller and row-level
-- security applies. It opens the event's context for the insert (the tenant, or the platform
-- context for a NULL tenant) and restores the caller's settings afterwards. It never widens a
-- context the caller already holds: inside another tenant's transaction it refuses.
CREATE FUNCTION append_audit_event(
  p_tenant_id uuid, p_actor_type text, p_actor_id text, p_actor_display text, p_action text,
  p_target_type text, p_target_id text, p_outcome text, p_source_ip inet, p_user_agent text, p_details jsonb
) RETURNS TABLE (id uuid, seq bigint, occurred_at timestamptz, hash text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
#variable_conflict use_column
DECLARE
  v_tenant text := coalesce(current_setting('app.tenant_id', true), '');
  v_platform text := coalesce(current_setting('app.platform', true), '');
BEGIN
  IF v_tenant <> '' AND v_tenant::uuid IS DISTINCT FROM p_tenant_id THEN
    RAISE EXCEPTION 'append_audit_event: this transaction belongs to another tenant'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_tenant_id IS NULL THEN
    PERFORM set_config('app.platform', 'on', true);
  ELSE
    PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  END IF;
  RETURN QUERY
  INSERT INTO audit_events AS e (tenant_id, actor_type, actor_id, actor_display, action, target_type, target_id,
                                 outcome, source_ip, user_agent, details)
  VALUES (p_tenant_id, p_actor_type, p_actor_id, p_actor_display, p_action, p_target_type, p_target_id, p_outcome,
          p_source_ip, p_user_agent, coalesce(p_details, '{}'))
  RETURNING e.id, e.seq, e.occurred_at, e.hash;
  PERFORM set_config('app.tenant_id', v_tenant, true);
  PERFORM set_config('app.platform', v_platform, true);
END $$;

ALTER FUNCTION audit_events_chain() OWNER TO elara_directory;
ALTER FUNCTION list_audit_chains() OWNER TO elara_directory;
REVOKE ALL ON FUNCTION audit_hash_field(text),
                       audit_event_hash(uuid, uuid, bigint, timestamptz, text, text, text, text, text, text, text,
                                        inet, text, jsonb, text),
                       audit_events_chain(), audit_refuse_change(), list_audit_chains(),
                       append_audit_event(uuid, text, text, text, text, text, text, text, inet, text, jsonb)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_hash_field(text),
                          audit_event_hash(uuid, uuid, bigint, timestamptz, text, text, text, text, text, text,
                                           text, inet, text, jsonb, text)
  TO elara_app, elara_directory;
GRANT EXECUTE ON FUNCTION list_audit_chains(),
                          append_audit_event(uuid, text, text, text, text, text, text, text, inet, text, jsonb)
  TO elara_app;

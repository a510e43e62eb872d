-- Issue 3: per-tenant allow and block lists for links, and remembering the language a user
-- writes in. Migration 004 (threat feeds) holds the global, non-tenant feed tables.

-- A tenant's own verdict on a domain: 'allow' (its own and partner domains, never flagged) or
-- 'block' (reported to it as fraudulent, always flagged). A domain covers its subdomains.
CREATE TABLE tenant_url_rules (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  list       text NOT NULL CHECK (list IN ('allow', 'block')),
  domain     text NOT NULL CHECK (domain ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$' AND domain LIKE '%.%'),
  note       text CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- One rule per domain: a domain cannot be both allowed and blocked.
  UNIQUE (tenant_id, domain)
);

ALTER TABLE tenant_url_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_url_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_url_rules
  USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_url_rules TO elara_app;

-- The rules of several tenants in one round trip (the worker caches them per tenant). Each tenant
-- is read under its own app.tenant_id, so row-level security applies per tenant.
CREATE FUNCTION load_tenant_url_rules(p_tenant_ids uuid[])
  RETURNS TABLE (tenant_id uuid, list text, domain text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_tenant_ids, 1), 0) LOOP
    PERFORM set_config('app.tenant_id', p_tenant_ids[i]::text, true);
    RETURN QUERY SELECT r.tenant_id, r.list, r.domain FROM tenant_url_rules r WHERE r.tenant_id = p_tenant_ids[i];
  END LOOP;
END $$;

REVOKE ALL ON FUNCTION load_tenant_url_rules(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION load_tenant_url_rules(uuid[]) TO elara_app;

-- record_decision, as in migration 003, now also remembers the language of each verdict reply as
-- the user's language. The worker picks that language from the message itself when detection is
-- reliable, else from this stored value, else the tenant default; so later short messages ("ok",
-- "and this?") are answered in the language the user last wrote in.
CREATE OR REPLACE FUNCTION record_decision(
  p_tenant_id uuid, p_message_id uuid, p_sender_id uuid, p_to_phone text, p_kind text, p_body text,
  p_verdict text, p_score real, p_reasons jsonb, p_urls jsonb, p_urls_omitted integer, p_language text,
  p_engine_version text
) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_reply_id uuid;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  IF p_verdict IS NOT NULL THEN
    INSERT INTO scans (tenant_id, inbound_message_id, verdict, score, reasons, urls, urls_omitted, language, engine_version)
    VALUES (p_tenant_id, p_message_id, p_verdict, p_score, p_reasons, p_urls, p_urls_omitted, p_language, p_engine_version)
    ON CONFLICT (tenant_id, inbound_message_id) DO NOTHING;
  END IF;
  INSERT INTO outbound_replies (tenant_id, inbound_message_id, sender_id, to_phone, kind, body)
  VALUES (p_tenant_id, p_message_id, p_sender_id, p_to_phone, p_kind, p_body)
  ON CONFLICT (tenant_id, inbound_message_id) DO NOTHING
  RETURNING id INTO v_reply_id;
  IF v_reply_id IS NOT NULL AND p_verdict IS NOT NULL THEN
    UPDATE whatsapp_users u SET language = p_language
      FROM inbound_messages m
     WHERE m.tenant_id = p_tenant_id AND m.id = p_message_id
       AND u.tenant_id = m.tenant_id AND u.id = m.whatsapp_user_id
       AND u.language IS DISTINCT FROM p_language;
  END IF;
  RETURN v_reply_id;
END $$;

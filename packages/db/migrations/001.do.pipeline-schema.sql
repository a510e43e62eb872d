-- Elara pipeline schema. Runs as the owner role (elara_owner). The application connects as
-- elara_app, which owns nothing and is subject to row-level security on every tenant table.

-- The tenant of the current transaction, from set_config('app.tenant_id', ..., true).
-- Policies call it through a scalar sub-select so Postgres evaluates it once per statement (an
-- InitPlan), not once per row. No tenant set: NULL, and `tenant_id = NULL` matches no row.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  tier             text NOT NULL DEFAULT 'standard' CHECK (tier IN ('free', 'standard', 'enterprise')),
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  default_language text NOT NULL DEFAULT 'en' CHECK (default_language ~ '^[a-z]{2}$'),
  brand_domains    text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Every other tenant table keys on (tenant_id, id): indexes lead with the tenant, and composite
-- foreign keys make it impossible for a row to point at another tenant's row. Tables below the
-- top level reference tenants only through their parent: a direct key on tenants(id) would take
-- a KEY SHARE lock on the one tenant row for every message, a contention point under load.
CREATE TABLE whatsapp_senders (
  tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  phone_number      text NOT NULL UNIQUE CHECK (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  account_sid       text NOT NULL CHECK (account_sid ~ '^AC[0-9a-f]{32}$'),
  -- AES-256-GCM, bound to the sender id; the plaintext token never reaches the database.
  auth_token_sealed text NOT NULL,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE whatsapp_users (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  phone         text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  language      text CHECK (language ~ '^[a-z]{2}$'),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  opted_out_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, phone)
);

CREATE TABLE inbound_messages (
  tenant_id        uuid NOT NULL,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  sender_id        uuid NOT NULL,
  message_sid      text NOT NULL CHECK (message_sid ~ '^(SM|MM|SS)[0-9a-fA-F]{32}$'),
  from_phone       text NOT NULL CHECK (from_phone ~ '^\+[1-9][0-9]{6,14}$'),
  profile_name     text,
  body             text NOT NULL DEFAULT '',
  num_media        integer NOT NULL DEFAULT 0 CHECK (num_media BETWEEN 0 AND 10),
  media            jsonb NOT NULL DEFAULT '[]',
  status           text NOT NULL DEFAULT 'received'
                   CHECK (status IN ('received', 'replied', 'rate_limited', 'dead_lettered')),
  whatsapp_user_id uuid NOT NULL,
  -- The user's first message to this tenant: the reply starts with a welcome.
  first_contact    boolean NOT NULL DEFAULT false,
  received_at      timestamptz NOT NULL DEFAULT now(),
  processed_at     timestamptz,
  last_error       text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, message_sid),
  FOREIGN KEY (tenant_id, sender_id) REFERENCES whatsapp_senders (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, whatsapp_user_id) REFERENCES whatsapp_users (tenant_id, id)
) WITH (fillfactor = 85);
-- The relay's sweep across tenants (see find_unprocessed_inbound); small, since rows leave it fast.
CREATE INDEX inbound_messages_unprocessed ON inbound_messages (received_at) WHERE status = 'received';
CREATE INDEX inbound_messages_dead_lettered ON inbound_messages (received_at) WHERE status = 'dead_lettered';

CREATE TABLE scans (
  tenant_id          uuid NOT NULL,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  inbound_message_id uuid NOT NULL,
  verdict            text NOT NULL CHECK (verdict IN ('scam', 'suspicious', 'spam', 'safe')),
  score              real NOT NULL CHECK (score BETWEEN 0 AND 1),
  reasons            jsonb NOT NULL,
  urls               jsonb NOT NULL,
  urls_omitted       integer NOT NULL DEFAULT 0,
  language           text NOT NULL,
  engine_version     text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, inbound_message_id),
  FOREIGN KEY (tenant_id, inbound_message_id) REFERENCES inbound_messages (tenant_id, id) ON DELETE CASCADE
);

-- Delivery states in the order Twilio moves through them; used to apply status callbacks
-- forward-only (a late 'sent' never overwrites 'delivered').
CREATE FUNCTION delivery_status_rank(status text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE status
    WHEN 'pending' THEN 0 WHEN 'unknown' THEN 1 WHEN 'accepted' THEN 2 WHEN 'queued' THEN 3
    WHEN 'sending' THEN 4 WHEN 'sent' THEN 5 WHEN 'undelivered' THEN 6 WHEN 'failed' THEN 6
    WHEN 'delivered' THEN 7 WHEN 'read' THEN 8 ELSE -1 END $$;

-- Exactly one reply per inbound message: the unique key is what makes retries safe.
CREATE TABLE outbound_replies (
  tenant_id          uuid NOT NULL,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  inbound_message_id uuid NOT NULL,
  sender_id          uuid NOT NULL,
  to_phone           text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('verdict', 'media_only', 'rate_limit_notice')),
  body               text NOT NULL CHECK (length(body) BETWEEN 1 AND 1600),
  status             text NOT NULL DEFAULT 'pending' CHECK (delivery_status_rank(status) >= 0),
  provider_sid       text,
  -- The current attempt lives on the reply itself (no extra row on the happy path); attempts that
  -- failed or whose outcome was unknown are kept in delivery_attempts.
  attempts           integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  attempt_started_at timestamptz NOT NULL DEFAULT now(),
  attempt_outcome    text NOT NULL DEFAULT 'in_flight'
                     CHECK (attempt_outcome IN ('in_flight', 'accepted', 'reconciled', 'rejected', 'timeout', 'error')),
  unknown_outcomes   integer NOT NULL DEFAULT 0,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  sent_at            timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, inbound_message_id),
  UNIQUE (tenant_id, provider_sid),
  FOREIGN KEY (tenant_id, inbound_message_id) REFERENCES inbound_messages (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, sender_id) REFERENCES whatsapp_senders (tenant_id, id)
) WITH (fillfactor = 85);

-- Attempts that did not end with the provider accepting the reply: what operators debug with.
CREATE TABLE delivery_attempts (
  tenant_id         uuid NOT NULL,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  outbound_reply_id uuid NOT NULL,
  attempt           integer NOT NULL CHECK (attempt >= 1),
  started_at        timestamptz NOT NULL,
  finished_at       timestamptz NOT NULL DEFAULT now(),
  outcome           text NOT NULL CHECK (outcome IN ('rejected', 'timeout', 'error')),
  http_status       integer,
  error_code        text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, outbound_reply_id, attempt),
  FOREIGN KEY (tenant_id, outbound_reply_id) REFERENCES outbound_replies (tenant_id, id) ON DELETE CASCADE
);

-- Row-level security: enabled AND forced (the owner is held to it too) on every tenant table.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
  USING (id = (SELECT app_current_tenant())) WITH CHECK (id = (SELECT app_current_tenant()));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['whatsapp_senders', 'whatsapp_users', 'inbound_messages', 'scans',
                           'outbound_replies', 'delivery_attempts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_current_tenant()))'
                   ' WITH CHECK (tenant_id = (SELECT app_current_tenant()))', t);
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO elara_app;
GRANT SELECT, INSERT, UPDATE, DELETE
  ON tenants, whatsapp_senders, whatsapp_users, inbound_messages, scans, outbound_replies, delivery_attempts
  TO elara_app;
GRANT EXECUTE ON FUNCTION app_current_tenant(), delivery_status_rank(text) TO elara_app;

-- The narrow cross-tenant paths. Each is a SECURITY DEFINER function owned by elara_directory, a
-- NOLOGIN role whose only rights are the columns these functions read; the app may call them but
-- gains no general cross-tenant read.
GRANT USAGE, CREATE ON SCHEMA public TO elara_directory;
GRANT SELECT (id, status) ON tenants TO elara_directory;
GRANT SELECT (tenant_id, id, phone_number, account_sid, auth_token_sealed, status) ON whatsapp_senders
  TO elara_directory;
GRANT SELECT (tenant_id, id, sender_id, status, received_at, last_error) ON inbound_messages TO elara_directory;
CREATE POLICY directory_lookup ON tenants FOR SELECT TO elara_directory USING (true);
CREATE POLICY directory_lookup ON whatsapp_senders FOR SELECT TO elara_directory USING (true);
CREATE POLICY directory_lookup ON inbound_messages FOR SELECT TO elara_directory USING (true);

-- Which tenant owns the WhatsApp number a message was sent To. Exact match on one number only.
CREATE FUNCTION resolve_whatsapp_sender(p_phone_number text)
  RETURNS TABLE (tenant_id uuid, sender_id uuid, account_sid text, auth_token_sealed text, tenant_status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.tenant_id, s.id, s.account_sid, s.auth_token_sealed, t.status
      FROM whatsapp_senders s JOIN tenants t ON t.id = s.tenant_id
     WHERE s.phone_number = p_phone_number AND s.status = 'active'
  $$;

-- Messages recorded (and acknowledged to Twilio) but not processed: the relay re-queues them.
CREATE FUNCTION find_unprocessed_inbound(p_older_than interval, p_limit integer)
  RETURNS TABLE (tenant_id uuid, id uuid, sender_id uuid, received_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.tenant_id, m.id, m.sender_id, m.received_at FROM inbound_messages m
     WHERE m.status = 'received' AND m.received_at < now() - p_older_than
     ORDER BY m.received_at LIMIT least(greatest(p_limit, 0), 5000)
  $$;

-- Operators' dead-letter list: ids, times and the last error, never message content.
CREATE FUNCTION list_dead_lettered_inbound(p_limit integer)
  RETURNS TABLE (tenant_id uuid, id uuid, received_at timestamptz, last_error text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.tenant_id, m.id, m.received_at, m.last_error FROM inbound_messages m
     WHERE m.status = 'dead_lettered' ORDER BY m.received_at LIMIT least(greatest(p_limit, 0), 1000)
  $$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['resolve_whatsapp_sender(text)', 'find_unprocessed_inbound(interval, integer)',
                           'list_dead_lettered_inbound(integer)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO elara_directory', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO elara_app', f);
  END LOOP;
END $$;

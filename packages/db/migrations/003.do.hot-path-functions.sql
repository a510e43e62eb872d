-- Single-round-trip versions of the message path's hottest writes. Each is SECURITY INVOKER: it
-- runs as the caller (elara_app), sets the tenant for its own transaction exactly as withTenant
-- would, and row-level security applies as usual. One statement instead of BEGIN / set_config /
-- statement / COMMIT saves three round trips per call; see the pipeline benchmark.

-- The webhook's durable record of an inbound message, with its WhatsApp user (created on first
-- contact); NULL when this tenant already has the SID.
CREATE FUNCTION record_inbound_message(
  p_tenant_id uuid, p_sender_id uuid, p_message_sid text, p_from_phone text, p_profile_name text,
  p_body text, p_num_media integer, p_media jsonb
) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_user_id uuid;
  v_first boolean;
  v_id uuid;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  INSERT INTO whatsapp_users (tenant_id, phone) VALUES (p_tenant_id, p_from_phone)
  ON CONFLICT (tenant_id, phone) DO UPDATE SET last_seen_at = now()
  RETURNING id, (xmax = 0) INTO v_user_id, v_first;
  INSERT INTO inbound_messages (tenant_id, sender_id, message_sid, from_phone, profile_name, body, num_media, media,
                                whatsapp_user_id, first_contact)
  VALUES (p_tenant_id, p_sender_id, p_message_sid, p_from_phone, p_profile_name, p_body, p_num_media, p_media,
          v_user_id, v_first)
  ON CONFLICT (tenant_id, message_sid) DO NOTHING
  RETURNING id INTO v_id;
  RETURN v_id;
END $$;

-- The provider accepted a reply: store its SID (with any status callbacks that arrived first),
-- close the attempt, finish the inbound message. Commits asynchronously: if this commit is lost in
-- a crash, the message stays 'received' with an open attempt, and the relay's retry reconciles
-- with the provider instead of sending again.
CREATE FUNCTION record_reply_accepted(
  p_tenant_id uuid, p_reply_id uuid, p_provider_sid text, p_provider_status text, p_outcome text
) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_status text;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  SET LOCAL synchronous_commit = off;
  -- Status callbacks take the same lock (apply_delivery_status), so neither misses the other.
  PERFORM pg_advisory_xact_lock(hashtext(p_provider_sid));
  SELECT status INTO v_status FROM (
    SELECT p_provider_status AS status
    UNION ALL SELECT e.status FROM delivery_status_events e
     WHERE e.tenant_id = p_tenant_id AND e.provider_sid = p_provider_sid
  ) candidates ORDER BY delivery_status_rank(status) DESC LIMIT 1;

  WITH r AS (
    -- First SID wins: a second accepted send (which the checks above make rare) never hides the first.
    UPDATE outbound_replies SET provider_sid = coalesce(provider_sid, p_provider_sid), status = v_status,
           attempt_outcome = p_outcome,
           sent_at = coalesce(sent_at, now()), updated_at = now(), last_error = NULL
     WHERE tenant_id = p_tenant_id AND id = p_reply_id RETURNING inbound_message_id, kind
  )
  UPDATE inbound_messages m
     SET status = CASE r.kind WHEN 'rate_limit_notice' THEN 'rate_limited' ELSE 'replied' END,
         processed_at = now(), last_error = NULL
    FROM r WHERE m.tenant_id = p_tenant_id AND m.id = r.inbound_message_id;
END $$;

-- One delivery status callback, applied forward-only; true when the reply's status moved. A
-- callback for a SID no reply has yet (it beat the worker's record_reply_accepted) is parked in
-- delivery_status_events, where record_reply_accepted picks it up.
CREATE FUNCTION apply_delivery_status(p_tenant_id uuid, p_provider_sid text, p_status text, p_error_code text)
  RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_moved integer;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  -- A lost status update costs a status, never a message: no need to wait for the disk.
  SET LOCAL synchronous_commit = off;
  PERFORM pg_advisory_xact_lock(hashtext(p_provider_sid));
  UPDATE outbound_replies SET status = p_status, updated_at = now(),
         last_error = CASE WHEN p_error_code IS NULL THEN last_error ELSE 'provider error ' || p_error_code END
   WHERE tenant_id = p_tenant_id AND provider_sid = p_provider_sid
     AND delivery_status_rank(p_status) > delivery_status_rank(status);
  GET DIAGNOSTICS v_moved = ROW_COUNT;
  IF v_moved = 0 AND NOT EXISTS (
    SELECT 1 FROM outbound_replies WHERE tenant_id = p_tenant_id AND provider_sid = p_provider_sid
  ) THEN
    INSERT INTO delivery_status_events (tenant_id, provider_sid, status, error_code)
    VALUES (p_tenant_id, p_provider_sid, p_status, p_error_code);
  END IF;
  RETURN v_moved > 0;
END $$;

REVOKE ALL ON FUNCTION record_inbound_message(uuid, uuid, text, text, text, text, integer, jsonb),
                       record_reply_accepted(uuid, uuid, text, text, text),
                       apply_delivery_status(uuid, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_inbound_message(uuid, uuid, text, text, text, text, integer, jsonb),
                          record_reply_accepted(uuid, uuid, text, text, text),
                          apply_delivery_status(uuid, text, text, text) TO elara_app;

-- The worker's read of one inbound message: the message, its tenant, sender, user and any reply
-- already decided. Everything a run needs to continue where an earlier run stopped.
CREATE FUNCTION load_message_context(p_tenant_id uuid, p_message_id uuid)
  RETURNS TABLE (
    status text, body text, num_media integer, from_phone text, sender_id uuid, first_contact boolean,
    sender_phone text, account_sid text, auth_token_sealed text,
    tenant_name text, tier text, default_language text, brand_domains text[],
    user_id uuid, user_language text,
    reply_id uuid, kind text, reply_body text, to_phone text, provider_sid text, attempts integer,
    attempt_outcome text, attempt_started_at timestamptz
  )
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);
  RETURN QUERY
  SELECT m.status, m.body, m.num_media, m.from_phone, m.sender_id, m.first_contact,
         s.phone_number, s.account_sid, s.auth_token_sealed,
         t.name, t.tier, t.default_language, t.brand_domains,
         u.id, u.language,
         r.id, r.kind, r.body, r.to_phone, r.provider_sid, r.attempts, r.attempt_outcome, r.attempt_started_at
    FROM inbound_messages m
    JOIN tenants t ON t.id = m.tenant_id
    JOIN whatsapp_senders s ON s.tenant_id = m.tenant_id AND s.id = m.sender_id
    JOIN whatsapp_users u ON u.tenant_id = m.tenant_id AND u.id = m.whatsapp_user_id
    LEFT JOIN outbound_replies r ON r.tenant_id = m.tenant_id AND r.inbound_message_id = m.id
   WHERE m.tenant_id = p_tenant_id AND m.id = p_message_id;
END $$;

-- The decision: the scan (when there is one) and the reply, with attempt 1 open on it. Durable
-- before the send (synchronous commit), and a no-op (NULL) when an earlier run already decided.
CREATE FUNCTION record_decision(
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
  RETURN v_reply_id;
END $$;

REVOKE ALL ON FUNCTION load_message_context(uuid, uuid),
                       record_decision(uuid, uuid, uuid, text, text, text, text, real, jsonb, jsonb, integer, text, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION load_message_context(uuid, uuid),
                          record_decision(uuid, uuid, uuid, text, text, text, text, real, jsonb, jsonb, integer, text, text)
  TO elara_app;

-- Batched forms of the busiest calls, for group commit (see src/round-trip-batcher.ts): one round
-- trip and one commit for many messages, possibly of different tenants. Each item goes through
-- the single-item function, which sets its own tenant, so row-level security applies per item.
CREATE FUNCTION record_inbound_messages(
  p_tenant_ids uuid[], p_sender_ids uuid[], p_message_sids text[], p_from_phones text[], p_profile_names text[],
  p_bodies text[], p_num_media integer[], p_media jsonb[]
) RETURNS TABLE (ord integer, id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_tenant_ids, 1), 0) LOOP
    ord := i;
    id := record_inbound_message(p_tenant_ids[i], p_sender_ids[i], p_message_sids[i], p_from_phones[i],
                                 p_profile_names[i], p_bodies[i], p_num_media[i], p_media[i]);
    RETURN NEXT;
  END LOOP;
END $$;

CREATE FUNCTION record_replies_accepted(
  p_tenant_ids uuid[], p_reply_ids uuid[], p_provider_sids text[], p_provider_statuses text[], p_outcomes text[]
) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_tenant_ids, 1), 0) LOOP
    PERFORM record_reply_accepted(p_tenant_ids[i], p_reply_ids[i], p_provider_sids[i], p_provider_statuses[i],
                                  p_outcomes[i]);
  END LOOP;
END $$;

REVOKE ALL ON FUNCTION record_inbound_messages(uuid[], uuid[], text[], text[], text[], text[], integer[], jsonb[]),
                       record_replies_accepted(uuid[], uuid[], text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_inbound_messages(uuid[], uuid[], text[], text[], text[], text[], integer[], jsonb[]),
                          record_replies_accepted(uuid[], uuid[], text[], text[], text[]) TO elara_app;

CREATE FUNCTION record_decisions(
  p_tenant_ids uuid[], p_message_ids uuid[], p_sender_ids uuid[], p_to_phones text[], p_kinds text[], p_bodies text[],
  p_verdicts text[], p_scores real[], p_reasons jsonb[], p_urls jsonb[], p_urls_omitted integer[], p_languages text[],
  p_engine_versions text[]
) RETURNS TABLE (ord integer, reply_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_tenant_ids, 1), 0) LOOP
    ord := i;
    reply_id := record_decision(p_tenant_ids[i], p_message_ids[i], p_sender_ids[i], p_to_phones[i], p_kinds[i],
                                p_bodies[i], p_verdicts[i], p_scores[i], p_reasons[i], p_urls[i], p_urls_omitted[i],
                                p_languages[i], p_engine_versions[i]);
    RETURN NEXT;
  END LOOP;
END $$;

REVOKE ALL ON FUNCTION record_decisions(uuid[], uuid[], uuid[], text[], text[], text[], text[], real[], jsonb[], jsonb[],
                                        integer[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_decisions(uuid[], uuid[], uuid[], text[], text[], text[], text[], real[], jsonb[],
                                           jsonb[], integer[], text[], text[]) TO elara_app;

-- Batched load_message_context: one round trip for the contexts of several jobs; `ord` is the
-- position in the input (messages that do not exist, or belong to another tenant, have no row).
CREATE FUNCTION load_message_contexts(p_tenant_ids uuid[], p_message_ids uuid[])
  RETURNS TABLE (
    ord integer, status text, body text, num_media integer, from_phone text, sender_id uuid, first_contact boolean,
    sender_phone text, account_sid text, auth_token_sealed text,
    tenant_name text, tier text, default_language text, brand_domains text[],
    user_id uuid, user_language text,
    reply_id uuid, kind text, reply_body text, to_phone text, provider_sid text, attempts integer,
    attempt_outcome text, attempt_started_at timestamptz
  )
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
  AS $$
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_tenant_ids, 1), 0) LOOP
    RETURN QUERY SELECT i, c.* FROM load_message_context(p_tenant_ids[i], p_message_ids[i]) c;
  END LOOP;
END $$;

REVOKE ALL ON FUNCTION load_message_contexts(uuid[], uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION load_message_contexts(uuid[], uuid[]) TO elara_app;

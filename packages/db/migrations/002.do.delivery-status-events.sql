-- Status callbacks that arrived before the worker had recorded the provider SID of its own send
-- (apply_delivery_status parks them here); record_reply_accepted applies what is waiting.
-- No foreign key: the reply may not know its SID yet, and a key on tenants(id) would lock the
-- tenant row on every callback (see 001). Deleting a tenant deletes its events explicitly.
CREATE TABLE delivery_status_events (
  tenant_id    uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_sid text NOT NULL,
  status       text NOT NULL CHECK (delivery_status_rank(status) >= 0),
  error_code   text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX delivery_status_events_by_sid ON delivery_status_events (tenant_id, provider_sid);

ALTER TABLE delivery_status_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_status_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON delivery_status_events
  USING (tenant_id = (SELECT app_current_tenant())) WITH CHECK (tenant_id = (SELECT app_current_tenant()));
GRANT SELECT, INSERT, UPDATE, DELETE ON delivery_status_events TO elara_app;

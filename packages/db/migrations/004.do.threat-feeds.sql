-- Threat feeds (@elara/threat-feeds): lists of known-bad URLs and domains that every tenant's scans
-- share. This is global reference data, not tenant data: no tenant_id and no row-level security.
-- The application role imports feeds (the maintenance worker, `pnpm elara feeds import`) and loads
-- them all into each worker's in-memory index; no tenant's data is reachable from these tables.

CREATE TABLE threat_feeds (
  name             text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  format           text NOT NULL CHECK (format ~ '^[a-z0-9-]{1,40}$'),
  -- An http(s) URL, a file:// URL or a file path.
  source           text NOT NULL CHECK (length(source) BETWEEN 1 AND 2048),
  -- Bumped by every import that replaced the entries; workers reload when any version moved.
  version          bigint NOT NULL DEFAULT 0,
  entry_count      integer NOT NULL DEFAULT 0,
  rejected_count   integer NOT NULL DEFAULT 0,
  -- Rejected lines by reason, e.g. {"invalid-host": 3}.
  rejected_reasons jsonb NOT NULL DEFAULT '{}',
  -- Of the format and the normalised entries: an import that changes nothing bumps nothing.
  content_sha256   text,
  -- Validators from the last successful download, sent back as If-None-Match / If-Modified-Since.
  etag             text,
  last_modified    text,
  imported_at      timestamptz,
  checked_at       timestamptz,
  -- The last failed attempt; cleared by the next success. A failure never touches the entries.
  last_error       text,
  last_error_at    timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- One row per normalised entry. `value` is a URL key (host[:port]/path?query, see
-- @elara/threat-feeds) for kind 'url', an ASCII domain or IPv4 address otherwise. An import deletes
-- a feed's rows and inserts the new ones in one transaction. No foreign key: the importer holds the
-- feed row's lock for the whole replacement, and a key would cost a check per inserted row.
CREATE TABLE threat_feed_entries (
  feed  text NOT NULL,
  kind  text NOT NULL CHECK (kind IN ('url', 'domain', 'allow')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 2048),
  PRIMARY KEY (feed, kind, value)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON threat_feeds, threat_feed_entries TO elara_app;

-- The API's operator health check (`GET /health/detailed`) reports the last applied migration.
-- schema_migrations holds only versions, names, checksums and times (no tenant data), and the app
-- may only read it: the isolation test's "nothing else writable" check still holds.
GRANT SELECT ON schema_migrations TO elara_app;

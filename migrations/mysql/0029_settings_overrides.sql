-- Settings written by `portcullis provision apply` (docs/provisioning.md): a layer read at
-- start above the defaults and below portcullis.toml, .env and the environment. `name` is the
-- environment name (PORTCULLIS_…); `updated_at` is Unix milliseconds.
CREATE TABLE settings_overrides (
    name       VARCHAR(255) PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The platform SDK's stores. Environments are kept whole as JSON (the rules live in the Environment record; the
-- database only stores and locks), with the columns a platform queries on beside it.
CREATE TABLE environment (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL,
    namespace   TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    -- creation order across replicas: created_at alone can tie
    position    BIGSERIAL   NOT NULL,
    document    JSONB       NOT NULL
);

-- Hashes only, never a secret. Revoked keys stay so that a rotated key is told apart from a wrong one.
CREATE TABLE access_key (
    key_id         UUID PRIMARY KEY,
    environment_id TEXT        NOT NULL,
    secret_sha256  BYTEA       NOT NULL CHECK (octet_length(secret_sha256) = 32),
    issued_at      TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ
);
CREATE INDEX access_key_environment ON access_key (environment_id);
-- At most one active key per environment, whichever replica issued it.
CREATE UNIQUE INDEX access_key_one_active ON access_key (environment_id) WHERE revoked_at IS NULL;

-- The revision of each environment's desired state; saves only ever move it up (optimistic concurrency).
CREATE TABLE desired_state (
    environment_id TEXT PRIMARY KEY,
    revision       BIGINT NOT NULL CHECK (revision >= 0)
);

-- Every resource ever desired, with the revision of its last change; a deleted one keeps a row with a NULL manifest
-- (its tombstone), so "changes since revision r" is answerable exactly after any restart.
CREATE TABLE desired_resource (
    environment_id TEXT   NOT NULL REFERENCES desired_state (environment_id) ON DELETE CASCADE,
    kind           TEXT   NOT NULL,
    namespace      TEXT   NOT NULL,
    name           TEXT   NOT NULL,
    revision       BIGINT NOT NULL,
    manifest       JSONB,
    PRIMARY KEY (environment_id, kind, namespace, name)
);
CREATE INDEX desired_resource_revision ON desired_resource (environment_id, revision);

-- The most recent metrics and events per environment, bounded by the sink's capacity (oldest evicted, counted).
CREATE TABLE telemetry_item (
    id             BIGSERIAL PRIMARY KEY,
    environment_id TEXT    NOT NULL,
    is_event       BOOLEAN NOT NULL,
    item           JSONB   NOT NULL
);
CREATE INDEX telemetry_item_environment ON telemetry_item (environment_id, is_event, id);

-- Per environment: what its agent reported dropping, what the sink evicted; its row lock serializes the writers.
CREATE TABLE telemetry_counter (
    environment_id   TEXT PRIMARY KEY,
    dropped_by_agent BIGINT NOT NULL,
    evicted          BIGINT NOT NULL
);

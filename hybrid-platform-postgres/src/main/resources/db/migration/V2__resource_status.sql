-- The latest observed status per resource, and the open rejections per resource. Observation times are kept to the
-- nanosecond (epoch seconds + nanos) so "older than what we hold" compares exactly what the agent sent.
CREATE TABLE resource_status (
    environment_id    TEXT   NOT NULL,
    kind              TEXT   NOT NULL,
    namespace         TEXT   NOT NULL,
    name              TEXT   NOT NULL,
    observed_revision BIGINT NOT NULL,
    status            JSONB  NOT NULL,
    observed_second   BIGINT NOT NULL,
    observed_nano     INT    NOT NULL,
    PRIMARY KEY (environment_id, kind, namespace, name)
);

CREATE TABLE resource_rejection (
    environment_id TEXT        NOT NULL,
    kind           TEXT        NOT NULL,
    namespace      TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    revision       BIGINT      NOT NULL,
    reason         TEXT        NOT NULL,
    message        TEXT        NOT NULL,
    rejected_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (environment_id, kind, namespace, name)
);

-- Commands waiting for an environment's agent, whichever replica it is connected to. A command ends once: answered
-- (the first answer wins) or expired (not delivered any more). Ended rows are kept an hour for the waiting replica.
CREATE TABLE pending_command (
    command_id     TEXT PRIMARY KEY,
    environment_id TEXT        NOT NULL,
    position       BIGSERIAL   NOT NULL,
    name           TEXT        NOT NULL,
    args           JSONB       NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    state          TEXT        NOT NULL CHECK (state IN ('PENDING', 'COMPLETED', 'REJECTED', 'EXPIRED')),
    reject_reason  TEXT,
    reject_message TEXT,
    ended_at       TIMESTAMPTZ
);
CREATE INDEX pending_command_waiting ON pending_command (environment_id, position) WHERE state = 'PENDING';
CREATE INDEX pending_command_ended ON pending_command (ended_at) WHERE state <> 'PENDING';

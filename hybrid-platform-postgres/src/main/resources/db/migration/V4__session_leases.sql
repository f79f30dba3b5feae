-- Which replica holds each environment's agent session, until when (renewed by the replica's heartbeat tick). A replica
-- that dies stops renewing: once expires_at passes, every replica reads the agent as disconnected.
CREATE TABLE agent_session_lease (
    environment_id  TEXT PRIMARY KEY,
    replica_id      TEXT        NOT NULL,
    session_id      TEXT        NOT NULL,
    connected_since TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_session_lease_replica ON agent_session_lease (replica_id);

-- The presence recorded when no lease is held: the last disconnection or refusal, for a human to read.
CREATE TABLE agent_presence (
    environment_id TEXT PRIMARY KEY,
    state          TEXT        NOT NULL,
    since          TIMESTAMPTZ NOT NULL,
    detail         TEXT        NOT NULL
);

-- When each environment's agent was last heard from, apart from the environment's document: sessions record it every
-- few seconds, and writing it here neither rewrites the document nor waits on the row lock of a user's update.
-- Nanoseconds since the epoch, as precise as the Instant it came from.
CREATE TABLE agent_contact (
    environment_id  TEXT PRIMARY KEY REFERENCES environment (id) ON DELETE CASCADE,
    last_contact_ns BIGINT NOT NULL
);

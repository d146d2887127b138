-- The web app's browser sessions, so that a restart or a second instance over the same database keeps people signed
-- in. A session is found by the SHA-256 of its id (the cookie): the id itself is never stored. Written once for H2
-- and PostgreSQL alike.
CREATE TABLE web_sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    owner      VARCHAR(200) NOT NULL,
    csrf_token VARCHAR(200) NOT NULL,
    signed_in  BOOLEAN NOT NULL,
    -- nanoseconds since the epoch, as every instant here
    last_seen  BIGINT NOT NULL,
    -- a one-time message for the session's next page
    flash      VARCHAR(4000)
);
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen);

-- The web app's browser sessions (db/outpost's V3 in SQLite's types): a restart, or a second instance on the same
-- home, keeps people signed in. A session is found by the SHA-256 of its id (the cookie); the id is never stored.
CREATE TABLE web_sessions (
    id_hash    TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    -- 0 or 1
    signed_in  INTEGER NOT NULL,
    -- nanoseconds since the epoch, as every instant here
    last_seen  INTEGER NOT NULL,
    -- a one-time message for the session's next page
    flash      TEXT
) STRICT;
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen);

-- Outpost's schema in SQLite, the embedded default: the same tables and columns as db/outpost's V1 and V2 (H2 and
-- PostgreSQL) give, written in one go as version 2, since SQLite cannot alter a column. A later change to the schema
-- is one more migration here beside its H2/PostgreSQL twin, with the same version.
-- STRICT tables refuse a value of the wrong type instead of keeping it. Instants are INTEGER nanoseconds since the
-- epoch, as elsewhere; db-scheduler's own are INTEGER microseconds (SqliteJobTimes).

CREATE TABLE accounts (
    id               TEXT PRIMARY KEY,
    platform_id      TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    handle           TEXT NOT NULL,
    -- lower-case, without '@': what findByHandle and the ordering compare
    handle_key       TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    status           TEXT NOT NULL,
    connected_at     INTEGER NOT NULL,
    -- where the account lives, for platforms of many servers; null for a platform with one
    server           TEXT
) STRICT;
CREATE INDEX accounts_by_handle ON accounts (platform_id, handle_key);

-- One row per account; tokens and the plugin's state sealed with AES-256-GCM, the account id being the associated data.
CREATE TABLE tokens (
    account_id TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    sealed     BLOB NOT NULL,
    -- null: never expires
    expires_at INTEGER,
    scopes     TEXT NOT NULL
) STRICT;

-- A value sealed with the secret key on first use, so that a wrong key is refused before anything is read.
CREATE TABLE key_check (
    id     INTEGER PRIMARY KEY,
    sealed BLOB NOT NULL
) STRICT;

CREATE TABLE pending_authorizations (
    state        TEXT PRIMARY KEY,
    -- the PKCE verifier and the plugin's state, sealed like tokens
    verifier     BLOB NOT NULL,
    platform_id  TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    owner        TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    plugin_state BLOB
) STRICT;

CREATE TABLE upload_checkpoints (
    upload_id          TEXT PRIMARY KEY,
    -- first-save order, for "oldest first"; set from the row id when the row is inserted, kept when saved again
    seq                INTEGER,
    account_id         TEXT NOT NULL,
    file_path          TEXT NOT NULL,
    media_type         TEXT NOT NULL,
    file_size          INTEGER NOT NULL,
    file_modified_at   INTEGER NOT NULL,
    file_sha256        TEXT NOT NULL,
    -- UPLOADING, PROCESSING or READY
    phase              TEXT NOT NULL,
    -- the plugin's resume state, opaque to Outpost (the media reference once READY)
    state              TEXT NOT NULL,
    bytes_acknowledged INTEGER NOT NULL,
    -- null when the state does not expire
    expires_at         INTEGER
) STRICT;
CREATE INDEX upload_checkpoints_unfinished ON upload_checkpoints (phase, seq);
CREATE TRIGGER upload_checkpoints_seq AFTER INSERT ON upload_checkpoints BEGIN
    UPDATE upload_checkpoints SET seq = NEW.rowid WHERE rowid = NEW.rowid;
END;

CREATE TABLE publications (
    id                 TEXT PRIMARY KEY,
    -- insertion order, to list publications created at the same instant newest first (set like upload_checkpoints')
    seq                INTEGER,
    account_id         TEXT NOT NULL,
    state              TEXT NOT NULL,
    draft_text         TEXT NOT NULL,
    -- what the post answers: a post id or link as typed, or a reply reference a plugin returned
    reply_to           TEXT,
    scheduled_at       INTEGER,
    -- the draft's options: key, value, key, value... as a TextCodec string list; empty for none
    draft_options      TEXT NOT NULL DEFAULT '',
    -- chosen before the first attempt and sent with every attempt
    idempotency_key    TEXT NOT NULL,
    intent_text_sha256 TEXT,
    -- media references as a TextCodec list
    intent_media_ids   TEXT,
    intent_sent_at     INTEGER,
    intent_attempt     INTEGER,
    -- the published post: its id, link and reply reference
    remote_post_id     TEXT,
    remote_url         TEXT,
    remote_reply_ref   TEXT,
    failure            TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    version            INTEGER NOT NULL,
    claimed_by         TEXT,
    claim_expires_at   INTEGER
) STRICT;
CREATE INDEX publications_by_created ON publications (created_at, seq);
CREATE INDEX publications_by_account ON publications (account_id, created_at);
CREATE TRIGGER publications_seq AFTER INSERT ON publications BEGIN
    UPDATE publications SET seq = NEW.rowid WHERE rowid = NEW.rowid;
END;

CREATE TABLE publication_media (
    publication_id   TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    file_path        TEXT NOT NULL,
    media_type       TEXT NOT NULL,
    file_size        INTEGER NOT NULL,
    file_modified_at INTEGER NOT NULL,
    file_sha256      TEXT NOT NULL,
    alt_text         TEXT,
    PRIMARY KEY (publication_id, position)
) STRICT;

-- The plugins' small secrets (a client registered per server), by plugin and key; the value is sealed with
-- AES-256-GCM, the plugin id and key being the associated data.
CREATE TABLE secrets (
    platform_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (platform_id, name)
) STRICT;

-- db-scheduler's table, as its JDBC repository expects it; its instants are INTEGER microseconds since the epoch.
CREATE TABLE scheduled_tasks (
    task_name            TEXT NOT NULL,
    task_instance        TEXT NOT NULL,
    task_data            BLOB,
    execution_time       INTEGER,
    picked               INTEGER NOT NULL,
    picked_by            TEXT,
    last_success         INTEGER,
    last_failure         INTEGER,
    consecutive_failures INTEGER,
    last_heartbeat       INTEGER,
    version              INTEGER NOT NULL,
    priority             INTEGER,
    state                TEXT,
    PRIMARY KEY (task_name, task_instance)
) STRICT;
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);

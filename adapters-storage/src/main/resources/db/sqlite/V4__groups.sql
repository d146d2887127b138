-- Groups and threads: what one compose action made (a cross-post, a thread, or both) shares a group id; a thread's
-- posts are numbered from 0 and each names the publication it follows (the previous post for the same account).
-- Publications made alone have no group. SQLite's twin of db/outpost/V4__groups.sql.
ALTER TABLE publications ADD COLUMN group_id TEXT;
ALTER TABLE publications ADD COLUMN item INTEGER NOT NULL DEFAULT 0;
ALTER TABLE publications ADD COLUMN follows TEXT;
CREATE INDEX publications_by_group ON publications (group_id, account_id, item);
CREATE INDEX publications_by_follows ON publications (follows);

-- Drafts the web app saves as the user types; the content is the app's own JSON, opaque to Outpost (at most 1 MB).
CREATE TABLE saved_drafts (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    content    TEXT NOT NULL,
    -- nanoseconds since the epoch, as every instant here
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX saved_drafts_by_updated ON saved_drafts (updated_at);

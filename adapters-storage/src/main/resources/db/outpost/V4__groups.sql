-- Groups and threads: what one compose action made (a cross-post, a thread, or both) shares a group id; a thread's
-- posts are numbered from 0 and each names the publication it follows (the previous post for the same account).
-- Publications made alone have no group. Written once for H2 and PostgreSQL alike.
ALTER TABLE publications ADD COLUMN group_id VARCHAR(300);
ALTER TABLE publications ADD COLUMN item INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE publications ADD COLUMN follows VARCHAR(300);
CREATE INDEX publications_by_group ON publications (group_id, account_id, item);
CREATE INDEX publications_by_follows ON publications (follows);

-- Drafts the web app saves as the user types; the content is the app's own JSON, opaque to Outpost (at most 1 MB).
CREATE TABLE saved_drafts (
    id         VARCHAR(300) PRIMARY KEY,
    title      VARCHAR(4000) NOT NULL,
    content    VARCHAR(1048576) NOT NULL,
    -- nanoseconds since the epoch, as every instant here
    updated_at BIGINT NOT NULL
);
CREATE INDEX saved_drafts_by_updated ON saved_drafts (updated_at);

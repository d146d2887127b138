-- An attachment's focal point (the point a platform keeps in view when it crops a preview), x and y each from -1 to
-- 1; both null when the user gave none. SQLite's twin of db/outpost/V5__media_focus.sql.
ALTER TABLE publication_media ADD COLUMN focus_x REAL;
ALTER TABLE publication_media ADD COLUMN focus_y REAL;

-- An attachment's focal point (the point a platform keeps in view when it crops a preview), x and y each from -1 to
-- 1; both null when the user gave none. Written once for H2 and PostgreSQL alike. (V4 is another change's.)
ALTER TABLE publication_media ADD COLUMN focus_x DOUBLE PRECISION;
ALTER TABLE publication_media ADD COLUMN focus_y DOUBLE PRECISION;

-- 0010: the author of a practice record is told, once, at Accueil, that
-- the moderation team published it or returned it for correction.
-- 1: told (or nothing to tell); a decision sets it to 0, « Mes fiches »
-- and the notice at Accueil set it back to 1.

ALTER TABLE practice ADD COLUMN told INTEGER NOT NULL DEFAULT 1;
CREATE INDEX practice_untold ON practice (author_id) WHERE told = 0;

-- 0014: the original file of a document (the PDF, Markdown or text that
-- « palabre admin doc import » read), kept beside its extracted text.
-- The bytes live outside the database, in the files directory
-- ([server] files_dir), under their SHA-256: a file is written once,
-- never changed, shared by the documents that have the same bytes, and
-- a backup copies only the files it does not have yet.
-- NULL file_sha256: no original (typed in, or imported before 0014).

ALTER TABLE doc ADD COLUMN file_sha256 TEXT;	-- 64 hex digits
ALTER TABLE doc ADD COLUMN file_type TEXT	-- what its content is
    CHECK (file_type IN ('pdf', 'md', 'txt'));
ALTER TABLE doc ADD COLUMN file_size INTEGER;	-- bytes

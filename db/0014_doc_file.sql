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

-- « À classer »: files the documentalistes dropped into /depot/ over
-- SFTP, checked (type by content, size), kept in the files directory,
-- their text extracted, waiting for a record. Publishing makes the
-- document (the same save as an import) and sets doc_id. Who dropped a
-- file is in the audit log (action 'doc.deposit'), not here.
CREATE TABLE doc_inbox (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,		-- as dropped, cleaned
	file_sha256	TEXT NOT NULL,
	file_type	TEXT NOT NULL CHECK (file_type IN ('pdf', 'md', 'txt')),
	file_size	INTEGER NOT NULL,
	body		TEXT NOT NULL,		-- Markdown, clean
	added_at	INTEGER NOT NULL,
	doc_id		INTEGER REFERENCES doc (id),	-- published as
	done_at		INTEGER
);
CREATE UNIQUE INDEX doc_inbox_waiting ON doc_inbox (name)
    WHERE doc_id IS NULL;

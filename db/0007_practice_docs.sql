-- 0007: the documents of the shelf (db/0004) that a record of the
-- practice catalogue (db/0005) points to: the circular it applies, the
-- guide it followed, the evaluation it led to.
--
-- The record's field « docs » (store_practice.h, PF_DOCS) holds the
-- documents' ids in the author's order; this table is that list made
-- relational, rewritten by the store with the record in the same
-- transaction, so that a document's reader finds the records linking
-- to it through one index range. Former contents keep their list in
-- practice_version.data, as every other field.
CREATE TABLE practice_doc (
	practice_id	INTEGER NOT NULL REFERENCES practice (id),
	doc_id		INTEGER NOT NULL REFERENCES doc (id),
	position	INTEGER NOT NULL,		-- 0.. in the author's order
	PRIMARY KEY (practice_id, doc_id)
) WITHOUT ROWID;
-- « Pratiques liées » in the document's reader.
CREATE INDEX practice_doc_doc ON practice_doc (doc_id, practice_id);

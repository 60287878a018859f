-- 0016: the shelf's title and metadata indexed apart, for the order of
-- a search (store_doc_search.c): the documents with every word in the
-- title come first, then those with every word in the title and the
-- metadata, then the others. Asked of doc_fts, those two questions read
-- the positions in the bodies too (hundreds for a word like « article »
-- in a hundred pages): 1.7 ms of CPU each for one word on 20,000
-- documents, 0.1 ms here. This index holds the same two folded columns
-- as doc_fts and nothing else, a few hundred bytes a document.
--
-- Rowid = doc.id; title = txt_fold(title), which doc.title_fold already
-- is; meta = doc.fts_meta, the meta column as indexed in doc_fts.
-- Contentless like doc_fts, written and removed with it, from the same
-- values.
CREATE VIRTUAL TABLE doc_fts_head USING fts5 (title, meta, content = '',
    tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO doc_fts_head (rowid, title, meta)
    SELECT id, title_fold, fts_meta FROM doc;

-- A search's status filter (« en vigueur » only) reads the set of ids of
-- that status from here, not every matching document's row.
CREATE INDEX doc_status ON doc (status);

-- 0004: the document shelf (bibliothèque): laws, decrees, circulars,
-- notes, studies, reports and guides, their themes (the theme table of
-- 0003), each member's « ma sélection », and the full-text index.
-- Times are Unix seconds (UTC); publication dates are text 'AAAA-MM-JJ'
-- (or 'AAAA-MM', 'AAAA' when that is all the issuer says), so that they
-- sort as they read and never shift with a time zone.
--
-- Sizing: 20,000 documents of a few to a hundred pages. Lists read one
-- index range (doc_added, doc_published, doc_theme_doc...); a search reads
-- the FTS index, then the matching rows by id.

CREATE TABLE doc (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,			-- clean, one line
	title_fold	TEXT NOT NULL,			-- txt_fold(title), for sorting
	kind		TEXT NOT NULL			-- see store_doc.h
	    CHECK (kind IN ('loi', 'ordonnance', 'decret', 'arrete',
	        'circulaire', 'instruction', 'note', 'etude', 'rapport',
	        'guide', 'fiche', 'autre')),
	issuer		TEXT NOT NULL DEFAULT '',	-- « Ministère de l'Intérieur »
	issuer_fold	TEXT NOT NULL DEFAULT '',	-- txt_fold(issuer): browse by issuer
	published	TEXT NOT NULL DEFAULT '',	-- 'AAAA-MM-JJ', '' unknown
	reference	TEXT NOT NULL DEFAULT '',	-- NOR, ELI or URL, as text
	ref_key		TEXT NOT NULL DEFAULT '',	-- reference reduced to [A-Z0-9]: dedupe
	status		TEXT NOT NULL DEFAULT 'en_vigueur'
	    CHECK (status IN ('en_vigueur', 'abroge', 'remplace')),
	replaced_by	INTEGER REFERENCES doc (id),	-- status 'remplace'
	audience	TEXT NOT NULL DEFAULT '',	-- intended readers
	summary		TEXT NOT NULL DEFAULT '',
	source		TEXT,				-- imported file (absolute path)
	thread_id	INTEGER REFERENCES thread (id),	-- its discussion, first comment
	fts_meta	TEXT NOT NULL DEFAULT '',	-- the meta column as indexed in doc_fts
	added_at	INTEGER NOT NULL,
	added_by	INTEGER REFERENCES member (id),	-- NULL: command line
	updated_at	INTEGER NOT NULL,
	updated_by	INTEGER REFERENCES member (id)
);
-- Re-importing the same file, or a text with the same NOR, updates it.
CREATE UNIQUE INDEX doc_source ON doc (source) WHERE source IS NOT NULL;
CREATE UNIQUE INDEX doc_ref ON doc (ref_key) WHERE ref_key <> '';
CREATE INDEX doc_added ON doc (added_at);
CREATE INDEX doc_published ON doc (published, id);
CREATE INDEX doc_kind ON doc (kind, published);
CREATE INDEX doc_issuer ON doc (issuer_fold, published);
CREATE UNIQUE INDEX doc_thread ON doc (thread_id) WHERE thread_id IS NOT NULL;

-- The text apart from the metadata: a list or a filter scans small doc
-- rows, never the overflow pages of a hundred-page text.
CREATE TABLE doc_text (
	doc_id		INTEGER PRIMARY KEY REFERENCES doc (id),
	body		TEXT NOT NULL			-- Markdown, clean UTF-8
);

CREATE TABLE doc_theme (
	doc_id		INTEGER NOT NULL REFERENCES doc (id),
	theme		TEXT NOT NULL REFERENCES theme (key),
	PRIMARY KEY (doc_id, theme)
) WITHOUT ROWID;
CREATE INDEX doc_theme_theme ON doc_theme (theme, doc_id);

-- « Ma sélection »: the documents a member keeps at hand.
CREATE TABLE doc_pick (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	doc_id		INTEGER NOT NULL REFERENCES doc (id),
	added_at	INTEGER NOT NULL,
	PRIMARY KEY (member_id, doc_id)
) WITHOUT ROWID;

-- Full text: rowid = doc.id; title = txt_fold(title); meta =
-- txt_fold(kind label, issuer, reference, theme labels, audience,
-- summary); body = txt_fold(body). Contentless like post_fts: a row is
-- removed with the 'delete' command and the very values it was indexed
-- with: title and body fold again from the row, meta is kept as indexed
-- in doc.fts_meta (theme labels may be edited in between).
CREATE VIRTUAL TABLE doc_fts USING fts5 (title, meta, body, content = '',
    tokenize = 'unicode61 remove_diacritics 2');
-- The title weighs most, then the metadata, then the text.
INSERT INTO doc_fts (doc_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');

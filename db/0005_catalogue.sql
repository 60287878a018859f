-- 0005: the practice catalogue (catalogue des pratiques): actions that a
-- member's organisation carried out, described in a shared shape, checked
-- by a moderator before they are published, found by theme, territory,
-- organisation type or full text, followed (« je m'en inspire ») and
-- discussed on the boards. Times are Unix seconds (UTC).
--
-- Sizing: 50,000 records. A filtered page of the list reads one index
-- range (state + the most selective filter + published_at) and stops at
-- its LIMIT; a theme filter reads practice_theme's range for that theme;
-- a search reads the FTS index, then the records by rowid.

-- A record. Its texts are clean (txt_clean); single-line fields have no
-- newline. org_type is a key of store_org_types (store_reference.h, the
-- list the directory uses too); themes holds
-- the theme keys separated by spaces (practice_theme indexes them);
-- dates are 'AAAA', 'AAAA-MM' or 'AAAA-MM-JJ', end_date '' while the
-- action goes on. The région is the département's, kept here so the
-- region filter has an index of its own.
CREATE TABLE practice (
	id		INTEGER PRIMARY KEY,
	author_id	INTEGER NOT NULL REFERENCES member (id),
	state		TEXT NOT NULL DEFAULT 'a_valider'
	    CHECK (state IN ('a_valider', 'renvoyee', 'publiee')),
	title		TEXT NOT NULL,
	org		TEXT NOT NULL,
	org_type	TEXT NOT NULL CHECK (org_type IN ('collectivite',
	    'etat', 'operateur', 'securite-sociale', 'association',
	    'entreprise', 'autre')),
	partners	TEXT NOT NULL DEFAULT '',
	departement	TEXT NOT NULL REFERENCES departement (code),
	region		TEXT NOT NULL REFERENCES region (code),
	commune		TEXT NOT NULL DEFAULT '',
	themes		TEXT NOT NULL DEFAULT '',
	public		TEXT NOT NULL DEFAULT '',	-- the people it serves
	start_date	TEXT NOT NULL DEFAULT '',
	end_date	TEXT NOT NULL DEFAULT '',	-- '': ongoing
	context		TEXT NOT NULL DEFAULT '',	-- context and needs
	actions		TEXT NOT NULL DEFAULT '',	-- what was done
	means		TEXT NOT NULL DEFAULT '',	-- staff, budget, funding
	results		TEXT NOT NULL DEFAULT '',	-- results and evaluation
	reproduce	TEXT NOT NULL DEFAULT '',	-- what it takes to do it again
	contact_id	INTEGER REFERENCES member (id),	-- a member of the network
	contact		TEXT NOT NULL DEFAULT '',	-- or anyone: name, phone, mail
	created_at	INTEGER NOT NULL,
	submitted_at	INTEGER NOT NULL,		-- last time it went to moderation
	published_at	INTEGER,			-- first publication; NULL: never
	updated_at	INTEGER NOT NULL,		-- last change of its content
	version		INTEGER NOT NULL DEFAULT 1,	-- practice_version holds 1..version-1
	moderator_id	INTEGER REFERENCES member (id),	-- last decision
	moderated_at	INTEGER,
	comment		TEXT NOT NULL DEFAULT '',	-- why it was returned
	nfollowers	INTEGER NOT NULL DEFAULT 0,	-- rows of practice_follow
	thread_id	INTEGER REFERENCES thread (id)	-- its discussion; NULL until the first comment
);
-- Browsing, newest first: all, by département, by région, by type.
CREATE INDEX practice_new ON practice (state, published_at);
CREATE INDEX practice_dep ON practice (state, departement, published_at);
CREATE INDEX practice_reg ON practice (state, region, published_at);
CREATE INDEX practice_type ON practice (state, org_type, published_at);
CREATE INDEX practice_author ON practice (author_id);
-- The moderators' queue stays small: index only what waits.
CREATE INDEX practice_waiting ON practice (submitted_at)
    WHERE state = 'a_valider';

-- The themes of each record, for the theme filter; published_at and
-- state are copied from the record (kept by the store with it) so that a
-- theme's newest records are one index range.
CREATE TABLE practice_theme (
	theme		TEXT NOT NULL REFERENCES theme (key),
	practice_id	INTEGER NOT NULL REFERENCES practice (id),
	published	INTEGER NOT NULL DEFAULT 0,	-- 1 when state = 'publiee'
	published_at	INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (theme, practice_id)
) WITHOUT ROWID;
CREATE INDEX practice_theme_new ON practice_theme (theme, published,
    published_at);
CREATE INDEX practice_theme_practice ON practice_theme (practice_id);

-- Every former content of a record: version 1 is the first one
-- submitted. data is a JSON object of the fields (json_object()).
CREATE TABLE practice_version (
	practice_id	INTEGER NOT NULL REFERENCES practice (id),
	version		INTEGER NOT NULL,
	data		TEXT NOT NULL,
	written_at	INTEGER NOT NULL,		-- when this content was written
	state		TEXT NOT NULL,			-- its state then
	PRIMARY KEY (practice_id, version)
) WITHOUT ROWID;

-- « Je m'en inspire »: one row per member and record. seen = 0 until
-- the record's author has been told.
CREATE TABLE practice_follow (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	practice_id	INTEGER NOT NULL REFERENCES practice (id),
	created_at	INTEGER NOT NULL,
	seen		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (member_id, practice_id)
) WITHOUT ROWID;
CREATE INDEX practice_follow_practice ON practice_follow (practice_id);
CREATE INDEX practice_follow_unseen ON practice_follow (practice_id)
    WHERE seen = 0;

-- The form being filled, saved as the member types: one per member and
-- record (practice_id 0: a new record, hence no foreign key). data is a
-- JSON object of the fields as typed (not validated).
CREATE TABLE practice_draft (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	practice_id	INTEGER NOT NULL DEFAULT 0,
	data		TEXT NOT NULL,
	updated_at	INTEGER NOT NULL,
	PRIMARY KEY (member_id, practice_id)
) WITHOUT ROWID;

-- Full text of the published records: txt_fold() of the title, and of
-- everything else (organisation, partners, territory, themes, public,
-- the long texts, the contact). Not contentless: a record is re-indexed
-- by rowid on every change, without keeping what it was indexed with.
CREATE VIRTUAL TABLE practice_fts USING fts5 (title, body,
    tokenize = 'unicode61 remove_diacritics 2');

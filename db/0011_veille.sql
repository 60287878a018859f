-- 0011: « Ma veille » and « Quoi de neuf » (issue 16): what each member
-- follows, the mentions and replies addressed to them, and what they
-- have seen of the news. Times are Unix seconds (UTC).
--
-- Sizing: 10,000 members following a few dozen things each, 1,000,000
-- posts. « Quoi de neuf » reads the member's rows of follow and mention
-- (one index range each), then the recent rows of each section by their
-- time index, never a section's whole history.

-- What a member follows. kind says what target names: 'forum' a board
-- (target_id), 'fil' a thread (target_id), 'theme' a theme key, 'type'
-- a document kind key (« circulaire »), 'emetteur' an issuer (folded
-- with txt_fold, label as typed), 'region' and 'departement' an INSEE
-- code, 'membre' a member (target_id). Unfollowing keeps the row with
-- active = 0, so that writing in a thread again does not follow it
-- again behind the member's back.
CREATE TABLE follow (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	kind		TEXT NOT NULL CHECK (kind IN ('forum', 'fil', 'theme',
	    'type', 'emetteur', 'region', 'departement', 'membre')),
	target_id	INTEGER NOT NULL DEFAULT 0,	-- board, thread, member
	target_key	TEXT NOT NULL DEFAULT '',	-- theme, kind, issuer, code
	label		TEXT NOT NULL DEFAULT '',	-- the issuer as typed
	active		INTEGER NOT NULL DEFAULT 1,	-- 0: unfollowed
	automatic	INTEGER NOT NULL DEFAULT 0,	-- 1: a thread one wrote in
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (member_id, kind, target_id, target_key)
) WITHOUT ROWID;
-- Who follows a thing (notices, digests).
CREATE INDEX follow_target ON follow (kind, target_id, target_key)
    WHERE active = 1;

-- What was written to a member: '@login' in a post or a private message
-- they may read (kind 'mention'), or a reply to one of their posts
-- (kind 'reponse'). Recorded by the store when the text is stored, in
-- the same transaction; one row per member and text (a reply that also
-- names its parent's author is a mention).
CREATE TABLE mention (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	source		TEXT NOT NULL CHECK (source IN ('post', 'message')),
	source_id	INTEGER NOT NULL,		-- post.id or message.id
	kind		TEXT NOT NULL CHECK (kind IN ('mention', 'reponse')),
	author_id	INTEGER NOT NULL REFERENCES member (id),
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (member_id, source, source_id)
) WITHOUT ROWID;
CREATE INDEX mention_new ON mention (member_id, created_at);
CREATE INDEX mention_author ON mention (author_id);

-- The items of « Quoi de neuf » a member opened: item is the id the
-- commands use ('m12', 'd4', 'p7', 'j3', 'c9'); an item is seen while
-- seen_at >= its time (a conversation with a newer message is new
-- again). « Tout marquer comme vu » sets the member_pref 'veille.vu' to
-- the time and drops these rows.
CREATE TABLE news_seen (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	item		TEXT NOT NULL,
	seen_at		INTEGER NOT NULL,
	PRIMARY KEY (member_id, item)
) WITHOUT ROWID;

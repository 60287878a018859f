-- 0006: the people side: private messages (messagerie) and blocks.
-- Times are Unix seconds (UTC). Messages are never deleted by the
-- program; nobody but the participants reads them through the interface.

-- A conversation between two or more members: a subject, its
-- participants, its messages in id order.
CREATE TABLE conversation (
	id		INTEGER PRIMARY KEY,
	subject		TEXT NOT NULL,			-- clean, single line
	created_by	INTEGER NOT NULL REFERENCES member (id),
	created_at	INTEGER NOT NULL,
	last_message_at	INTEGER NOT NULL,
	nmessages	INTEGER NOT NULL DEFAULT 0
);

-- Who takes part, and how far each has read (message ids grow with
-- time: every message of the conversation with id <= read_upto is read).
CREATE TABLE conversation_member (
	conversation_id	INTEGER NOT NULL REFERENCES conversation (id),
	member_id	INTEGER NOT NULL REFERENCES member (id),
	joined_at	INTEGER NOT NULL,
	read_upto	INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (conversation_id, member_id)
) WITHOUT ROWID;
-- A member's conversations (the list, the unread count).
CREATE INDEX conversation_member_member ON conversation_member
    (member_id, conversation_id);

CREATE TABLE message (
	id		INTEGER PRIMARY KEY,		-- grows with time
	conversation_id	INTEGER NOT NULL REFERENCES conversation (id),
	author_id	INTEGER NOT NULL REFERENCES member (id),
	parent_id	INTEGER REFERENCES message (id),	-- the message answered
	body		TEXT NOT NULL,			-- clean multi-line text
	created_at	INTEGER NOT NULL
);
CREATE INDEX message_conversation ON message (conversation_id, id);
CREATE INDEX message_author ON message (author_id);

-- member_id does not want to hear from blocked_id: blocked_id cannot
-- start a conversation with them, and their messages in a shared
-- conversation are not shown to member_id.
CREATE TABLE member_block (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	blocked_id	INTEGER NOT NULL REFERENCES member (id),
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (member_id, blocked_id)
) WITHOUT ROWID;

-- Drafts gain two kinds: 'message' (a new conversation: the subject in
-- title, the logins it goes to in recipients, board_id and target_id 0)
-- and 'msgreply' (target_id: the message answered). SQLite cannot
-- change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE draft_new (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES member (id),
	kind		TEXT NOT NULL CHECK (kind IN ('thread', 'reply', 'edit',
	    'message', 'msgreply')),
	board_id	INTEGER NOT NULL DEFAULT 0,
	target_id	INTEGER NOT NULL DEFAULT 0,
	title		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	recipients	TEXT NOT NULL DEFAULT '',	-- 'message': logins, spaces
	updated_at	INTEGER NOT NULL,
	UNIQUE (member_id, kind, board_id, target_id)
);
INSERT INTO draft_new (id, member_id, kind, board_id, target_id, title,
    body, updated_at)
    SELECT id, member_id, kind, board_id, target_id, title, body, updated_at
    FROM draft;
DROP TABLE draft;
ALTER TABLE draft_new RENAME TO draft;

-- The directory (annuaire): what a member says about themself beyond
-- member.display_name and member.organisation. hidden lists the fields
-- that nobody but the member sees (keys as in store_profile.h, spaces
-- between); the e-mail address is hidden until the member shows it.
-- search is txt_fold() of the visible name, organisation, territory and
-- expertise, rebuilt by the store on every change: a hidden field can
-- never be found by a search.
CREATE TABLE member_profile (
	member_id	INTEGER PRIMARY KEY REFERENCES member (id),
	org_type	TEXT NOT NULL DEFAULT ''	-- '' or a key of store_org_types
	    CHECK (org_type IN ('', 'collectivite', 'etat', 'operateur',
	        'securite-sociale', 'association', 'entreprise', 'autre')),
	job		TEXT NOT NULL DEFAULT '',	-- « Chargée de mission intégration »
	departement	TEXT REFERENCES departement (code),	-- NULL: not said
	expertise	TEXT NOT NULL DEFAULT '',	-- free text, commas between
	presentation	TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	hidden		TEXT NOT NULL DEFAULT 'email',
	search		TEXT NOT NULL DEFAULT '',
	updated_at	INTEGER NOT NULL
);

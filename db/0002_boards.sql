-- 0002: boards (forums d'échange): boards, threads, posts and their
-- previous versions, per-member read state, reports, drafts, and the
-- full-text index. Times are Unix seconds (UTC). Nothing is deleted by
-- the program but read marks and drafts: boards are archived, posts
-- hidden with who/when/why, reports closed.
--
-- Sizing: 1,000,000 posts, 200 boards, 10,000 members. The board list
-- with unread counts reads the board rows plus one index range of
-- read_thread per board (covering); a thread list page one index range
-- of thread; a search the FTS index then posts by rowid.

-- Boards come from the config files (store_board_sync): key is stable,
-- everything else is overwritten by each sync. The counters are kept by
-- the store in the same transaction as every change (see store_board.h).
CREATE TABLE board (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,		-- [a-z0-9-], the config file's name
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	section		TEXT NOT NULL DEFAULT '',	-- '' groups under « Divers »
	position	INTEGER NOT NULL DEFAULT 0,	-- order of the whole list
	read_role	TEXT NOT NULL DEFAULT 'invite'	-- role keys as in member.role
	    CHECK (read_role IN ('invite', 'membre', 'moderateur',
	        'documentaliste', 'organisateur', 'sysop')),
	post_role	TEXT NOT NULL DEFAULT 'membre'
	    CHECK (post_role IN ('invite', 'membre', 'moderateur',
	        'documentaliste', 'organisateur', 'sysop')),
	moderators	TEXT NOT NULL DEFAULT '',	-- logins separated by spaces
	approval	INTEGER NOT NULL DEFAULT 0,	-- new threads wait for a moderator
	archived_at	INTEGER,			-- NULL: active
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	nthreads	INTEGER NOT NULL DEFAULT 0,	-- approved, >= 1 visible post
	nposts		INTEGER NOT NULL DEFAULT 0,	-- visible posts of approved threads
	last_post_at	INTEGER NOT NULL DEFAULT 0,	-- 0: empty
	last_post_id	INTEGER				-- no foreign key: post refers to board
);
CREATE INDEX board_order ON board (position, title);

CREATE TABLE thread (
	id		INTEGER PRIMARY KEY,
	board_id	INTEGER NOT NULL REFERENCES board (id),
	title		TEXT NOT NULL,			-- clean, single line
	author_id	INTEGER NOT NULL REFERENCES member (id),
	created_at	INTEGER NOT NULL,
	last_post_at	INTEGER NOT NULL,		-- newest visible post (created_at if none)
	last_post_id	INTEGER,			-- NULL: no visible post
	nposts		INTEGER NOT NULL DEFAULT 0,	-- visible posts
	pinned		INTEGER NOT NULL DEFAULT 0,
	locked		INTEGER NOT NULL DEFAULT 0,
	state		TEXT NOT NULL DEFAULT 'publie'
	    CHECK (state IN ('publie', 'a_valider', 'refuse')),
	refuse_reason	TEXT				-- set when state = 'refuse'
);
-- The thread list and « next unread »: pinned first, newest activity
-- first, per board, read in index order (no sort, a page costs a page).
CREATE INDEX thread_order ON thread (board_id, pinned, last_post_at,
    last_post_id, id);
-- New threads since the last visit, counted from the index alone.
CREATE INDEX thread_created ON thread (board_id, created_at, state);
CREATE INDEX thread_author ON thread (author_id);
-- The moderators' queue stays small: index only what waits.
CREATE INDEX thread_waiting ON thread (board_id) WHERE state = 'a_valider';

CREATE TABLE post (
	id		INTEGER PRIMARY KEY,		-- grows with time: id order is chronological
	thread_id	INTEGER NOT NULL REFERENCES thread (id),
	board_id	INTEGER NOT NULL REFERENCES board (id),	-- = thread.board_id, moved with it
	parent_id	INTEGER REFERENCES post (id),	-- NULL: the opening post
	author_id	INTEGER NOT NULL REFERENCES member (id),
	body		TEXT NOT NULL,			-- clean multi-line text
	created_at	INTEGER NOT NULL,
	edited_at	INTEGER,			-- NULL: never edited
	nversions	INTEGER NOT NULL DEFAULT 0,	-- rows in post_version
	hidden_at	INTEGER,			-- NULL: visible
	hidden_by	INTEGER REFERENCES member (id),
	hidden_reason	TEXT
);
-- A thread's posts in id order (tree, counters, read state).
CREATE INDEX post_thread ON post (thread_id, id);
CREATE INDEX post_parent ON post (parent_id);
CREATE INDEX post_author ON post (author_id);

-- Every former body of an edited post: version 1 is the original.
CREATE TABLE post_version (
	post_id		INTEGER NOT NULL REFERENCES post (id),
	version		INTEGER NOT NULL,
	body		TEXT NOT NULL,
	written_at	INTEGER NOT NULL,		-- when this body was written
	PRIMARY KEY (post_id, version)
) WITHOUT ROWID;

-- Read state per member and thread: every visible post with id <= upto
-- is read except those with a read_mark is_read = 0; above upto only
-- those with a read_mark is_read = 1 are. nread counts the visible posts
-- read, so unread = nposts - nread without looking at posts. board_id
-- follows the thread when it moves.
CREATE TABLE read_thread (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	thread_id	INTEGER NOT NULL REFERENCES thread (id),
	board_id	INTEGER NOT NULL REFERENCES board (id),
	upto		INTEGER NOT NULL DEFAULT 0,
	nread		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (member_id, thread_id)
) WITHOUT ROWID;
-- SUM(nread) per board for the board list, from the index alone.
CREATE INDEX read_thread_board ON read_thread (member_id, board_id, nread);
-- Hiding a post adjusts nread of every member who read its thread.
CREATE INDEX read_thread_thread ON read_thread (thread_id);

-- Exceptions to upto: is_read = 1 above it (read out of order), is_read
-- = 0 at or below it (marked unread again). Compacted into upto when
-- the posts above it are read in a row.
CREATE TABLE read_mark (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	post_id		INTEGER NOT NULL REFERENCES post (id),
	thread_id	INTEGER NOT NULL REFERENCES thread (id),
	is_read		INTEGER NOT NULL CHECK (is_read IN (0, 1)),
	PRIMARY KEY (member_id, post_id)
) WITHOUT ROWID;
CREATE INDEX read_mark_thread ON read_mark (member_id, thread_id);
CREATE INDEX read_mark_post ON read_mark (post_id);

CREATE TABLE report (
	id		INTEGER PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES post (id),
	reporter_id	INTEGER NOT NULL REFERENCES member (id),
	reason		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	closed_at	INTEGER,			-- NULL: open
	closed_by	INTEGER REFERENCES member (id),
	resolution	TEXT
);
-- One open report per member and post.
CREATE UNIQUE INDEX report_open ON report (post_id, reporter_id)
    WHERE closed_at IS NULL;
CREATE INDEX report_queue ON report (created_at) WHERE closed_at IS NULL;

-- Unsent texts, one per member and context: kind 'thread' (board_id set,
-- target_id 0), 'reply' (target_id: the parent post), 'edit' (target_id:
-- the post). 0 rather than NULL so the UNIQUE constraint holds; hence no
-- foreign keys on those two columns.
CREATE TABLE draft (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES member (id),
	kind		TEXT NOT NULL CHECK (kind IN ('thread', 'reply', 'edit')),
	board_id	INTEGER NOT NULL DEFAULT 0,
	target_id	INTEGER NOT NULL DEFAULT 0,
	title		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	updated_at	INTEGER NOT NULL,
	UNIQUE (member_id, kind, board_id, target_id)
);

-- Full text: rowid = post.id; title = txt_fold(thread title) for the
-- opening post, '' for replies; body = txt_fold(body). Contentless, so a
-- row is removed with the 'delete' command and the very values it was
-- indexed with (folded again from the post and thread). Only visible
-- posts are indexed.
CREATE VIRTUAL TABLE post_fts USING fts5 (title, body, content = '',
    tokenize = 'unicode61 remove_diacritics 2');

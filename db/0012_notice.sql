-- 0012: notices while connected. What should reach a member's open
-- sessions at once (a private message, a reply to one of their posts, a
-- mention, a place obtained in an exchange day) is written here in the
-- transaction of the change; after the commit the writer wakes the
-- member's sessions (src/util/notice.c), which read their rows newer
-- than the last they showed. Rows are short-lived: each insert drops the
-- oldest rows older than a day (« Quoi de neuf » is the lasting view).
CREATE TABLE notice (
	id		INTEGER PRIMARY KEY,		-- grows with time
	member_id	INTEGER NOT NULL REFERENCES member (id),	-- told
	kind		INTEGER NOT NULL,	-- enum store_notice_kind
	actor_id	INTEGER REFERENCES member (id),	-- who did it
	ref_id		INTEGER NOT NULL DEFAULT 0,	-- post, message, event
	created_at	INTEGER NOT NULL
);
CREATE INDEX notice_member ON notice (member_id, id);

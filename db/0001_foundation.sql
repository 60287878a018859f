-- 0001: members, their public keys, editorials, login penalties, audit log.
-- Times are Unix seconds (UTC). Rows are never deleted by the program:
-- members change status, editorials are hidden with who/when/why.

CREATE TABLE member (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,		-- [a-z0-9._-], never changes
	display_name	TEXT NOT NULL,
	name_fold	TEXT NOT NULL,			-- txt_fold(display_name), for sorting
	organisation	TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL DEFAULT 'membre'
	    CHECK (role IN ('invite', 'membre', 'moderateur', 'documentaliste',
	        'organisateur', 'sysop')),
	status		TEXT NOT NULL DEFAULT 'actif'
	    CHECK (status IN ('en_attente', 'actif', 'suspendu', 'refuse',
	        'anonymise')),
	password_hash	TEXT,				-- argon2id string, NULL: no password
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	last_login_at	INTEGER				-- NULL: never logged in
);
CREATE INDEX member_name_fold ON member (name_fold);

CREATE TABLE member_key (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES member (id),
	algo		TEXT NOT NULL,			-- "ssh-ed25519", "ecdsa-sha2-nistp256"...
	blob		TEXT NOT NULL,			-- base64 public key
	fingerprint	TEXT NOT NULL,			-- "SHA256:..."
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	last_used_at	INTEGER,
	UNIQUE (algo, blob)				-- one key, one member
);
CREATE INDEX member_key_member ON member_key (member_id);

-- Per-member preferences (key/value): charset, line mode... later issues.
CREATE TABLE member_pref (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	name		TEXT NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (member_id, name)
) WITHOUT ROWID;

CREATE TABLE edito (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,			-- Markdown, clean UTF-8
	author_id	INTEGER REFERENCES member (id),
	byline		TEXT NOT NULL DEFAULT '',	-- « Patrick Butor, DPM »
	published_at	INTEGER NOT NULL,
	created_at	INTEGER NOT NULL,
	hidden_at	INTEGER,
	hidden_by	INTEGER REFERENCES member (id),
	hidden_reason	TEXT
);
CREATE INDEX edito_published ON edito (published_at);

-- Failed logins per account name (known or not), so that a password
-- guesser is slowed down per account even behind a shared NAT.
CREATE TABLE auth_penalty (
	login		TEXT PRIMARY KEY,
	failures	INTEGER NOT NULL,		-- in the current window
	window_start	INTEGER NOT NULL,
	locked_until	INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES member (id),	-- NULL: the system or a sysop command
	action		TEXT NOT NULL,			-- "member.add", "edito.hide"...
	target		TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

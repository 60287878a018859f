-- 0013: e-mail. A member's confirmed address and what they want by mail
-- (a digest never, daily or weekly; one e-mail per private message), the
-- code that confirms an address, the messages waiting for the system's
-- mail transfer agent, and the ledger of what each digest carried.
-- Times are Unix seconds (UTC). Mail is built and handed to sendmail by
-- « palabre admin digest send » (src/admin_digest.c), never by a session.

-- One row per member who ever asked for mail. address is the confirmed
-- one ('' none); nothing is sent to an address the MTA refused
-- (refused_at set) until the member confirms one again.
CREATE TABLE mail_pref (
	member_id	INTEGER PRIMARY KEY REFERENCES member (id),
	address		TEXT NOT NULL DEFAULT '',
	digest		TEXT NOT NULL DEFAULT 'jamais'
	    CHECK (digest IN ('jamais', 'quotidien', 'hebdomadaire')),
	per_message	INTEGER NOT NULL DEFAULT 0,	-- 1: an e-mail per message
	digest_at	INTEGER NOT NULL DEFAULT 0,	-- last digest built; 0 never
	message_upto	INTEGER NOT NULL DEFAULT 0,	-- messages told, by id
	refused_at	INTEGER,			-- the MTA refused address
	refused_why	TEXT NOT NULL DEFAULT '',
	updated_at	INTEGER NOT NULL
);
-- The members a run may owe something: a confirmed, accepted address.
CREATE INDEX mail_pref_active ON mail_pref (member_id)
    WHERE address <> '' AND refused_at IS NULL;

-- The address a member is confirming: the code mailed to it (from
-- libsodium's randombytes), tried at most a few times before it expires.
-- requests and window_start bound how many codes one member may have
-- mailed in a day (Palabre is no way to send mail to strangers).
CREATE TABLE mail_confirm (
	member_id	INTEGER PRIMARY KEY REFERENCES member (id),
	address		TEXT NOT NULL,
	code		TEXT NOT NULL,
	expires_at	INTEGER NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,	-- wrong codes typed
	queued		INTEGER NOT NULL DEFAULT 0,	-- 1: in mail_outbox
	requests	INTEGER NOT NULL DEFAULT 0,
	window_start	INTEGER NOT NULL
);

-- Messages built, waiting for (or handed to) sendmail. A row is written
-- in the same transaction that moves the member's marks, so a run killed
-- at any point loses nothing and builds nothing twice; it is sent again
-- until sendmail says yes (sent_at) or refuses it for good (failed_at).
-- data (the whole message) is emptied once sent: the row stays as the
-- log of what went out.
CREATE TABLE mail_outbox (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES member (id),
	kind		TEXT NOT NULL
	    CHECK (kind IN ('code', 'message', 'digest')),
	address		TEXT NOT NULL,
	items		INTEGER NOT NULL DEFAULT 0,	-- what a digest lists
	data		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	tries		INTEGER NOT NULL DEFAULT 0,	-- temporary failures
	sent_at		INTEGER,
	failed_at	INTEGER,
	error		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_waiting ON mail_outbox (id)
    WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_member ON mail_outbox (member_id);

-- What a digest told each member ('m12', 'd4', as the commands name
-- items): the next digest looks back a little before the last one (a
-- post written just before it may commit just after) and leaves out
-- what is here. Rows older than that overlap are pruned.
CREATE TABLE mail_sent (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	item		TEXT NOT NULL,
	sent_at		INTEGER NOT NULL,
	PRIMARY KEY (member_id, item)
) WITHOUT ROWID;
CREATE INDEX mail_sent_at ON mail_sent (sent_at);

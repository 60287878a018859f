-- 0008: exchange days (journées d'échanges): the events, what they link
-- to on the shelf and in the catalogue, the members registered to each
-- (with the waiting list), and the organisers' form drafts. Times are
-- Unix seconds (UTC); the interface shows them in Europe/Paris time.

CREATE TABLE event (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,			-- clean, one line
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL,		-- > starts_at
	place		TEXT NOT NULL DEFAULT '',	-- address; '' if remote
	link		TEXT NOT NULL DEFAULT '',	-- the remote session's
	organiser_id	INTEGER NOT NULL REFERENCES member (id),
	description	TEXT NOT NULL DEFAULT '',	-- clean, multi-line
	capacity	INTEGER NOT NULL DEFAULT 0,	-- places; 0: no limit
	deadline	INTEGER NOT NULL,		-- registration closes
	audience	TEXT NOT NULL DEFAULT '',
	themes		TEXT NOT NULL DEFAULT '',	-- theme keys, spaces
	cancelled_at	INTEGER NOT NULL DEFAULT 0,	-- 0: not cancelled
	thread_id	INTEGER REFERENCES thread (id),	-- its follow-up thread
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX event_starts ON event (starts_at);
CREATE INDEX event_organiser ON event (organiser_id);

-- Documents of the shelf and records of the catalogue shown on the
-- event's page (by id: a document or record removed later is skipped).
CREATE TABLE event_link (
	event_id	INTEGER NOT NULL REFERENCES event (id),
	kind		TEXT NOT NULL CHECK (kind IN ('doc', 'practice')),
	target_id	INTEGER NOT NULL,
	position	INTEGER NOT NULL,
	PRIMARY KEY (event_id, kind, target_id)
) WITHOUT ROWID;

-- Who comes. id gives the order of the waiting list. A place freed
-- moves the first one waiting up in the same transaction (waiting 0,
-- promoted_at set, told 0 until their home screen said so).
CREATE TABLE event_registration (
	id		INTEGER PRIMARY KEY,
	event_id	INTEGER NOT NULL REFERENCES event (id),
	member_id	INTEGER NOT NULL REFERENCES member (id),
	registered_at	INTEGER NOT NULL,
	waiting		INTEGER NOT NULL DEFAULT 0,	-- 1: on the waiting list
	promoted_at	INTEGER NOT NULL DEFAULT 0,
	told		INTEGER NOT NULL DEFAULT 1,	-- 0: promotion not yet said
	UNIQUE (event_id, member_id)
);
CREATE INDEX event_registration_member ON event_registration
    (member_id, event_id);
CREATE INDEX event_registration_untold ON event_registration (member_id)
    WHERE told = 0;

-- The organiser's form as typed (id 0: a new event): the fields as a
-- JSON array of strings, in enum store_event_field order.
CREATE TABLE event_draft (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	event_id	INTEGER NOT NULL,
	fields		TEXT NOT NULL,
	updated_at	INTEGER NOT NULL,
	PRIMARY KEY (member_id, event_id)
) WITHOUT ROWID;

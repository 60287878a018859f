-- A draft remembers what it became. Sending a message (post, private
-- message, comment, record, event) and consuming its draft happen in one
-- transaction: the draft's row stays, emptied, with sent_as the id of
-- what it became, so that a stale copy of it (another session, an editor
-- still open) can neither be sent again nor saved back as a new draft.
-- NULL: not sent. A tombstone is replaced by the next draft written from
-- scratch in the same context, and dropped after a day.
ALTER TABLE draft ADD COLUMN sent_as INTEGER;
ALTER TABLE practice_draft ADD COLUMN sent_as INTEGER;
ALTER TABLE event_draft ADD COLUMN sent_as INTEGER;

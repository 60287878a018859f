-- 0017_post_cost: what saving a post looks up, found without reading a
-- table that grows with the network.
--
-- The mentions and replies of one text, by their text. Telling them when
-- a post is saved (store_notice_post), and moving a post's or a message's
-- date, looked them up in a table keyed by member: every post read the
-- whole table (900,000 rows at 1,000,000 posts, 3.8 ms of CPU a post).
-- IF NOT EXISTS: the benchmark's generated database may have it.
CREATE INDEX IF NOT EXISTS mention_source ON mention (source, source_id);

-- A member's read marks in one thread, read or not, by post. Folding the
-- marks above upto into it (store_read_compact) searched the member's
-- marks of every thread by post number, the primary key: a member who
-- had read out of order in many threads paid for all of them at each
-- post read or written.
DROP INDEX read_mark_thread;
CREATE INDEX read_mark_thread ON read_mark (member_id, thread_id, is_read,
    post_id);

-- 0018_news_recent: « Quoi de neuf » at 1,000,000 posts (store_news.c,
-- issue 18).
--
-- The threads of the whole network by their latest post. The threads of
-- followed boards and of followed threads were read board by board
-- (thread_order), a statement per board with activity above the list's
-- floor, and from the member's follows, thousands for a member who wrote
-- in thousands of threads. They are now one walk of this index, newest
-- first, stopped when the list is full. IF NOT EXISTS and DROP below:
-- the migration may run again on a schema that has it
-- (test_shelf's test_search_migration goes back to 0015).
CREATE INDEX IF NOT EXISTS thread_recent ON thread (last_post_at);

-- The new threads of a followed member: by author and date, not every
-- thread the member ever opened (8,548 for the benchmark's « demo »).
DROP INDEX thread_author;
CREATE INDEX thread_author ON thread (author_id, created_at);

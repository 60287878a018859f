-- 0018_news_recent (PostgreSQL): « Quoi de neuf » at 1,000,000 posts,
-- the same indexes as db/0018_news_recent.sql (which says why): the
-- threads of the whole network by their latest post, and a followed
-- member's new threads by author and date.
CREATE INDEX IF NOT EXISTS thread_recent ON thread (last_post_at);

DROP INDEX thread_author;
CREATE INDEX thread_author ON thread (author_id, created_at);

-- 0018_news_recent: the threads of the whole network by their latest
-- post, for « Quoi de neuf » (store_news.c, issue 18).
--
-- « Tout le réseau » read the threads board by board (thread_order), a
-- statement per board with activity above the list's floor: about a
-- hundred at 1,000,000 posts. And the threads a member follows were read
-- from their follows, thousands for a member who wrote in thousands of
-- threads. Both now walk the threads active since the list's start,
-- newest first, from this index.
CREATE INDEX thread_recent ON thread (last_post_at);

-- 0015: a per-board « read up to » mark (issue 18). Marking a whole
-- board read wrote one read_thread row per unread thread: about 1 s for
-- a board of 10,000 threads. It now writes one read_board row.
--
-- The rule (store_read.c): a member's read_thread row for a thread of
-- board b is current if its seq is at least that of the member's
-- read_board row for b (or there is none); a row that is not current is
-- wholly replaced by the mark, as is a missing row: every visible post
-- of the thread with id <= read_board.upto is read, the rest unread.
-- The first write to such a thread folds the mark into its row (which
-- becomes current), so marking a post unread again, reading past the
-- mark, hiding or moving all work on one row as before.
--
-- nread of the mark counts the visible posts that the mark alone makes
-- read (those of threads with no current row), so that
-- unread(board) = board.nposts - read_board.nread - SUM(read_thread.nread
-- over the current rows), from two index ranges.
CREATE TABLE read_board (
	member_id	INTEGER NOT NULL REFERENCES member (id),
	board_id	INTEGER NOT NULL REFERENCES board (id),
	upto		INTEGER NOT NULL,	-- the newest post id when marked
	seq		INTEGER NOT NULL,	-- 1, then +1 at each mark
	nread		INTEGER NOT NULL,	-- visible posts read by the mark alone
	PRIMARY KEY (member_id, board_id)
) WITHOUT ROWID;
-- Hiding a post or moving a thread adjusts the marks on its board.
CREATE INDEX read_board_board ON read_board (board_id, upto);

-- The board mark a row was written under (0: none).
ALTER TABLE read_thread ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
-- SUM(nread) of the current rows of a board, from the index alone.
DROP INDEX read_thread_board;
CREATE INDEX read_thread_board ON read_thread (member_id, board_id, seq,
    nread);

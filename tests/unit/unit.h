/*
 * unit.h - tiny assert macros for the unit tests (after OpenSSH's
 * regress/unittests). Each test file defines main() with TEST_MAIN() and
 * runs test functions with RUN(); every CHECK counts one assertion. The
 * last line printed is "N passed, N failed" (counting assertions) and the
 * exit status is 1 if anything failed.
 */
#ifndef PALABRE_UNIT_H
#define PALABRE_UNIT_H

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_passed, unit_failed;
static const char *unit_current = "";

#define CHECK(cond) do {						\
	if (cond) {							\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s\n", __FILE__,	\
		    __LINE__, unit_current, #cond);			\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) {		\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s\n  got:  \"%s\"\n"	\
		    "  want: \"%s\"\n", __FILE__, __LINE__,		\
		    unit_current, #got, g_ ? g_ : "(null)",		\
		    w_ ? w_ : "(null)");				\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ == w_) {							\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s == %lld, want "	\
		    "%lld\n", __FILE__, __LINE__, unit_current, #got,	\
		    g_, w_);						\
	}								\
} while (0)

#define RUN(fn) do {							\
	unit_current = #fn;						\
	fn();								\
} while (0)

#define TEST_DONE() do {						\
	printf("%s: %d passed, %d failed\n", __FILE__, unit_passed,	\
	    unit_failed);						\
	return unit_failed == 0 ? 0 : 1;				\
} while (0)

/* Remove a test's temporary directory and what it holds (no shell). */
static inline int
unit_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void
unit_rmtree(const char *dir)
{
	if (nftw(dir, unit_rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

#endif

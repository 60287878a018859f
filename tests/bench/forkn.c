/*
 * forkn.c - what fork() costs a parent that already has N live children
 * (issue 18: the listener's CPU per login at 10,000 open sessions).
 *
 *   cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/forkn.c \
 *       -o build/bench/forkn
 *   forkn [-n SIBLINGS] [-v MAPPINGS] [-f FORKS] [-d TMPDIR]
 *
 * The parent maps MAPPINGS (232, the listener's count in
 * /proc/PID/maps) distinct small files, MAP_PRIVATE, one VMA each, and
 * writes into every other one (a library's data segment: file-backed
 * and with an anon_vma); it has nothing else of the listener (no
 * libssh, no socket, no epoll). For each variant, in this order so that
 * the figures of one run compare on a loaded machine:
 *   quiet    no other child: FORKS times fork(), the child _exit(0)s at
 *            once, the parent waitpid()s that pid (as the listener does
 *            on its SIGCHLD);
 *   siblings the same with SIBLINGS children asleep in pause(), forked
 *            after the mappings (sessions are: each holds a copy of
 *            every mapping);
 *   quiet2   the same as quiet once the siblings are gone.
 * The figure is the parent's own CPU (CLOCK_PROCESS_CPUTIME_ID: the
 * children's CPU is not in it) per fork+waitpid, in microseconds, and
 * the ratio siblings / quiet. The same run with -v 16 shows that the
 * growth is per mapping: fork() copies each VMA into the file's i_mmap
 * interval tree and each anon_vma's interval tree, both shared with
 * every sibling that still holds the mapping (perf: dup_mmap,
 * vma_interval_tree_insert_after, anon_vma_interval_tree_insert).
 *
 * Bounded: SIBLINGS at most 20,000, every child it started is killed
 * (SIGKILL, by pid) and reaped before it exits, and a sibling whose
 * parent died exits by itself (PR_SET_PDEATHSIG). The files live in a
 * private temp dir under TMPDIR (/tmp), removed at once after mapping.
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <err.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FORKN_MAX_SIBLINGS 20000

static double	 forkn_cpu_us(void);
static double	 forkn_round(int);
static void	 forkn_map(const char *, int);
static int	 forkn_vmas(void);

static double
forkn_cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* FORKS times fork + _exit + waitpid: the parent's CPU per fork (us). */
static double
forkn_round(int forks)
{
	double t0;
	pid_t pid;
	int i, status;

	t0 = forkn_cpu_us();
	for (i = 0; i < forks; i++) {
		if ((pid = fork()) == -1)
			err(1, "fork");
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, &status, 0) != pid)
			err(1, "waitpid");
	}
	return (forkn_cpu_us() - t0) / forks;
}

/* Map n distinct one-page files of a private directory under tmp, one
 * VMA each; write into every other one (copy-on-write: an anon_vma). */
static void
forkn_map(const char *tmp, int n)
{
	char dir[4096], path[4200];
	char *p;
	int i, fd;

	snprintf(dir, sizeof(dir), "%s/forkn.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL)
		err(1, "mkdtemp %s", dir);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%d", dir, i);
		if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600)) == -1)
			err(1, "%s", path);
		if (ftruncate(fd, 4096) == -1)
			err(1, "ftruncate");
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		    fd, 0);
		if (p == MAP_FAILED)
			err(1, "mmap");
		if (i % 2 == 0)
			p[0] = 1;
		close(fd);
		unlink(path);
	}
	rmdir(dir);
}

/* The parent's VMAs (lines of /proc/self/maps). */
static int
forkn_vmas(void)
{
	FILE *f;
	int c, n = 0;

	if ((f = fopen("/proc/self/maps", "r")) == NULL)
		return -1;
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

int
main(int argc, char **argv)
{
	const char *tmp = "/tmp";
	pid_t *sib;
	double quiet, many, quiet2;
	int c, i, n = 2000, v = 232, forks = 300, vmas;

	while ((c = getopt(argc, argv, "n:v:f:d:")) != -1) {
		switch (c) {
		case 'n':
			n = atoi(optarg);
			break;
		case 'v':
			v = atoi(optarg);
			break;
		case 'f':
			forks = atoi(optarg);
			break;
		case 'd':
			tmp = optarg;
			break;
		default:
			fprintf(stderr, "usage: forkn [-n SIBLINGS] "
			    "[-v MAPPINGS] [-f FORKS] [-d TMPDIR]\n");
			return 2;
		}
	}
	if (n < 0 || n > FORKN_MAX_SIBLINGS || v < 0 || v > 60000 ||
	    forks < 1 || forks > 100000)
		errx(2, "out of bounds: -n 0..%d, -v 0..60000, "
		    "-f 1..100000", FORKN_MAX_SIBLINGS);
	forkn_map(tmp, v);
	vmas = forkn_vmas();
	/* Warm up (first faults, the slab caches), then measure. */
	forkn_round(forks / 10 + 1);
	quiet = forkn_round(forks);

	if ((sib = calloc(n ? n : 1, sizeof(*sib))) == NULL)
		err(1, "calloc");
	for (i = 0; i < n; i++) {
		if ((sib[i] = fork()) == -1) {
			warn("fork (sibling %d)", i);
			n = i;
			break;
		}
		if (sib[i] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(0);
			for (;;)
				pause();
		}
	}
	forkn_round(forks / 10 + 1);
	many = forkn_round(forks);
	for (i = 0; i < n; i++)
		kill(sib[i], SIGKILL);
	for (i = 0; i < n; i++)
		waitpid(sib[i], NULL, 0);
	free(sib);
	quiet2 = forkn_round(forks);

	printf("forkn: %d VMAs (%d mapped files), %d forks a variant\n",
	    vmas, v, forks);
	printf("forkn: quiet %.1f us, %d siblings %.1f us, quiet again "
	    "%.1f us per fork+waitpid: ratio %.2f\n", quiet, n, many,
	    quiet2, many / ((quiet + quiet2) / 2));
	printf("JSON {\"vmas\":%d,\"siblings\":%d,\"quiet_us\":%.2f,"
	    "\"siblings_us\":%.2f,\"quiet2_us\":%.2f,\"ratio\":%.3f}\n",
	    vmas, n, quiet, many, quiet2, many / ((quiet + quiet2) / 2));
	return 0;
}

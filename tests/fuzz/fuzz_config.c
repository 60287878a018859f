/*
 * fuzz_config.c - libFuzzer target for the configuration parser: any
 * bytes as conf/palabre.conf must give either a complete configuration or
 * a count of errors, never a crash, a leak or a half-filled struct.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char path[64];
	FILE *errs;
	int fd, rc;

	if ((fd = memfd_create("palabre-conf", MFD_CLOEXEC)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	errs = fopen("/dev/null", "w");
	rc = config_load(&cfg, path, errs);
	if (errs != NULL)
		fclose(errs);
	if (rc == 0) {
		/* A valid file gives a complete configuration. */
		if (cfg.site_name == NULL || cfg.database == NULL ||
		    cfg.listen == NULL || cfg.nhost_keys < 1 || cfg.port < 1)
			abort();
		config_clear(&cfg);
	} else if (cfg.site_name != NULL || cfg.database != NULL)
		abort();	/* errors must leave nothing behind */
	close(fd);
	return 0;
}

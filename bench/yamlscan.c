/* yamlscan - the floor for the load benchmark: reads each file and runs
 * libyaml's event parser over it, doing nothing with the events.
 *
 *   yamlscan FILE...
 *
 * Prints the milliseconds one pass over all the files took: CPU time of
 * the process, then wall time. Exit status 1
 * if a file cannot be read or is not valid YAML. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

static double now_ms(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reads the file as the loader does (one read into a buffer) and scans it. */
static int scan(const char *path)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return -1;
	size_t n = (size_t)st.st_size;
	unsigned char *buf = malloc(n + 1);
	ssize_t r = buf ? read(fd, buf, n + 1) : -1;
	close(fd);
	if (r < 0) {
		free(buf);
		return -1;
	}
	yaml_parser_t p;
	yaml_event_t ev;
	int ok = yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, (size_t)r);
	while (ok) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = 0;
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	double cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID), wall = now_ms(CLOCK_MONOTONIC);
	for (int i = 1; i < argc; i++) {
		if (scan(argv[i]) != 0) {
			fprintf(stderr, "yamlscan: %s: cannot read or parse\n", argv[i]);
			return 1;
		}
	}
	printf("%.2f %.2f\n", now_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu,
	       now_ms(CLOCK_MONOTONIC) - wall);
	return 0;
}

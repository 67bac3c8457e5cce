/* main.c - entry point: parse the command line, run a command or the tutor. */
#include "cli.h"

#include <locale.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct options o;
	setlocale(LC_ALL, "");
	int status = cli_parse(argc, argv, &o);
	if (status >= 0) {
		cli_free(&o);
		return status;
	}
	switch (o.cmd) {
	case CMD_CHECK:
		status = cli_check(&o);
		break;
	case CMD_LIST:
		status = cli_list(&o);
		break;
	default:
		status = 2;
		break;
	}
	cli_free(&o);
	return status;
}

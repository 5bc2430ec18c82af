/* decarb size (cli_size.c). */
#ifndef DC_CLI_SIZE_H
#define DC_CLI_SIZE_H

/* Solves a sweep file with a target: prints the answer and writes every
 * run it made to outdir (NULL: output/NAME)/size.csv; the exit code. */
int dc_cli_size(const char *file, const char *outdir, int quiet);
#endif

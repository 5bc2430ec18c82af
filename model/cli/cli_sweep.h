/* decarb sweep (cli_sweep.c). */
#ifndef DC_CLI_SWEEP_H
#define DC_CLI_SWEEP_H

#include "decarb.h"

/* Runs every case of the sweep file on threads (< 1: all cores) into
 * outdir (NULL: output/NAME)/sweep.csv, resuming from its journal; the
 * exit code. */
int dc_cli_sweep(const char *file, const char *outdir, int threads, int quiet);
/* Many models one after another: freed memory stays in the heap. */
void dc_cli_keep_heap(void);
#endif

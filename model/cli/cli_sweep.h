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
/* 1 when dir holds an entry ours(name) does not accept (its name into
 * name): a command writing there would write among someone's files, or
 * over a same-named file of theirs. 0 when dir is absent or all ours. */
int dc_cli_folder_foreign(const char *dir, int (*ours)(const char *name), char *name, size_t len);
#endif

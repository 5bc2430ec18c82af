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
 * name), 2 when it holds entries but not the file `marker` (the first's
 * name): a command writing there would write among someone's files, or
 * over a same-named file of theirs (a sweep.csv of their own). 0 when dir
 * is absent, empty, or all ours with the marker. */
int dc_cli_folder_foreign(const char *dir, const char *marker, int (*ours)(const char *name), char *name,
                          size_t len);
/* Why dir is refused (dc_cli_folder_foreign's answer why), on stderr. */
void dc_cli_folder_refused(int why, const char *dir, const char *name, const char *marker);
/* The marker (dc_cli_folder_foreign) into dir, made first in an empty
 * folder; -1 with errno when it cannot be written. */
int dc_cli_folder_mark(const char *dir, const char *marker);
#endif

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
/* What a command writes into its output folder: the marker it writes
 * there first, the names of what it writes (temporary names included),
 * and how a folder an older decarb left without the marker is told:
 * older(dir, name) 1 when the entry shows it is decarb's, -1 when it
 * shows it is not, 0 when it cannot tell (NULL: none is told). */
typedef struct {
    const char *marker;
    int (*ours)(const char *name);
    int (*older)(const char *dir, const char *name);
} dc_folder_kind;

/* 1 when dir holds an entry k does not write (its name into name); 2 when
 * it holds entries but not k's marker, and none of them shows it an older
 * decarb's (or one shows it is not: its name, else the first's). Either
 * way a command writing there would write among someone's files, or over
 * a same-named file of theirs (a sweep.csv of their own). 0 when dir is
 * absent, empty, or k's. */
int dc_cli_folder_foreign(const char *dir, const dc_folder_kind *k, char *name, size_t len);
/* 1 when the first line of dir/name starts with prefix. */
int dc_cli_first_line_starts(const char *dir, const char *name, const char *prefix);
/* Why dir is refused (dc_cli_folder_foreign's answer why), on stderr. */
void dc_cli_folder_refused(int why, const char *dir, const char *name, const char *marker);
/* The marker (dc_cli_folder_foreign) into dir, made first in an empty
 * folder; -1 with errno when it cannot be written. */
int dc_cli_folder_mark(const char *dir, const char *marker);
#endif

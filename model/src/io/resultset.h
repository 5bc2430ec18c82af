/* A result folder replaced as one unit. The new set is written into a
 * private sibling folder (mkdtemp), each file created exclusively and
 * without following links, then swapped with the old folder in one
 * rename (renameat2 RENAME_EXCHANGE; on file systems without it, two
 * renames, and the next run restores the old set if it was cut between
 * them). A lock on the parent folder (flock of the folder itself)
 * serializes runs writing there; leftovers of dead runs are removed
 * under it. A folder holding
 * files decarb did not write is never replaced. */
#ifndef DC_RESULTSET_H
#define DC_RESULTSET_H

#include <stdio.h>

#include "decarb.h" /* dc_mkdirs */
#include "sizes.h"

typedef struct {
    char dir[DC_PATH_MAX];     /* the result folder */
    char parent[DC_PATH_MAX];  /* its parent */
    char base[DC_PATH_MAX];    /* its last component */
    char tmp[2 * DC_PATH_MAX + 32]; /* the new set while it is written */
    int lock_fd;               /* -1 when not locked */
} dc_resultset;

/* Prepare dir for a new set: create its parent, lock, clean up, check that
 * an existing dir is decarb's own, make the private folder. 0, or -1 with
 * a message in err. known: the file names a set may hold, NULL-ended. */
int dc_resultset_begin(dc_resultset *r, const char *dir, const char *const *known, char *err, size_t n);
/* A new file of the set, for writing, with buf (size bytes, until it is
 * closed) as its stdio buffer when not NULL; NULL on error (errno). Files
 * may be written from several threads at once. */
FILE *dc_resultset_create(dc_resultset *r, const char *name, char *buf, size_t size);
/* Where a file of the set is written, for writers that open it themselves. */
int dc_resultset_path(const dc_resultset *r, const char *name, char *buf, size_t n);
/* Swap the new set in and remove the old one; unlock. 0, or -1 with err. */
int dc_resultset_commit(dc_resultset *r, char *err, size_t n);
/* Remove the new set; the old one stays; unlock. */
void dc_resultset_abort(dc_resultset *r);
#endif

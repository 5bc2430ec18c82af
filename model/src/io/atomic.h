/* Files written under a temporary name and renamed when complete, so a
 * failed run never leaves a partial output. */
#ifndef DC_ATOMIC_H
#define DC_ATOMIC_H

#include <stdio.h>

#include "sizes.h"

typedef struct {
    char final[DC_PATH_MAX + 64];
    char tmp[DC_PATH_MAX + 96];
    FILE *fp;  /* NULL for writers that open tmp themselves (HDF5) */
} dc_afile;

int dc_afile_name(dc_afile *f, const char *dir, const char *name); /* set paths only */
int dc_afile_open(dc_afile *f, const char *dir, const char *name); /* and fopen tmp */
int dc_afile_close(dc_afile *f);   /* 0 when every write reached the file */
void dc_afile_discard(dc_afile *f);
int dc_afile_commit(dc_afile *f);  /* rename tmp to final */
int dc_mkdirs(const char *dir);    /* mkdir -p */
#endif

/* libFuzzer targets: each reader takes a path, so every input is written
 * to one temporary file of the process and read back from there. */
#ifndef DC_FUZZ_H
#define DC_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decarb.h"

/* The input as a file; its path. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/decarb-fuzz-%ld%s", (long)getpid(), suffix);
    FILE *fp = fopen(path, "wb");
    if (!fp) abort();
    if (size && fwrite(data, 1, size, fp) != size) abort();
    fclose(fp);
    return path;
}
#endif

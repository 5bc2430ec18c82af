/* Every block a model allocates, freed together when it is destroyed. */
#ifndef DC_POOL_H
#define DC_POOL_H

#include <stddef.h>

typedef struct {
    void *at;
    size_t size;
} dc_arena;

typedef struct {
    void **block;       /* small blocks (calloc) */
    int n, cap;
    dc_arena *arena;    /* large blocks are carved from these */
    int n_arena, cap_arena;
    char *next;         /* free space left in the last arena */
    size_t left;
} dc_pool;

/* n zeroed bytes owned by the pool, or NULL without memory. */
void *dc_pool_alloc(dc_pool *p, size_t n);
void dc_pool_free(dc_pool *p);
#endif

#include "pool.h"

#include <stdlib.h>
#include <string.h>

void *dc_pool_alloc(dc_pool *p, size_t n)
{
    if (p->n == p->cap) {
        int cap = p->cap ? 2 * p->cap : 32;
        void **b = realloc(p->block, (size_t)cap * sizeof *b);
        if (!b) return NULL;
        p->block = b;
        p->cap = cap;
    }
    void *m = calloc(1, n ? n : 1);
    if (m) p->block[p->n++] = m;
    return m;
}

void dc_pool_free(dc_pool *p)
{
    for (int k = 0; k < p->n; k++) free(p->block[k]);
    free(p->block);
    memset(p, 0, sizeof *p);
}

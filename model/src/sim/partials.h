/* A reader's sums kept by blocks of DC_BLOCK_STEPS steps: quantity q of
 * block b at v[q * blocks + b]. A period's figure is made from its
 * blocks' (a sum in four chains, colsum.h; or a largest value), so a run
 * that changes a few blocks has only those read again
 * (dc_engine_redo_blocks, dc_engine_redo_site_blocks), and the same
 * records give the same bits however their blocks came to stand (a
 * block's own figure is its reader's: its steps summed, or their
 * largest). Periods begin and end on block boundaries (model.c: months
 * start at midnight, and a day is whole blocks). */
#ifndef DC_PARTIALS_H
#define DC_PARTIALS_H

#include <stddef.h>

#include "colsum.h"
#include "engine.h"
#include "pool.h"

typedef struct {
    double *v;
    int n, blocks;
    unsigned long at; /* the settlement the blocks stand at; 0: none yet */
} dc_partials;

/* n quantities over the engine's blocks, zero, from the pool; 0 or -1. */
static inline int dc_partials_make(dc_partials *p, dc_pool *pool, const dc_engine *e, int n)
{
    p->n = n, p->blocks = dc_engine_blocks(e), p->at = 0;
    p->v = dc_pool_alloc(pool, ((size_t)n * (size_t)p->blocks + 1) * sizeof *p->v);
    return p->v ? 0 : -1;
}

static inline double *dc_part(const dc_partials *p, int q) { return p->v + (size_t)q * (size_t)p->blocks; }

/* Steps of block b: [*first, *last]. */
static inline void dc_block_steps(const dc_engine *e, int b, int *first, int *last)
{
    *first = b * DC_BLOCK_STEPS;
    *last = *first + DC_BLOCK_STEPS <= e->n_steps ? *first + DC_BLOCK_STEPS - 1 : e->n_steps - 1;
}

/* Quantity q summed over the blocks of steps [first, last]; 0 when empty. */
static inline double dc_part_sum(const dc_partials *p, int q, int first, int last)
{
    return last < first ? 0.0 : dc_col_sum(dc_part(p, q), first / DC_BLOCK_STEPS, last / DC_BLOCK_STEPS);
}

/* The largest of 0 and quantity q over the blocks of steps [first, last]. */
static inline double dc_part_max(const dc_partials *p, int q, int first, int last)
{
    return last < first ? 0.0 : dc_col_max(dc_part(p, q), first / DC_BLOCK_STEPS, last / DC_BLOCK_STEPS);
}

#endif

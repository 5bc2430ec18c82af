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
    int blocks;
    unsigned long at; /* the settlement the blocks stand at; 0: none yet */
} dc_partials;

/* n quantities over the engine's blocks, zero, from the pool; 0 or -1. */
static inline int dc_partials_make(dc_partials *p, dc_pool *pool, const dc_engine *e, int n)
{
    p->blocks = dc_engine_blocks(e), p->at = 0;
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

/* dc_col_sum of a whole block of eight steps from v, written out. */
static inline double dc_block8_sum(const double *v)
{
    _Static_assert(DC_BLOCK_STEPS == 8, "eight steps a block");
    double a = 0.0 + v[0], b = 0.0 + v[1], c = 0.0 + v[2], d = 0.0 + v[3];
    a += v[4], b += v[5], c += v[6], d += v[7];
    return (a + b) + (c + d);
}

/* dc_col_sum of v over block b's steps. */
static inline double dc_block_sum(const dc_engine *e, const double *v, int b)
{
    int first, last;
    dc_block_steps(e, b, &first, &last);
    return last - first == DC_BLOCK_STEPS - 1 ? dc_block8_sum(v + first) : dc_col_sum(v, first, last);
}

/* part[b] = dc_col_sum of v over block b's steps, for blocks b0 to b1. */
static inline void dc_block_sums(const dc_engine *e, const double *v, int b0, int b1, double *part)
{
    int b = b0, whole = e->n_steps / DC_BLOCK_STEPS;
    for (const double *x = v + (size_t)b * DC_BLOCK_STEPS; b <= b1 && b < whole; b++, x += DC_BLOCK_STEPS)
        part[b] = dc_block8_sum(x);
    for (; b <= b1; b++) part[b] = dc_block_sum(e, v, b); /* the year's last block, when short */
}

/* dc_col_max of a whole block of eight steps from v, written out (a
 * largest value does not depend on the order it is taken in). */
static inline double dc_block8_max(const double *v)
{
    double a = v[0] > 0.0 ? v[0] : 0.0, b = v[1] > 0.0 ? v[1] : 0.0, c = v[2] > 0.0 ? v[2] : 0.0;
    double d = v[3] > 0.0 ? v[3] : 0.0;
    a = v[4] > a ? v[4] : a, b = v[5] > b ? v[5] : b, c = v[6] > c ? v[6] : c, d = v[7] > d ? v[7] : d;
    a = b > a ? b : a, c = d > c ? d : c;
    return c > a ? c : a;
}

/* part[b] = dc_col_max (abs: dc_col_max_abs) of v over block b's steps,
 * for blocks b0 to b1. */
static inline void dc_block_maxes(const dc_engine *e, const double *v, int abs, int b0, int b1, double *part)
{
    int b = b0, whole = e->n_steps / DC_BLOCK_STEPS;
    for (const double *x = v + (size_t)b * DC_BLOCK_STEPS; !abs && b <= b1 && b < whole; b++, x += DC_BLOCK_STEPS)
        part[b] = dc_block8_max(x);
    for (; b <= b1; b++) {
        int first, last;
        dc_block_steps(e, b, &first, &last);
        part[b] = abs ? dc_col_max_abs(v, first, last) : dc_col_max(v, first, last);
    }
}

#endif

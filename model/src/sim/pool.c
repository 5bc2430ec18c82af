#include "pool.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* A model touches each of its series (tens of MB) once as it is built.
 * Carved from arenas that ask for transparent huge pages, that is one
 * page fault per 2 MiB instead of one per 4 KiB, and fresh anonymous
 * memory is zero already. Under AddressSanitizer every block is its own
 * allocation, so that an overrun is still caught. */
enum { SMALL = 16384, ALIGN = 64 };
#define ARENA_BYTES ((size_t)8 << 20)
#if defined(__SANITIZE_ADDRESS__)
#define DC_POOL_ARENAS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DC_POOL_ARENAS 0
#endif
#endif
#ifndef DC_POOL_ARENAS
#define DC_POOL_ARENAS 1
#endif

/* v with room for one more element (n used of *cap, each bytes); NULL
 * without memory (v stays as it was). */
static void *grow(void *v, int n, int *cap, size_t each)
{
    if (n < *cap) return v;
    int c = *cap ? 2 * *cap : 32;
    void *b = realloc(v, (size_t)c * each);
    if (b) *cap = c;
    return b;
}

/* A block on cache lines of its own: an instance's state, written every
 * step, never shares a line with another bus's while buses run side by
 * side. Under AddressSanitizer exactly n bytes (aligned all the same), so
 * that a byte past the end is caught. */
static void *zeroed_lines(size_t n)
{
    size_t bytes = DC_POOL_ARENAS ? (n + ALIGN - 1) / ALIGN * ALIGN : n;
    void *m = NULL;
    if (bytes < n || posix_memalign(&m, ALIGN, bytes ? bytes : ALIGN)) return NULL;
    return memset(m, 0, bytes);
}

static void *small_block(dc_pool *p, size_t n)
{
    void **b = grow(p->block, p->n, &p->cap, sizeof *p->block);
    if (!b) return NULL;
    p->block = b;
    void *m = zeroed_lines(n);
    if (m) p->block[p->n++] = m;
    return m;
}

/* A new arena of at least n bytes, or -1. */
static int new_arena(dc_pool *p, size_t n)
{
    size_t bytes = n > ARENA_BYTES ? (n + ARENA_BYTES - 1) / ARENA_BYTES * ARENA_BYTES : ARENA_BYTES;
    dc_arena *list = grow(p->arena, p->n_arena, &p->cap_arena, sizeof *p->arena);
    if (!list) return -1;
    p->arena = list;
    void *a = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) return -1;
#ifdef MADV_HUGEPAGE
    madvise(a, bytes, MADV_HUGEPAGE); /* a hint: without it, plain pages */
#endif
    p->arena[p->n_arena++] = (dc_arena){a, bytes};
    p->next = a;
    p->left = bytes;
    return 0;
}

void *dc_pool_alloc(dc_pool *p, size_t n)
{
    if (!DC_POOL_ARENAS || n < SMALL) return small_block(p, n);
    if (n > ((size_t)-1) / 2) return NULL; /* no rounding overflow */
    size_t need = (n + ALIGN - 1) / ALIGN * ALIGN;
    if (need > p->left && new_arena(p, need)) return NULL;
    void *m = p->next;
    p->next += need;
    p->left -= need;
    return m;
}

void dc_pool_free(dc_pool *p)
{
    for (int k = 0; k < p->n; k++) free(p->block[k]);
    for (int k = 0; k < p->n_arena; k++) munmap(p->arena[k].at, p->arena[k].size);
    free(p->block);
    free(p->arena);
    memset(p, 0, sizeof *p);
}

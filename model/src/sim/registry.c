#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dc_registry_init(dc_registry *r, int steps)
{
    memset(r, 0, sizeof *r);
    r->steps = steps;
    return 0;
}

static int grow(dc_registry *r)
{
    if (r->n < r->cap) return 0;
    int cap = r->cap ? 2 * r->cap : 64;
    dc_series *s = realloc(r->s, (size_t)cap * sizeof *s);
    if (!s) return -1;
    r->s = s;
    r->cap = cap;
    return 0;
}

double *dc_registry_add(dc_registry *r, int level, const char *kind, const char *owner, int site,
                        const char *quantity, const char *unit, const char *help, int agg)
{
    if (grow(r)) return NULL;
    dc_series *s = &r->s[r->n];
    memset(s, 0, sizeof *s);
    if (level == DC_LEVEL_TOWN) snprintf(s->name, sizeof s->name, "%s", quantity);
    else snprintf(s->name, sizeof s->name, "%s:%s:%s", kind, owner, quantity);
    snprintf(s->owner, sizeof s->owner, "%s", owner);
    snprintf(s->kind, sizeof s->kind, "%s", kind);
    snprintf(s->quantity, sizeof s->quantity, "%s", quantity);
    s->unit = unit;
    s->help = help;
    s->level = level;
    s->site = site;
    s->agg = agg;
    s->v = dc_pool_alloc(&r->values, ((size_t)r->steps + 1) * sizeof *s->v);
    if (!s->v) return NULL;
    r->n++;
    return s->v;
}

void dc_registry_detail(dc_registry *r, const double *v)
{
    for (int k = r->n - 1; k >= 0; k--)
        if (r->s[k].v == v) r->s[k].detail = 1;
}

const dc_series *dc_registry_find(const dc_registry *r, const char *name)
{
    for (int k = 0; k < r->n; k++)
        if (!strcmp(r->s[k].name, name)) return &r->s[k];
    return NULL;
}

void dc_registry_free(dc_registry *r)
{
    dc_pool_free(&r->values);
    free(r->s);
    memset(r, 0, sizeof *r);
}

int dc_registry_add_resource(dc_registry *r, const char *kind, const char *owner, int site, const dc_series_spec *s,
                             size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (s[k].flags & DC_SERIES_SKIP) continue;
        *s[k].v = dc_registry_add(r, DC_LEVEL_RESOURCE, kind, owner, site, s[k].quantity, s[k].unit, s[k].help,
                                  s[k].agg);
        if (!*s[k].v) return -1;
        if (s[k].flags & DC_SERIES_DETAIL) dc_registry_detail(r, *s[k].v);
    }
    return 0;
}

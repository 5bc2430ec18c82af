/* Results as a registry: every series a run records, with its name, unit,
 * description and level (town, private wire, site, resource). Writers,
 * totals and the console summary iterate it, so a new technology adds its
 * series here and no writer code. */
#ifndef DC_REGISTRY_H
#define DC_REGISTRY_H

#include "decarb.h"
#include "pool.h"
#include "sizes.h"

typedef struct {
    char name[3 * DC_NAME_MAX];  /* full name: "grid_import", "site:hall:grid_import", "pv:hall:ac" */
    char owner[DC_NAME_MAX];     /* site, wire or resource name; "" for the town */
    char kind[24];               /* "town", "wire", "site", or the resource type ("pv", "battery", ...) */
    char quantity[40];           /* "grid_import", "ac", ... */
    const char *unit, *help;
    int level;                   /* dc_level */
    int site;                    /* site index of a site or resource; -1 otherwise */
    int agg;                     /* dc_agg: how totals combine steps */
    int detail;                  /* 1: results.h5 and resources.csv only, not hourly.csv */
    double *v;                   /* n values */
} dc_series;

typedef struct {
    dc_series *s;
    int n, cap, steps;
    dc_pool values;      /* every series' values */
} dc_registry;

int dc_registry_init(dc_registry *r, int steps);
/* A new zeroed series; its values, or NULL without memory. */
double *dc_registry_add(dc_registry *r, int level, const char *kind, const char *owner, int site,
                        const char *quantity, const char *unit, const char *help, int agg);
/* Mark the series whose values are v as detail (see dc_series.detail). */
void dc_registry_detail(dc_registry *r, const double *v);
const dc_series *dc_registry_find(const dc_registry *r, const char *name);

/* One series of a resource, as a type declares it. */
enum { DC_SERIES_DETAIL = 1, DC_SERIES_SKIP = 2 }; /* not in hourly.csv; not recorded at all */
typedef struct {
    double **v;          /* where its values go */
    const char *quantity, *unit, *help;
    int agg, flags;
} dc_series_spec;
/* Register a resource's series (level resource); -1 without memory. */
int dc_registry_add_resource(dc_registry *r, const char *kind, const char *owner, int site, const dc_series_spec *s,
                             size_t n);
void dc_registry_free(dc_registry *r);
#endif

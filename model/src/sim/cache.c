/* The profile cache: small arrays of entries compared field by field (PV
 * parameters bytewise: equal bytes are equal parameters, so a hit is never
 * wrong; a miss only costs the time of a fresh profile). */
#include "cache.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_SUNS = 4, MAX_PV = 24, WEATHER_COLS = 6 };

typedef struct {
    dc_sun_key key;
    int n, has_beam;
    double *weather, *sun; /* WEATHER_COLS, DC_SUN_COLS x n, in dc_weather / dc_sun column order */
    unsigned long used;
} sun_entry;

typedef struct {
    dc_sun_key sun;
    dc_pv_params p;
    int n;
    double *v; /* DC_PV_CACHED x n */
    unsigned long used;
} pv_entry;

struct dc_cache {
    sun_entry suns[MAX_SUNS];
    pv_entry pv[MAX_PV];
    unsigned long clock;
    size_t hits;
};

dc_cache *dc_cache_create(void) { return calloc(1, sizeof(dc_cache)); }

void dc_cache_destroy(dc_cache **c)
{
    if (!c || !*c) return;
    for (int i = 0; i < MAX_SUNS; i++) free((*c)->suns[i].weather), free((*c)->suns[i].sun);
    for (int i = 0; i < MAX_PV; i++) free((*c)->pv[i].v);
    free(*c);
    *c = NULL;
}

size_t dc_cache_hits(const dc_cache *c) { return c ? c->hits : 0; }

uint64_t dc_weather_hash(const dc_weather_raw *w)
{
    uint64_t h = 1469598103934665603ULL;
    const double *cols[] = {w->ghi, w->dni, w->dhi, w->temp_c, w->wind_ms, w->pressure_mbar};
    const signed char *stamps[] = {w->month, w->day, w->hour};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        for (int i = 0; i < w->n; i++) {
            uint64_t b;
            memcpy(&b, &cols[c][i], sizeof b);
            h = (h ^ b) * 1099511628211ULL;
        }
    for (size_t c = 0; c < sizeof stamps / sizeof stamps[0]; c++)
        for (int i = 0; i < w->n; i++) h = (h ^ (unsigned char)stamps[c][i]) * 1099511628211ULL;
    double site[] = {w->latitude_deg, w->longitude_deg, w->elevation_m, w->tz_hours};
    for (size_t c = 0; c < 4; c++) {
        uint64_t b;
        memcpy(&b, &site[c], sizeof b);
        h = (h ^ b) * 1099511628211ULL;
    }
    return (h ^ (uint64_t)w->n ^ ((uint64_t)w->has_beam << 40)) * 1099511628211ULL;
}

static int same_sun(const dc_sun_key *a, const dc_sun_key *b)
{
    return a->weather == b->weather && a->year == b->year && a->fiscal == b->fiscal && a->step_s == b->step_s &&
           a->interpolate == b->interpolate && a->erbs == b->erbs && !memcmp(&a->lat, &b->lat, sizeof a->lat) &&
           !memcmp(&a->lon, &b->lon, sizeof a->lon) && !memcmp(&a->elev, &b->elev, sizeof a->elev) &&
           !memcmp(&a->delta_t, &b->delta_t, sizeof a->delta_t);
}

static double *clone_block(const double *src, size_t n)
{
    double *p = malloc(n * sizeof *p);
    if (p) memcpy(p, src, n * sizeof *p);
    return p;
}

int dc_cache_sun_get(dc_cache *c, const dc_sun_key *k, dc_weather *w, dc_sun *sun)
{
    for (int i = 0; c && i < MAX_SUNS; i++) {
        sun_entry *e = &c->suns[i];
        if (!e->weather || !same_sun(&e->key, k)) continue;
        size_t n = (size_t)e->n;
        double *wb = clone_block(e->weather, WEATHER_COLS * n), *sb = clone_block(e->sun, DC_SUN_COLS * n);
        if (!wb || !sb) return free(wb), free(sb), -1;
        double **wc[WEATHER_COLS] = {&w->ghi, &w->dni, &w->dhi, &w->temp_c, &w->wind_ms, &w->pressure_mbar};
        for (int col = 0; col < WEATHER_COLS; col++) *wc[col] = wb + col * n;
        dc_sun_attach(sun, sb, e->n);
        w->n = e->n;
        w->has_beam = e->has_beam;
        e->used = ++c->clock;
        c->hits++;
        return 1;
    }
    return 0;
}

/* The oldest slot of an array of entries with a `used` stamp. */
#define OLDEST(arr, count, out)                                                                                    \
    do {                                                                                                           \
        (out) = 0;                                                                                                 \
        for (int i_ = 1; i_ < (count); i_++)                                                                       \
            if ((arr)[i_].used < (arr)[(out)].used) (out) = i_;                                                    \
    } while (0)

void dc_cache_sun_put(dc_cache *c, const dc_sun_key *k, const dc_weather *w, const dc_sun *sun)
{
    if (!c || w->n != sun->n) return;
    int slot;
    OLDEST(c->suns, MAX_SUNS, slot);
    sun_entry *e = &c->suns[slot];
    free(e->weather), free(e->sun);
    size_t n = (size_t)w->n;
    /* Both are one block, columns in order (dc_weather_map, dc_sun_build). */
    e->weather = clone_block(w->ghi, WEATHER_COLS * n);
    e->sun = clone_block(sun->zenith, DC_SUN_COLS * n);
    if (!e->weather || !e->sun) {
        free(e->weather), free(e->sun);
        memset(e, 0, sizeof *e);
        return;
    }
    e->key = *k;
    e->n = w->n;
    e->has_beam = w->has_beam;
    e->used = ++c->clock;
}

const double *dc_cache_pv_get(dc_cache *c, const dc_sun_key *k, const dc_pv_params *unit, int n)
{
    for (int i = 0; c && i < MAX_PV; i++) {
        pv_entry *e = &c->pv[i];
        if (e->v && e->n == n && same_sun(&e->sun, k) && !memcmp(&e->p, unit, sizeof *unit)) {
            e->used = ++c->clock;
            c->hits++;
            return e->v;
        }
    }
    return NULL;
}

void dc_cache_pv_put(dc_cache *c, const dc_sun_key *k, const dc_pv_params *unit, int n, double *const *series)
{
    if (!c) return;
    int slot;
    OLDEST(c->pv, MAX_PV, slot);
    pv_entry *e = &c->pv[slot];
    free(e->v);
    memset(e, 0, sizeof *e);
    e->v = malloc((size_t)DC_PV_CACHED * (size_t)n * sizeof *e->v);
    if (!e->v) return;
    for (int s = 0; s < DC_PV_CACHED; s++) memcpy(e->v + (size_t)s * (size_t)n, series[s], (size_t)n * sizeof *e->v);
    e->sun = *k;
    e->p = *unit;
    e->n = n;
    e->used = ++c->clock;
}

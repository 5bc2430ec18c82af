/* Profiles a sweep's models share: the mapped weather and sun of a site
 * and year, and each modelled PV array's output per kWp (an array's
 * capacity only rescales it: the inverter is sized by dc_ac_ratio). A
 * bounded store, oldest entry out first, so memory stays flat however many
 * cases use it. One cache per thread. */
#ifndef DC_CACHE_H
#define DC_CACHE_H

#include <stdint.h>

#include "decarb.h"
#include "pv.h"
#include "solar.h"
#include "weather.h"

/* What the weather and sun depend on. */
typedef struct {
    uint64_t weather;          /* hash of the weather file's values */
    int year, fiscal, step_s, interpolate, erbs;
    double lat, lon, elev, delta_t;
} dc_sun_key;

uint64_t dc_weather_hash(const dc_weather_raw *w);

/* Copies a cached weather and sun into w and sun (new memory the caller
 * frees as usual); 1 when found, 0 when not, -1 no memory. */
int dc_cache_sun_get(dc_cache *c, const dc_sun_key *k, dc_weather *w, dc_sun *sun);
void dc_cache_sun_put(dc_cache *c, const dc_sun_key *k, const dc_weather *w, const dc_sun *sun);

/* A PV array's unit profile: series[0] the AC output, then poa, cell
 * temperature and the DC_PV_N_CHAIN chain series, each n values. */
enum { DC_PV_CACHED = 3 + DC_PV_N_CHAIN };
const double *dc_cache_pv_get(dc_cache *c, const dc_sun_key *k, const dc_pv_params *unit, int n);
void dc_cache_pv_put(dc_cache *c, const dc_sun_key *k, const dc_pv_params *unit, int n, double *const *series);
#endif

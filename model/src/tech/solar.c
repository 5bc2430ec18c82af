#include "solar.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "irradiance.h"

enum { N_COLS = 6 };
static const double STANDARD_REFRACTION_DEG = 0.5667; /* SPA paper, sun's apparent radius at rise */

int dc_sun_build(dc_sun *s, const dc_timeaxis *ta, const dc_weather *w, const dc_site_geo *site,
                 const dc_ephem *e, int force_erbs)
{
    memset(s, 0, sizeof *s);
    double *buf = malloc((size_t)ta->n * N_COLS * sizeof *buf);
    if (!buf) return -1;
    s->n = ta->n;
    double **cols[N_COLS] = {&s->zenith, &s->azimuth, &s->dni_extra, &s->ghi, &s->dni, &s->dhi};
    for (int c = 0; c < N_COLS; c++) *cols[c] = buf + (size_t)c * ta->n;
    double step_d = ta->step_s / 86400.0;
    for (int i = 0; i < ta->n; i++) {
        const dc_stamp *t = &ta->t[i];
        dc_geocentric g;
        dc_sunpos p;
        dc_ephem_at(e, ta->start_jd + (i + 0.5) * step_d, &g);
        dc_spa_topocentric(&g, site, w->pressure_mbar[i], w->temp_c[i], STANDARD_REFRACTION_DEG, &p);
        s->zenith[i] = p.zenith_deg;
        s->azimuth[i] = p.azimuth_deg;
        long doy = dc_days_from_civil(t->year, t->month, t->day) - dc_days_from_civil(t->year, 1, 1) + 1;
        s->dni_extra[i] = dc_extra_dni((int)doy);
        s->ghi[i] = w->ghi[i];
        if (w->has_beam && !force_erbs) {
            s->dni[i] = w->dni[i];
            s->dhi[i] = w->dhi[i];
        } else {
            dc_erbs(w->ghi[i], p.zenith_deg, s->dni_extra[i], &s->dni[i], &s->dhi[i]);
        }
    }
    return 0;
}

void dc_sun_free(dc_sun *s)
{
    free(s->zenith);
    memset(s, 0, sizeof *s);
}

#include "solar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "irradiance.h"
#include "units.h"

static const double STANDARD_REFRACTION_DEG = 0.5667; /* SPA paper, sun's apparent radius at rise */

void dc_sun_attach(dc_sun *s, double *block, int n)
{
    double **cols[DC_SUN_COLS] = {&s->zenith, &s->azimuth, &s->dni_extra, &s->ghi, &s->dni, &s->dhi,
                                  &s->sx, &s->sy, &s->sz, &s->f1, &s->f2, &s->b};
    for (int c = 0; c < DC_SUN_COLS; c++) *cols[c] = block + (size_t)c * (size_t)n;
    s->n = n;
}

/* The site's part of one lit step: position, vector, decomposition, Perez. */
static void lit_step(dc_sun *s, int i, const dc_geocentric *g, const dc_site_terms *site, const dc_weather *w,
                     int force_erbs)
{
    dc_sunpos p;
    dc_spa_topocentric_at(g, site, w->pressure_mbar[i], w->temp_c[i], STANDARD_REFRACTION_DEG, &p);
    s->zenith[i] = p.zenith_deg;
    s->azimuth[i] = p.azimuth_deg;
    s->sx[i] = p.east, s->sy[i] = p.north, s->sz[i] = p.up;
    if (w->has_beam && !force_erbs) s->dni[i] = w->dni[i], s->dhi[i] = w->dhi[i];
    else dc_erbs(w->ghi[i], p.zenith_deg, s->dni_extra[i], &s->dni[i], &s->dhi[i]);
    dc_perez_terms(p.zenith_deg, s->dni[i], s->dhi[i], s->dni_extra[i], &s->f1[i], &s->f2[i], &s->b[i]);
}

int dc_sun_alloc(dc_sun *s, int n)
{
    memset(s, 0, sizeof *s);
    double *buf = calloc((size_t)n * DC_SUN_COLS, sizeof *buf);
    if (!buf) return -1;
    dc_sun_attach(s, buf, n);
    return 0;
}

void dc_sun_fill(dc_sun *s, const dc_timeaxis *ta, const dc_weather *w, const dc_site_geo *site,
                 const dc_ephem *e, int force_erbs, int first, int last)
{
    double step_d = ta->step_s / 86400.0, extra = 0;
    dc_site_terms terms;
    dc_spa_site_terms(site, &terms);
    int last_day = -1, last_month = -1;
    for (int i = first; i < last; i++) {
        const dc_stamp *t = &ta->t[i];
        if (t->day != last_day || t->month != last_month) { /* a new day of the year */
            long doy = dc_days_from_civil(t->year, t->month, t->day) - dc_days_from_civil(t->year, 1, 1) + 1;
            extra = dc_extra_dni((int)doy), last_day = t->day, last_month = t->month;
        }
        s->dni_extra[i] = extra;
        s->ghi[i] = w->ghi[i];
        if (!(w->ghi[i] > 0)) { /* no light: nothing of the sun is used */
            s->zenith[i] = s->azimuth[i] = NAN;
            s->dni[i] = w->has_beam && !force_erbs ? w->dni[i] : 0.0;
            s->dhi[i] = w->has_beam && !force_erbs ? w->dhi[i] : w->ghi[i] > 0 ? w->ghi[i] : 0.0;
            continue;
        }
        dc_geocentric g;
        dc_ephem_at(e, ta->start_jd + (i + 0.5) * step_d, &g);
        lit_step(s, i, &g, &terms, w, force_erbs);
    }
}

int dc_sun_build(dc_sun *s, const dc_timeaxis *ta, const dc_weather *w, const dc_site_geo *site,
                 const dc_ephem *e, int force_erbs)
{
    if (dc_sun_alloc(s, ta->n)) return -1;
    dc_sun_fill(s, ta, w, site, e, force_erbs, 0, ta->n);
    return 0;
}

void dc_sun_free(dc_sun *s)
{
    free(s->zenith);
    memset(s, 0, sizeof *s);
}

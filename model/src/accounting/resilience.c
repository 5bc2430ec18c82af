/* Resilience results read from a finished run: each outage's hours until
 * the first critical kWh went unserved, and the survival scan's shares by
 * month. Nothing here steps the engine. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "model.h"
#include "outages.h"

static const double *site_series(const dc_model *m, int site, const char *q)
{
    char name[3 * DC_NAME_MAX];
    snprintf(name, sizeof name, "site:%s:%s", m->eng.site[site].name, q);
    return dc_model_series(m, name);
}

/* The k-th (outage, covered site) pair. */
static int pair(const dc_model *m, size_t i, int *outage, int *site)
{
    size_t n = 0;
    for (int o = 0; o < m->s->list[S_OUTAGES].n; o++)
        for (int k = 0; k < m->eng.n_sites; k++)
            if (dc_outage_covers(m->s, o, m->eng.site[k].name) && n++ == i) return *outage = o, *site = k, 0;
    return -1;
}

size_t dc_model_outage_count(const dc_model *m)
{
    if (!m) return 0;
    size_t n = 0;
    int o, k;
    while (pair(m, n, &o, &k) == 0) n++;
    return n;
}

static long step_minute(const dc_stamp *t)
{
    return dc_days_from_civil(t->year, t->month, t->day) * 1440L + t->hour * 60 + t->minute;
}

int dc_model_outage_get(const dc_model *m, size_t i, dc_outage_result *out)
{
    int o, k;
    if (!m || !out || pair(m, i, &o, &k)) return -1;
    const dc_outage_item *it = &DC_CITEMS(m->s, S_OUTAGES, dc_outage_item)[o];
    const double *uns = site_series(m, k, "unserved"), *shed = site_series(m, k, "shed");
    long from, to, step_min = (long)(m->step_h * 60 + 0.5);
    if (dc_instant_parse(it->start, &from)) return -1;
    to = from + (long)(it->hours * 60 + 0.5);
    *out = (dc_outage_result){it->name, m->eng.site[k].name, it->hours, NAN, 0.0, 0.0};
    for (int s = 0; s < m->ta.n; s++) {
        long t0 = step_minute(&m->ta.t[s]);
        if (t0 + step_min <= from || t0 >= to) continue;
        double u = uns ? uns[s] : 0.0;
        if (u > 1e-9 && isnan(out->hours_to_unserved)) out->hours_to_unserved = fmax(0.0, (t0 - from) / 60.0);
        out->unserved_kwh += u;
        out->shed_kwh += shed ? shed[s] : 0.0;
    }
    return 0;
}

/* Sites with a survival series, and the months of the axis in order. */
static int scanned_site(const dc_model *m, int j)
{
    for (int k = 0, n = 0; m->survival && k < m->eng.n_sites; k++)
        if (m->survival[k] && n++ == j) return k;
    return -1;
}

static int axis_months(const dc_model *m, int months[12])
{
    int n = 0;
    for (int i = 0; i < m->ta.n && n < 12; i++)
        if (!n || months[n - 1] != m->ta.t[i].month) months[n++] = m->ta.t[i].month;
    return n;
}

size_t dc_model_survival_count(const dc_model *m)
{
    if (!m || !m->survival || m->step < m->ta.n) return 0;
    int months[12], n = 0;
    while (scanned_site(m, n) >= 0) n++;
    return (size_t)n * ((size_t)axis_months(m, months) + 1);
}

int dc_model_survival_get(const dc_model *m, size_t i, dc_survival_row *out)
{
    if (!out || i >= dc_model_survival_count(m)) return -1;
    int months[12], per = axis_months(m, months) + 1;
    int k = scanned_site(m, (int)i / per), j = (int)i % per, month = j == 0 ? 0 : months[j - 1];
    const double *h = m->survival[k];
    *out = (dc_survival_row){m->eng.site[k].name, month, 0, 0.0, 0.0, 0.0, 0.0};
    for (int s = 0; s < m->ta.n; s++) {
        if (month && m->ta.t[s].month != month) continue;
        out->starts++;
        out->share_24h += h[s] >= 24 - 1e-9;
        out->share_72h += h[s] >= 72 - 1e-9;
        out->share_168h += h[s] >= 168 - 1e-9;
        out->mean_hours += h[s];
    }
    if (out->starts) {
        out->share_24h /= out->starts, out->share_72h /= out->starts, out->share_168h /= out->starts;
        out->mean_hours /= out->starts;
    }
    return 0;
}

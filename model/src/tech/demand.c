#include "demand.h"

#include <math.h>

static void scale(double *kwh, int n, double factor)
{
    for (int i = 0; i < n; i++) kwh[i] *= factor;
}

int dc_demand_from_shape(const dc_demand_params *p, const dc_shape *s, const dc_timeaxis *ta,
                         double *kwh)
{
    double sum = 0;
    for (int i = 0; i < ta->n; i++) {
        const dc_stamp *t = &ta->t[i];
        int off = t->offday || dc_day_closed(p->rules, p->closed_rule, t->year, t->month, t->day);
        kwh[i] = s->w[t->month - 1][off][t->hour];
        sum += kwh[i];
    }
    if (!isfinite(sum)) return -2;
    if (sum <= 0) return -1;
    scale(kwh, ta->n, p->annual_kwh * (1.0 - p->saving_pct / 100.0) / sum);
    return 0;
}

int dc_demand_from_profile(const dc_demand_params *p, const double *measured, int n, double *kwh)
{
    double sum = 0;
    for (int i = 0; i < n; i++) sum += kwh[i] = measured[i];
    if (!isfinite(sum)) return -2; /* values so large that their year has no sum */
    double target = p->annual_kwh > 0 ? p->annual_kwh : sum;
    if (sum <= 0 && target > 0) return -1;
    scale(kwh, n, sum > 0 ? target / sum * (1.0 - p->saving_pct / 100.0) : 0.0);
    return 0;
}

void dc_demand_temperature(const dc_demand_params *p, const dc_temp_response *r, const double *temp_c, int n,
                           double step_h, double *kwh)
{
    double keep = 1.0 - p->saving_pct / 100.0;
    for (int i = 0; i < n; i++) {
        double kw = r->cooling_kw_per_k * fmax(temp_c[i] - r->cooling_base_c, 0.0) +
                    r->heating_kw_per_k * fmax(r->heating_base_c - temp_c[i], 0.0);
        kwh[i] = kw * step_h * keep;
    }
}

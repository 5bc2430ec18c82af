/* Targets and verdicts: each year against the target of that year, or
 * the straight path from the base year (0 %) to the next target; after
 * the last target its level holds. */
#include <math.h>
#include <string.h>

#include "ghg_verdict.h"

dc_ghg_verdict dc_ghg_verdict_for(const dc_ghg_targets *t, int year, double base_total, double total)
{
    dc_ghg_verdict v = {NAN, 0, 0, 0, NAN};
    if (t->n == 0 || year <= t->base_year || isnan(base_total) || isnan(total)) return v;
    int prev_year = t->base_year;
    double prev_pct = 0.0;
    for (int k = 0; k < t->n; k++) {
        if (year <= t->year[k]) {
            v.target_year = t->year[k];
            v.on_path = year != t->year[k];
            v.pct = prev_pct + (t->pct[k] - prev_pct) * (year - prev_year) / (double)(t->year[k] - prev_year);
            break;
        }
        prev_year = t->year[k], prev_pct = t->pct[k];
    }
    if (isnan(v.pct)) v.pct = prev_pct, v.target_year = prev_year;
    v.gap_t = total - base_total * (1.0 - v.pct / 100.0);
    v.met = v.gap_t <= 1e-9 * (base_total > 0 ? base_total : 1.0);
    return v;
}

void dc_ghg_targets_add(dc_ghg_targets *t, int year, double pct)
{
    if (t->n >= DC_GHG_MAX_TARGETS) return;
    int k = t->n++;
    while (k > 0 && t->year[k - 1] > year) t->year[k] = t->year[k - 1], t->pct[k] = t->pct[k - 1], k--;
    t->year[k] = year;
    t->pct[k] = pct;
}

/* The 自治体排出量カルテ in the estimate: its sectors as the chosen rules
 * when there are no allocation statistics, else as comparison rows beside
 * the allocation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ghg.h"

static int has_rule(const dc_ghg_rule *r, int n, const char *sector, int method)
{
    for (int k = 0; k < n; k++)
        if (!strcmp(r[k].sector, sector) && (method < 0 || r[k].method == method)) return 1;
    return 0;
}

dc_ghg_rule *dc_ghg_rules_with_karte(const dc_ghg_data *g, int *n)
{
    dc_ghg_rule *out = malloc(((size_t)g->n_rules * 2 + 1) * sizeof *out);
    if (!out) return NULL;
    *n = 0;
    if (g->has_allocation) memcpy(out, g->rules, (size_t)g->n_rules * sizeof *out), *n = g->n_rules;
    for (int k = 0; g->n_karte && k < g->n_rules; k++) {
        const dc_ghg_rule *r = &g->rules[k];
        if (has_rule(out, *n, r->sector, DC_GHG_KARTE)) continue;
        int in_karte = 0;
        for (int j = 0; j < g->n_karte; j++) in_karte |= !strcmp(g->karte[j].sector, r->sector);
        if (!in_karte) continue;
        dc_ghg_rule x = *r;
        x.method = DC_GHG_KARTE;
        x.chosen = !g->has_allocation;
        x.indicator[0] = '\0';
        x.line = 0;
        out[(*n)++] = x;
    }
    return out;
}

int dc_ghg_karte_sums(const dc_ghg_data *g, int year, double *published_t, double *sectors_t)
{
    int any = 0;
    *published_t = NAN;
    *sectors_t = 0.0;
    for (int k = 0; k < g->n_karte; k++) {
        const dc_ghg_karte *x = &g->karte[k];
        if (x->year != year) continue;
        any = 1;
        if (!strcmp(x->sector, "total")) *published_t = x->co2_t;
        else *sectors_t += x->co2_t;
    }
    return any ? 0 : -1;
}

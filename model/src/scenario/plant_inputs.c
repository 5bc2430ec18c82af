/* What the plant sections need from files: each biomass plant's dry LHV
 * (given, or its wood kind's) and schedule, each feedstock's properties
 * (given, or its kind's default; an illustrative default is warned about). */
#include "plant_inputs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "loadfiles.h"
#include "params.h"
#include "plantdata.h"

static const char *const WOOD_NAMES[] = {"conifer", "broadleaf"};
static const char *const FEED_NAMES[] = {"food_waste", "sewage_sludge", "cattle_manure", "starch_wastewater", "custom"};
static const char *const FEED_PROPS[] = {"ts_pct", "vs_pct_of_ts", "yield_nm3_per_kg_vs", "methane_pct"};

static int biomass_lhv(const dc_scenario *s, int i, const dc_plant_data *d, dc_biomass_input *out, dc_diag *diag)
{
    const dc_biomass_item *p = &DC_CITEMS(s, S_BIOMASS, dc_biomass_item)[i];
    out->lhv_dry_mj_per_kg = p->lhv_dry_mj_per_kg;
    for (int k = 0; isnan(out->lhv_dry_mj_per_kg) && k < d->n_wood; k++)
        if (!strcmp(d->wood[k].wood, WOOD_NAMES[p->wood])) out->lhv_dry_mj_per_kg = d->wood[k].lhv_dry_mj_per_kg;
    if (!isnan(out->lhv_dry_mj_per_kg)) return 0;
    dc_scenario_error(s, diag, S_BIOMASS, i, "wood", "%s has no dry LHV in %s: give lhv_dry_mj_per_kg",
                      WOOD_NAMES[p->wood], d->wood_file);
    return 1;
}

/* A schedule in % of rating: the load-shape format, values 0-100. */
static int biomass_schedule(const dc_scenario *s, int i, dc_biomass_input *out, dc_diag *diag)
{
    const dc_biomass_item *p = &DC_CITEMS(s, S_BIOMASS, dc_biomass_item)[i];
    if (!p->schedule_file[0]) return 0;
    if (dc_shape_read(p->schedule_file, &out->schedule, diag) != DC_OK) return 1;
    out->has_schedule = 1;
    for (int m = 0; m < 12; m++)
        for (int t = 0; t < 2; t++)
            for (int h = 0; h < 24; h++)
                if (out->schedule.w[m][t][h] > 100) {
                    char field[64];
                    dc_field_name(s, S_BIOMASS, i, "schedule_file", field, sizeof field);
                    dc_diag_add(diag, p->schedule_file, 0, 0, field, "month %d, %s, hour %d: %g %% of rating is above "
                                "100", m + 1, t ? "offday" : "weekday", h, out->schedule.w[m][t][h]);
                    return 1;
                }
    return 0;
}

static const dc_feed_default *feed_default(const dc_plant_data *d, int kind, const char *prop)
{
    for (int k = 0; k < d->n_feed; k++)
        if (!strcmp(d->feed[k].kind, FEED_NAMES[kind]) && !strcmp(d->feed[k].property, prop)) return &d->feed[k];
    return NULL;
}

static int feedstock(const dc_scenario *s, int k, const dc_plant_data *d, dc_feed_input *out, dc_diag *diag)
{
    const dc_feedstock_item *f = &DC_CITEMS(s, S_FEEDSTOCKS, dc_feedstock_item)[k];
    const double given[] = {f->ts_pct, f->vs_pct_of_ts, f->yield_nm3_per_kg_vs, f->methane_pct};
    double *slot[] = {&out->ts_pct, &out->vs_pct_of_ts, &out->yield_nm3_per_kg_vs, &out->methane_pct};
    int errors = 0;
    for (int j = 0; j < 4; j++) {
        *slot[j] = given[j];
        if (!isnan(given[j])) continue;
        const dc_feed_default *x = feed_default(d, f->kind, FEED_PROPS[j]);
        if (!x) {
            dc_scenario_error(s, diag, S_FEEDSTOCKS, k, FEED_PROPS[j], "%s has no default in %s: give it",
                              FEED_NAMES[f->kind], d->feed_file);
            errors++;
            continue;
        }
        *slot[j] = x->value;
        if (x->illustrative)
            dc_scenario_warn(s, diag, S_FEEDSTOCKS, k, FEED_PROPS[j], "%g from the ILLUSTRATIVE default of %s "
                             "(%s:%d), not a measured value: give yours", x->value, FEED_NAMES[f->kind], d->feed_file,
                             x->line);
    }
    return errors;
}

dc_status dc_plant_inputs_load(const dc_scenario *s, const char *data_dir, dc_inputs *in, dc_diag *diag)
{
    int nb = s->list[S_BIOMASS].n, nf = s->list[S_FEEDSTOCKS].n;
    in->biomass = calloc((size_t)nb + 1, sizeof *in->biomass);
    in->feeds = calloc((size_t)nf + 1, sizeof *in->feeds);
    if (!in->biomass || !in->feeds) return DC_ERR_NOMEM;
    in->n_biomass = nb;
    in->n_feeds = nf;
    if (!nb && !nf) return DC_OK;
    char wood[DC_PATH_MAX + 32] = "", feed[DC_PATH_MAX + 32] = "";
    if (nb) snprintf(wood, sizeof wood, "%s/biomass/wood.csv", data_dir);
    if (nf) snprintf(feed, sizeof feed, "%s/biogas/feedstocks.csv", data_dir);
    dc_plant_data d;
    if (dc_plant_data_read(wood, feed, &d, diag) != DC_OK) return DC_ERR_LOAD;
    int errors = 0;
    for (int i = 0; i < nb; i++) errors += biomass_lhv(s, i, &d, &in->biomass[i], diag);
    for (int i = 0; i < nb; i++) errors += biomass_schedule(s, i, &in->biomass[i], diag);
    for (int k = 0; k < nf; k++) errors += feedstock(s, k, &d, &in->feeds[k], diag);
    dc_plant_data_free(&d);
    return errors ? DC_ERR_LOAD : DC_OK;
}

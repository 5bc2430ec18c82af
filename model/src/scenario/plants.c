#include "plants.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "params.h"

#define fail(n, ...) ((*(n))++, dc_scenario_error(s, diag, __VA_ARGS__))

int dc_window_sep(const char *p)
{
    if (*p == '~') return 1;
    if (!strncmp(p, "\xe3\x80\x9c", 3) || !strncmp(p, "\xef\xbd\x9e", 3)) return 3; /* 〜 ～ */
    return 0;
}

int dc_outage_parse(const char *text, long *first_day, long *last_day)
{
    int y1, m1, d1, y2, m2, d2, used = 0, sep = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &y1, &m1, &d1, &used) != 3) return -1;
    if (!(sep = dc_window_sep(text + used))) return -1;
    text += used + sep;
    used = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &y2, &m2, &d2, &used) != 3 || text[used]) return -1;
    if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 || d1 < 1 || d2 < 1 || d1 > dc_days_in_month(y1, m1) ||
        d2 > dc_days_in_month(y2, m2))
        return -1;
    *first_day = dc_days_from_civil(y1, m1, d1);
    *last_day = dc_days_from_civil(y2, m2, d2);
    return *first_day <= *last_day ? 0 : -2;
}

/* Days of the scenario year: [first, last]. */
static void year_days(const dc_scenario *s, long *first, long *last)
{
    *first = s->fiscal ? dc_days_from_civil(s->year, 4, 1) : dc_days_from_civil(s->year, 1, 1);
    *last = (s->fiscal ? dc_days_from_civil(s->year + 1, 4, 1) : dc_days_from_civil(s->year + 1, 1, 1)) - 1;
}

static void check_outages(const dc_scenario *s, int i, dc_diag *diag, int *n)
{
    const char *joined = DC_CITEMS(s, S_BIOMASS, dc_biomass_item)[i].outages;
    long y0, y1, a, b;
    year_days(s, &y0, &y1);
    for (int k = 0; k < dc_names_count(joined); k++) {
        char w[DC_NAME_MAX];
        dc_names_get(joined, k, w);
        if (dc_outage_parse(w, &a, &b))
            fail(n, S_BIOMASS, i, "outages", "'%s' is not a window YYYY-MM-DD~YYYY-MM-DD (first day not after "
                 "the last)", w);
        else if (a < y0 || b > y1)
            fail(n, S_BIOMASS, i, "outages", "'%s' is not inside the scenario year (%s%d)", w,
                 s->fiscal ? "FY" : "", s->year);
    }
}

static void check_curve(const dc_scenario *s, int i, dc_diag *diag, int *n)
{
    const dc_biomass_item *p = &DC_CITEMS(s, S_BIOMASS, dc_biomass_item)[i];
    if (p->n_part_load != p->n_part_eff) {
        fail(n, S_BIOMASS, i, "part_load_eff_pct", "%d efficiencies for %d load points: give one per point",
             p->n_part_eff, p->n_part_load);
        return;
    }
    for (int k = 0; k < p->n_part_load; k++) {
        if (k && p->part_load_pct[k] <= p->part_load_pct[k - 1])
            fail(n, S_BIOMASS, i, "part_load_pct", "load points must rise: %g after %g", p->part_load_pct[k],
                 p->part_load_pct[k - 1]);
        if (p->part_load_eff_pct[k] <= 0)
            fail(n, S_BIOMASS, i, "part_load_eff_pct", "an efficiency of 0 at %g %% load burns fuel for nothing",
                 p->part_load_pct[k]);
    }
}

static void check_biomass(const dc_scenario *s, int i, dc_diag *diag, int *n)
{
    const dc_biomass_item *p = &DC_CITEMS(s, S_BIOMASS, dc_biomass_item)[i];
    check_curve(s, i, diag, n);
    check_outages(s, i, diag, n);
    if (p->efficiency_pct + p->heat_efficiency_pct > 100)
        fail(n, S_BIOMASS, i, "heat_efficiency_pct", "electric %g %% + heat %g %% is more than the fuel gives",
             p->efficiency_pct, p->heat_efficiency_pct);
    if (p->mode == DC_RUN_SCHEDULE && !p->schedule_file[0])
        fail(n, S_BIOMASS, i, "schedule_file", "mode schedule needs a schedule_file");
    if (p->yard_initial_t > p->yard_capacity_t)
        fail(n, S_BIOMASS, i, "yard_initial_t", "%g t is more than the yard holds (%g t)", p->yard_initial_t,
             p->yard_capacity_t);
    double sum = 0;
    for (int k = 0; k < p->n_delivery; k++) sum += p->delivery_monthly_pct[k];
    if (p->n_delivery && (p->n_delivery != 12 || fabs(sum - 100) > 0.01))
        fail(n, S_BIOMASS, i, "delivery_monthly_pct", "give 12 monthly shares adding to 100 (%d values adding to %g)",
             p->n_delivery, sum);
}

static void check_biogas(const dc_scenario *s, int i, dc_diag *diag, int *n)
{
    const dc_biogas_item *p = &DC_CITEMS(s, S_BIOGAS, dc_biogas_item)[i];
    if (p->holder_min_nm3 > p->holder_nm3)
        fail(n, S_BIOGAS, i, "holder_min_nm3", "%g Nm3 is above the holder's capacity %g Nm3", p->holder_min_nm3,
             p->holder_nm3);
    else if (!isnan(p->holder_initial_nm3) &&
             (p->holder_initial_nm3 < p->holder_min_nm3 || p->holder_initial_nm3 > p->holder_nm3))
        fail(n, S_BIOGAS, i, "holder_initial_nm3", "must lie between holder_min_nm3 and holder_nm3");
    if (p->engine_eff_pct + p->heat_eff_pct > 100)
        fail(n, S_BIOGAS, i, "heat_eff_pct", "electric %g %% + heat %g %% is more than the gas gives",
             p->engine_eff_pct, p->heat_eff_pct);
    if (p->digester_heat_kwh_per_day > 0 && isnan(p->boiler_eff_pct))
        fail(n, S_BIOGAS, i, "boiler_eff_pct", "give the boiler's efficiency: it heats the digester when the "
             "engine's heat is not enough");
    if (p->run == DC_GAS_ABOVE_LEVEL && isnan(p->run_above_pct))
        fail(n, S_BIOGAS, i, "run_above_pct", "run: above_level needs run_above_pct");
    if (p->run == DC_GAS_HOURS && p->n_run_hours == 0)
        fail(n, S_BIOGAS, i, "run_hours", "run: hours needs run_hours");
    int fed = 0;
    for (int k = 0; k < s->list[S_FEEDSTOCKS].n; k++) fed |= dc_feedstock_plant(s, k) == i;
    if (!fed) fail(n, S_BIOGAS, i, "name", "no feedstock feeds it (feedstocks[].plant)");
}

int dc_feedstock_plant(const dc_scenario *s, int k)
{
    const char *plant = DC_CITEMS(s, S_FEEDSTOCKS, dc_feedstock_item)[k].plant;
    if (!plant[0]) return s->list[S_BIOGAS].n == 1 ? 0 : -1;
    return dc_list_find(s, S_BIOGAS, plant);
}

static void check_feedstock(const dc_scenario *s, int k, dc_diag *diag, int *n)
{
    const dc_feedstock_item *f = &DC_CITEMS(s, S_FEEDSTOCKS, dc_feedstock_item)[k];
    if (dc_feedstock_plant(s, k) < 0)
        fail(n, S_FEEDSTOCKS, k, "plant", f->plant[0] ? "unknown biogas plant '%s'" : "%sname the biogas plant it "
             "feeds (there is not exactly one)", f->plant);
    if (f->n_monthly && f->n_monthly != 12)
        fail(n, S_FEEDSTOCKS, k, "monthly_t_per_day", "give 12 values, one per month (%d given)", f->n_monthly);
    if (!f->n_monthly && !dc_param_given(s, S_FEEDSTOCKS, k, "t_per_day"))
        fail(n, S_FEEDSTOCKS, k, "t_per_day", "give t_per_day or monthly_t_per_day");
    if (f->kind != DC_FEED_CUSTOM) return;
    const char *keys[] = {"ts_pct", "vs_pct_of_ts", "yield_nm3_per_kg_vs", "methane_pct"};
    const double v[] = {f->ts_pct, f->vs_pct_of_ts, f->yield_nm3_per_kg_vs, f->methane_pct};
    for (int j = 0; j < 4; j++)
        if (isnan(v[j])) fail(n, S_FEEDSTOCKS, k, keys[j], "a custom feedstock has no default: give its value");
}

/* A plant that follows or covers deficits but is in no deficit order
 * runs at its floors only: say so. */
static void check_orders(const dc_scenario *s, dc_diag *diag)
{
    static const dc_psection SECS[] = {S_BIOMASS, S_BIOGAS};
    for (size_t j = 0; j < 2; j++)
        for (int i = 0; i < s->list[SECS[j]].n; i++) {
            const char *name = dc_list_item(s, SECS[j], i), *kind = dc_sections[SECS[j]].kind;
            int listed = 0;
            for (int k = 0; k < dc_names_count(s->dispatch.deficit); k++) {
                char o[DC_NAME_MAX];
                dc_names_get(s->dispatch.deficit, k, o);
                listed |= !strcmp(o, name) || !strcmp(o, kind);
            }
            if (!listed)
                dc_scenario_warn(s, diag, SECS[j], i, "name", "'%s' is in no deficit_order: it runs only when it must "
                                 "(baseload, schedule, minimum load, a full holder)", name);
        }
}

int dc_validate_plants(const dc_scenario *s, dc_diag *diag)
{
    int n = 0;
    for (int i = 0; i < s->list[S_BIOMASS].n; i++) check_biomass(s, i, diag, &n);
    for (int i = 0; i < s->list[S_BIOGAS].n; i++) check_biogas(s, i, diag, &n);
    for (int k = 0; k < s->list[S_FEEDSTOCKS].n; k++) check_feedstock(s, k, diag, &n);
    check_orders(s, diag);
    return n;
}

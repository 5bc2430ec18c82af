#include "outages.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "params.h"
#include "topology.h"

#define fail(n, ...) ((*(n))++, dc_scenario_error(s, diag, __VA_ARGS__))

int dc_clock_parse(const char *text)
{
    int h, m, used = 0;
    if (sscanf(text, "%2d:%2d%n", &h, &m, &used) != 2 || text[used] || h < 0 || h > 23 || m < 0 || m > 59) return -1;
    return h * 60 + m;
}

int dc_instant_parse(const char *text, long *minutes)
{
    int y, mo, d, h, mi, used = 0;
    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5 || text[used]) return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > dc_days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) return -1;
    *minutes = dc_days_from_civil(y, mo, d) * 1440L + h * 60 + mi;
    return 0;
}

int dc_outage_covers(const dc_scenario *s, int k, const char *site)
{
    const char *sites = DC_CITEMS(s, S_OUTAGES, dc_outage_item)[k].sites;
    if (!sites[0]) return 1;
    for (int j = 0; j < dc_names_count(sites); j++) {
        char name[DC_NAME_MAX];
        dc_names_get(sites, j, name);
        if (!strcmp(name, site)) return 1;
    }
    return 0;
}

/* A trip of one day type: departure and return in order, and its energy
 * with the margin within one car's battery. */
static void check_trip(const dc_scenario *s, int i, const char *kind, dc_diag *diag, int *n)
{
    const dc_ev_item *v = &DC_CITEMS(s, S_EVS, dc_ev_item)[i];
    int week = !strcmp(kind, "weekday");
    const char *dep = week ? v->weekday_departure : v->offday_departure, *ret = week ? v->weekday_return : v->offday_return;
    double km = week ? v->weekday_km : v->offday_km;
    char kd[32], kr[32], kk[32];
    snprintf(kd, sizeof kd, "%s_departure", kind);
    snprintf(kr, sizeof kr, "%s_return", kind);
    snprintf(kk, sizeof kk, "%s_km", kind);
    if (km <= 0) return;
    int d = dc_clock_parse(dep), r = dc_clock_parse(ret);
    if (d < 0) fail(n, S_EVS, i, kd, "'%s' is not a time HH:MM (a trip of %g km needs it)", dep, km);
    if (r < 0) fail(n, S_EVS, i, kr, "'%s' is not a time HH:MM (a trip of %g km needs it)", ret, km);
    if (d >= 0 && r >= 0 && r <= d)
        fail(n, S_EVS, i, kr, "%s is not after the departure %s: a trip returns the same day", ret, dep);
    double need = km * v->kwh_per_km * (1 + v->margin_pct / 100);
    if (need > v->battery_kwh)
        fail(n, S_EVS, i, kk, "%g km x %g kWh/km with its %g %% margin needs %.1f kWh, more than the car's %g kWh",
             km, v->kwh_per_km, v->margin_pct, need, v->battery_kwh);
}

/* The site a load is at, by name (a load may leave out the only site). */
static const char *load_site(const dc_scenario *s, const dc_load_item *ld)
{
    if (ld->site[0]) return ld->site;
    return s->list[S_SITES].n == 1 ? (const char *)dc_list_item(s, S_SITES, 0) : DC_SINGLE_SITE_NAME;
}

/* a mod m in [0, m): minutes before 1970 count back from it. */
static long floor_mod(long a, long m) { return (a % m + m) % m; }

/* An outage that starts or ends inside a step takes the grid down for
 * every step it touches (build.c): say so, with the window it becomes. */
static void off_the_steps(const dc_scenario *s, int k, long at, dc_diag *diag)
{
    const dc_outage_item *o = &DC_CITEMS(s, S_OUTAGES, dc_outage_item)[k];
    long step = s->step_minutes > 0 ? s->step_minutes : 60, end = at + (long)(o->hours * 60 + 0.5);
    long from = at - floor_mod(at, step), to = floor_mod(end, step) ? end - floor_mod(end, step) + step : end;
    if (from == at && to == end) return;
    dc_scenario_warn(s, diag, S_OUTAGES, k, from != at ? "start" : "hours",
                     "%s for %g h does not fall on the %ld-min steps: the grid is down in every step it touches, "
                     "%g h from %02ld:%02ld", o->start, o->hours, step, (double)(to - from) / 60,
                     floor_mod(from, 1440) / 60, floor_mod(from, 60));
}

static void check_outage(const dc_scenario *s, int k, dc_diag *diag, int *n)
{
    const dc_outage_item *o = &DC_CITEMS(s, S_OUTAGES, dc_outage_item)[k];
    long at;
    long y0 = (s->fiscal ? dc_days_from_civil(s->year, 4, 1) : dc_days_from_civil(s->year, 1, 1)) * 1440L;
    long y1 = (s->fiscal ? dc_days_from_civil(s->year + 1, 4, 1) : dc_days_from_civil(s->year + 1, 1, 1)) * 1440L;
    if (dc_instant_parse(o->start, &at)) {
        fail(n, S_OUTAGES, k, "start", "'%s' is not YYYY-MM-DDTHH:MM", o->start);
        return;
    }
    if (at < y0 || at + (long)(o->hours * 60) > y1)
        fail(n, S_OUTAGES, k, "start", "%s for %g h is not inside the scenario year (%s%d)", o->start, o->hours,
             s->fiscal ? "FY" : "", s->year);
    else
        off_the_steps(s, k, at, diag);
    for (int j = 0; j < dc_names_count(o->sites); j++) {
        char name[DC_NAME_MAX];
        dc_names_get(o->sites, j, name);
        if (dc_list_find(s, S_SITES, name) < 0 && !(s->list[S_SITES].n == 0 && !strcmp(name, DC_SINGLE_SITE_NAME)))
            fail(n, S_OUTAGES, k, "sites", "unknown site '%s'", name);
    }
    int critical = 0;
    for (int l = 0; l < s->list[S_LOADS].n; l++) {
        const dc_load_item *ld = &DC_CITEMS(s, S_LOADS, dc_load_item)[l];
        critical |= ld->critical && dc_outage_covers(s, k, load_site(s, ld));
    }
    if (!critical)
        fail(n, S_OUTAGES, k, "sites", "no critical load at the sites it cuts off: mark the loads to keep "
             "(loads[].critical: true)");
}

int dc_validate_fleets_outages(const dc_scenario *s, dc_diag *diag)
{
    int n = 0;
    for (int i = 0; i < s->list[S_EVS].n; i++) {
        check_trip(s, i, "weekday", diag, &n);
        check_trip(s, i, "offday", diag, &n);
    }
    for (int k = 0; k < s->list[S_OUTAGES].n; k++) check_outage(s, k, diag, &n);
    return n;
}

/* Bottom-up data (積上法) in an allocation: rows of one facility (several
 * fuels, its electricity, a reported total) make one facility; its part of
 * the sector indicator is taken out of the allocation once, then its own
 * emissions are added, so nothing is counted twice. Under 全国業種別按分法
 * a facility names its industry and changes only that industry's part. A
 * measured total of the whole sector replaces the allocation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ghg.h"

typedef struct {
    const char *name, *industry;
    double co2_t, electricity_t, indicator;
    int line, indicator_line;
    unsigned kinds;        /* bits of dc_fac_kind its rows give */
} facility;

typedef struct {
    const dc_ghg_data *g;
    dc_ghg_issues *is;
} ctx;

#define problem(c, line, col, ...) dc_ghg_issue((c)->is, (c)->g->facilities_file, line, col, __VA_ARGS__)

/* One row into its facility: the same indicator and industry on every row
 * that gives them. */
static void add_row(ctx *c, facility *f, const dc_ghg_facility *x)
{
    f->co2_t += x->co2_t;
    f->kinds |= 1u << x->kind;
    if (x->kind == DC_FAC_ELECTRICITY) f->electricity_t += x->co2_t;
    if (!isnan(x->indicator)) {
        if (isnan(f->indicator)) f->indicator = x->indicator, f->indicator_line = x->line;
        else if (f->indicator != x->indicator)
            problem(c, x->line, c->g->facility_indicator_col, "indicator_value",
                    "%.10g differs from %.10g on line %d of the same facility '%s': give its indicator once",
                    x->indicator, f->indicator, f->indicator_line, f->name);
    }
    if (x->industry[0]) {
        if (!f->industry[0]) f->industry = x->industry;
        else if (strcmp(f->industry, x->industry))
            problem(c, x->line, c->g->facility_industry_col, "industry",
                    "'%s' differs from '%s' on another row of facility '%s'", x->industry, f->industry, f->name);
    }
}

/* Facilities of the municipality, year and sector into fac (n returned);
 * a measured sector total into *measured (NaN when none). */
static int gather(ctx *c, const char *muni, int year, const char *sector, facility *fac, double *measured)
{
    int n = 0;
    *measured = NAN;
    for (int k = 0; k < c->g->n_facilities; k++) {
        const dc_ghg_facility *x = &c->g->facilities[k];
        if (x->year != year || strcmp(x->area, muni) || strcmp(x->sector, sector)) continue;
        if (x->whole_sector) {
            *measured = (isnan(*measured) ? 0.0 : *measured) + x->co2_t;
            continue;
        }
        int f = 0;
        while (f < n && strcmp(fac[f].name, x->name)) f++;
        if (f == n) fac[n++] = (facility){x->name, "", 0.0, 0.0, NAN, x->line, 0, 0};
        add_row(c, &fac[f], x);
    }
    for (int f = 0; f < n; f++)
        if (isnan(fac[f].indicator))
            problem(c, fac[f].line, c->g->facility_indicator_col, "indicator_value",
                    "facility '%s' gives no indicator_value (its part of the sector indicator) on any row: needed "
                    "to take its share out of the allocation", fac[f].name);
    return n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const facility *)a)->name, ((const facility *)b)->name);
}

/* Lines of the facilities counted in a part, for messages. */
static void lines_of(const facility *fac, int n, const char *industry, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int f = 0; f < n; f++)
        if (!industry[0] || !strcmp(fac[f].industry, industry))
            snprintf(buf + strlen(buf), len - strlen(buf), "%s%d", buf[0] ? ", " : "", fac[f].line);
}

/* Share of a part's indicator the facilities hold; -1 after an error. */
static double held(ctx *c, const facility *fac, int n, const dc_ghg_part *p, const char *sector, int year)
{
    double part = 0.0;
    for (int f = 0; f < n; f++)
        if (!p->industry[0] || !strcmp(fac[f].industry, p->industry)) part += fac[f].indicator;
    if (part <= p->mun_ind * (1 + 1e-12)) return p->mun_ind > 0 ? part / p->mun_ind : 0.0;
    char lines[120];
    lines_of(fac, n, p->industry, lines, sizeof lines);
    problem(c, fac[0].line, c->g->facility_indicator_col, "indicator_value",
            "facilities of %s%s%s in FY%d (line%s %s) hold %.6g of the indicator, more than the municipality's %.6g",
            sector, p->industry[0] ? ", industry " : "", p->industry, year, strchr(lines, ',') ? "s" : "", lines, part,
            p->mun_ind);
    return -1;
}

/* Under 全国業種別按分法 every facility names an industry the nation reports. */
static void check_industries(ctx *c, const facility *fac, int n, const dc_ghg_part *parts, int n_parts)
{
    for (int f = 0; f < n; f++) {
        int known = 0;
        for (int k = 0; k < n_parts; k++) known |= !strcmp(parts[k].industry, fac[f].industry);
        if (!fac[f].industry[0])
            problem(c, fac[f].line, c->g->facility_industry_col, "industry",
                    "facility '%s' names no industry: 全国業種別按分法 takes its share out of its own industry (中分類)",
                    fac[f].name);
        else if (!known)
            problem(c, fac[f].line, c->g->facility_industry_col, "industry",
                    "'%s' is not an industry the national statistics report for this sector", fac[f].industry);
    }
}

static void use_measured(dc_ghg_result *row, double measured, int n_fac)
{
    row->removed_t = row->allocated_t;
    row->kept_t = 0.0;
    row->bottom_up_t = row->total_t = measured;
    row->electricity_t = NAN;
    row->basis = DC_BASIS_MEASURED;
    dc_ghg_note(row, "measured sector total replaces the allocation%s",
                n_fac ? " (its facility rows are inside it)" : "");
}

/* Fuel use alone takes the facility's whole share out of the allocation
 * but brings back none of its purchased electricity: say so. */
static void warn_fuel_only(const ctx *c, const facility *fac, int n, int year)
{
    for (int f = 0; f < n && !c->is->quiet; f++)
        if (fac[f].kinds == 1u << DC_FAC_FUEL)
            dc_diag_warn(c->is->diag, c->g->facilities_file, fac[f].line, 0, fac[f].name,
                         "FY%d gives fuel use but no purchased electricity (electricity_kwh) or reported total "
                         "(co2_t): its whole share leaves the allocation, its electricity does not come back", year);
}

static void use_facilities(dc_ghg_result *row, facility *fac, int n, double removed, double elec_kept)
{
    double own = 0.0, own_elec = 0.0;
    qsort(fac, (size_t)n, sizeof *fac, by_name);
    for (int f = 0; f < n; f++) {
        own += fac[f].co2_t, own_elec += fac[f].electricity_t;
        size_t len = strlen(row->facilities);
        snprintf(row->facilities + len, sizeof row->facilities - len, "%s%s", len ? ", " : "", fac[f].name);
    }
    row->removed_t = removed;
    row->kept_t = row->allocated_t - removed;
    row->bottom_up_t = own;
    row->total_t = row->kept_t + own;
    row->electricity_t = elec_kept + own_elec;
    row->basis = DC_BASIS_FACILITIES;
    dc_ghg_note(row, "%d facilit%s (%s): %.0f t-CO2 of the allocation removed for their indicator share, their "
                "own %.0f t-CO2 added", n, n == 1 ? "y" : "ies", row->facilities, removed, own);
}

void dc_ghg_apply_facilities(const dc_ghg_data *g, const char *muni, int year, const dc_ghg_rule *rule,
                             const dc_ghg_part *parts, int n_parts, dc_ghg_result *row, dc_ghg_issues *is)
{
    ctx c = {g, is};
    if (!g->n_facilities) return;
    facility *fac = malloc(((size_t)g->n_facilities + 1) * sizeof *fac);
    if (!fac) {
        dc_ghg_issue(is, NULL, 0, 0, NULL, "out of memory");
        return;
    }
    int before = is->errors;
    double measured;
    int n = gather(&c, muni, year, rule->sector, fac, &measured);
    if (!isnan(measured)) use_measured(row, measured, n);
    else if (n > 0 && is->errors == before) {
        if (rule->method == DC_GHG_NATIONAL_BY_INDUSTRY) check_industries(&c, fac, n, parts, n_parts);
        double removed = 0.0, elec_kept = 0.0;
        for (int k = 0; k < n_parts && is->errors == before; k++) {
            double share = held(&c, fac, n, &parts[k], rule->sector, year);
            removed += parts[k].allocated_t * share;
            elec_kept += parts[k].electricity_t * (1.0 - share);
        }
        if (is->errors == before) warn_fuel_only(&c, fac, n, year), use_facilities(row, fac, n, removed, elec_kept);
    }
    free(fac);
}

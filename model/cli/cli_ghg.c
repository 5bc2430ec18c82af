#include "cli_ghg.h"
#include "cli_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { LABEL = 46, COL = 13 };

/* s, then spaces to `cols` columns (at least one). */
static void label(const char *s, int cols)
{
    int w = cli_columns(s);
    printf("%s%*s", s, w < cols ? cols - w : 1, "");
}

static const char *year_label(const dc_ghg_summary *g, int y, char *buf, size_t len)
{
    snprintf(buf, len, "FY%d%s", g->years[y], g->scenario[y] ? "*" : "");
    return buf;
}

static int find(const dc_ghg *gh, const char *sector, const char *method, int year, int scenario, dc_ghg_row *out)
{
    for (size_t i = 0; dc_ghg_get(gh, i, out) == 0; i++)
        if (out->year == year && out->scenario == scenario && !strcmp(out->sector, sector) &&
            (method ? !strcmp(out->method, method) : out->chosen))
            return 0;
    return -1;
}

static void cell(double v, char mark1, char mark2)
{
    if (isnan(v)) printf(" %*s", COL, "n/a");
    else printf(" %*.0f%c%c", COL - 2, v, mark1, mark2);
}

/* A sector's row label: its Japanese and English names and the method. */
static const char *row_name(const dc_ghg_row *r, char *buf, size_t len)
{
    snprintf(buf, len, "%s %s (%s)", r->sector_ja, r->sector, r->method);
    return buf;
}

/* The label column: LABEL, or wider when a sector's label needs it (a
 * long Japanese name and method), so that the years stay in columns. */
static int label_columns(const dc_ghg *gh, const dc_ghg_summary *g)
{
    dc_ghg_row r;
    char name[160];
    int cols = LABEL;
    for (size_t i = 0; dc_ghg_get(gh, i, &r) == 0; i++)
        if (r.chosen && r.year == g->base_year && !r.scenario && cli_columns(row_name(&r, name, sizeof name)) >= cols)
            cols = cli_columns(name) + 1;
    return cols;
}

static void sector_rows(const dc_ghg *gh, const dc_ghg_summary *g, int cols)
{
    dc_ghg_row r, c;
    for (size_t i = 0; dc_ghg_get(gh, i, &r) == 0; i++) {
        if (!r.chosen || r.year != g->base_year || r.scenario) continue;
        char name[160];
        label(row_name(&r, name, sizeof name), cols);
        for (int y = 0; y < g->n_years; y++) {
            if (find(gh, r.sector, NULL, g->years[y], g->scenario[y], &c)) {
                printf(" %*s", COL, "-");
                continue;
            }
            cell(c.total_t, c.bottom_up_t > 0 ? '+' : ' ', c.differs_from_base ? '!' : ' ');
        }
        printf("\n");
    }
}

static void verdict_rows(const char *title, const dc_ghg_summary *g, const dc_ghg_verdict *v, int cols)
{
    int any = 0;
    for (int y = 0; y < g->n_years; y++) any |= !isnan(v[y].pct);
    if (!any) return;
    label(title, cols);
    for (int y = 0; y < g->n_years; y++) {
        char t[32] = "-";
        if (!isnan(v[y].pct)) snprintf(t, sizeof t, "%s%.1f", v[y].on_path ? "path " : "", v[y].pct);
        printf(" %*s", COL, t);
    }
    printf("\n");
    label("  met? (gap to cut [t-CO2])", cols);
    for (int y = 0; y < g->n_years; y++) {
        char t[32] = "-";
        if (!isnan(v[y].pct)) snprintf(t, sizeof t, v[y].met ? "met" : "no %.0f", v[y].gap_t);
        printf(" %*s", COL, t);
    }
    printf("\n");
}

static void totals(const dc_ghg_summary *g, int cols)
{
    label("TOTAL [t-CO2]", cols);
    for (int y = 0; y < g->n_years; y++) cell(g->total_t[y], ' ', g->differs[y] ? '!' : ' ');
    printf("\n");
    char t[64];
    snprintf(t, sizeof t, "reduction below FY%d [%%]", g->base_year);
    label(t, cols);
    for (int y = 0; y < g->n_years; y++) printf(" %*.1f", COL, g->reduction_pct[y]);
    printf("\n");
    snprintf(t, sizeof t, "national target below FY%d [%%]", g->national_base_year);
    verdict_rows(t, g, g->national, cols);
    snprintf(t, sizeof t, "municipal target below FY%d [%%]", g->base_year);
    verdict_rows(t, g, g->municipal, cols);
}

/* The scenario year = statistics carried forward + factor change + project. */
static void decomposition(const dc_ghg *gh, const dc_ghg_summary *g)
{
    int y = g->n_years - 1;
    if (y < 0 || !g->scenario[y]) return;
    dc_ghg_row r;
    double sum[4] = {0, 0, 0, 0};
    int from = 0;
    printf("\nFY%d* = statistics carried forward + factor change + project effect [t-CO2]; electricity at %s "
           "factors\n", g->years[y], g->factor_kind);
    printf("%-22s %12s %12s %12s %12s   %s\n", "sector", "statistics", "factor", "project", "total",
           "bought with / without the project [MWh]");
    for (size_t i = 0; dc_ghg_get(gh, i, &r) == 0; i++) {
        if (!r.scenario || !r.chosen) continue;
        from = r.from_year;
        double v[4] = {r.statistics_t, r.factor_change_t, r.project_t, r.total_t};
        char sector[96];
        printf("%s", cli_pad(r.sector, 22, sector, sizeof sector));
        for (int k = 0; k < 4; k++) {
            if (isnan(v[k])) printf(" %12s", "n/a");
            else printf(" %12.0f", v[k]), sum[k] += v[k];
        }
        if (!isnan(r.with_kwh)) printf("   %.0f / %.0f", r.with_kwh / 1000, r.without_kwh / 1000);
        printf("\n");
    }
    printf("%-22s %12.0f %12.0f %12.0f %12.0f   (statistics of FY%d)\n", "TOTAL", sum[0], sum[1], sum[2], sum[3], from);
}

/* Where the カルテ and the allocation are both given: chosen - カルテ per
 * sector and statistics year, then the カルテ's own totals. */
static void karte_side_by_side(const dc_ghg *gh, const dc_ghg_summary *g, int cols)
{
    dc_ghg_row k, a, r;
    int header = 0;
    for (size_t i = 0; dc_ghg_get(gh, i, &r) == 0; i++) {
        if (strcmp(r.method, "karte") || r.chosen || r.scenario || r.year != g->base_year) continue;
        if (!header) {
            printf("\n自治体排出量カルテ beside the chosen estimate: chosen - カルテ [t-CO2]\n");
            label("sector", cols);
            for (int y = 0; y < g->n_years; y++)
                if (!g->scenario[y]) printf(" %*s%d", COL - 4, "FY", g->years[y]);
            printf("\n");
            header = 1;
        }
        label(r.sector, cols);
        for (int y = 0; y < g->n_years; y++) {
            if (g->scenario[y]) continue;
            int ok = !find(gh, r.sector, "karte", g->years[y], 0, &k) && !find(gh, r.sector, NULL, g->years[y], 0, &a) &&
                     k.available && a.available;
            double diff = round(a.total_t - k.total_t) + 0.0; /* no "-0" */
            if (ok) printf(" %+*.0f", COL, diff == 0 ? 0.0 : diff);
            else printf(" %*s", COL, "n/a");
        }
        printf("\n");
    }
    for (int y = 0; y < g->n_years; y++) {
        double pub, sum, unit;
        if (g->scenario[y] || dc_ghg_karte_total(gh, g->years[y], &pub, &sum, &unit)) continue;
        if (!isnan(pub))
            printf("カルテ FY%d: published total %.0f t-CO2, its sectors add up to %.0f (printed to %.0f t-CO2); "
                   "the chosen estimate %.0f\n", g->years[y], pub, sum, unit, g->total_t[y]);
    }
}

static void every_method(const dc_ghg *gh, const dc_ghg_summary *g)
{
    char t[32];
    int last = g->n_years - 1;
    dc_ghg_row r;
    printf("\nEvery method side by side, %s [t-CO2]\n", year_label(g, last, t, sizeof t));
    for (size_t i = 0; dc_ghg_get(gh, i, &r) == 0; i++) {
        if (r.year != g->years[last] || r.scenario != g->scenario[last]) continue;
        char sector[96], method[96];
        printf("  %s %s", cli_pad(r.sector, 22, sector, sizeof sector), cli_pad(r.method, 22, method, sizeof method));
        if (r.available) printf(" %12.0f %s\n", r.total_t, r.chosen ? "(chosen)" : "");
        else printf(" %12s %s\n", "n/a", r.note);
    }
}

void dc_cli_print_ghg(const dc_ghg *gh, int full)
{
    dc_ghg_summary g;
    char t[32];
    if (!gh || dc_ghg_summary_get(gh, &g) != DC_OK) return;
    printf("\nMunicipal CO2 by sector, chosen method [t-CO2]  (* scenario year, + bottom-up data used,\n"
           "! estimated by a method other than the base year's: see the warnings)\n");
    int cols = label_columns(gh, &g);
    label("sector / method", cols);
    for (int y = 0; y < g.n_years; y++) printf(" %*s", COL, year_label(&g, y, t, sizeof t));
    printf("\n");
    if (full) sector_rows(gh, &g, cols);
    totals(&g, cols);
    decomposition(gh, &g);
    if (!full) return;
    karte_side_by_side(gh, &g, cols);
    every_method(gh, &g);
}

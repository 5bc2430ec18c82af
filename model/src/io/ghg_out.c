/* ghg.csv: sector x method x year [t-CO2], then per year the chosen total,
 * its reduction against the base year and the verdict on each target.
 * UTF-8 with a byte-order mark so that Excel shows the Japanese names.
 *
 * The columns add up without counting anything twice: allocation =
 * removed_for_facilities + allocation_kept; total = allocation_kept +
 * bottom_up for a statistics year, and statistics + factor_change +
 * project_effect for the scenario year. */
#include <math.h>
#include <stdio.h>

#include "writers.h"

static void number(FILE *fp, double v)
{
    if (isnan(v)) fputs(",", fp);
    else fprintf(fp, ",%.3f", v);
}

static void text(FILE *fp, const char *s)
{
    fputc(',', fp);
    dc_csv_quoted(fp, s);
}

static void verdict(FILE *fp, const dc_ghg_verdict *v)
{
    if (isnan(v->pct)) {
        fputs(",,,", fp);
        return;
    }
    fprintf(fp, ",%.3f,%s,%.3f", v->pct, v->met ? "met" : "not met", v->gap_t);
}

int dc_write_ghg_csv(const dc_ghg *g, FILE *fp)
{
    fputs(DC_UTF8_BOM, fp);
    fputs("year,scenario,sector,sector_ja,method,chosen,available,basis,differs_from_base_year,"
          "allocation [t-CO2],removed_for_facilities [t-CO2],allocation_kept [t-CO2],bottom_up [t-CO2],"
          "electricity [t-CO2],statistics_year,statistics [t-CO2],factor_change [t-CO2],project_effect [t-CO2],"
          "bought_with_project [kWh],bought_without_project [kWh],total [t-CO2],reduction_vs_base [%],"
          "national_target [%],national_verdict,national_gap [t-CO2],municipal_target [%],municipal_verdict,"
          "municipal_gap [t-CO2],note\n", fp);
    dc_ghg_row r;
    for (size_t i = 0; dc_ghg_get(g, i, &r) == 0; i++) {
        fprintf(fp, "%d,%d,%s,%s,%s,%d,%d,%s,%d", r.year, r.scenario, r.sector, r.sector_ja, r.method, r.chosen,
                r.available, r.basis, r.differs_from_base);
        const double v[] = {r.allocated_t, r.removed_t, r.kept_t, r.bottom_up_t, r.electricity_t};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) number(fp, r.scenario ? NAN : v[k]);
        if (r.scenario) fprintf(fp, ",%d", r.from_year);
        else fputs(",", fp);
        const double w[] = {r.statistics_t, r.factor_change_t, r.project_t, r.with_kwh, r.without_kwh, r.total_t};
        for (size_t k = 0; k < sizeof w / sizeof w[0]; k++) number(fp, w[k]);
        fputs(",,,,,,,", fp);
        text(fp, r.note);
        fputs("\n", fp);
    }
    dc_ghg_summary sum;
    if (dc_ghg_summary_get(g, &sum)) return -1;
    for (int y = 0; y < sum.n_years; y++) {
        fprintf(fp, "%d,%d,TOTAL,合計,chosen,1,1,,%d,,,,,,,,,,,,%.3f,%.3f", sum.years[y], sum.scenario[y],
                sum.differs[y], sum.total_t[y], sum.reduction_pct[y]);
        verdict(fp, &sum.national[y]);
        verdict(fp, &sum.municipal[y]);
        fprintf(fp, ",\"national targets below FY%d, municipal below FY%d; 'path' years lie on the straight line "
                "to the next target; electricity at %s factors\"\n", sum.national_base_year, sum.base_year,
                sum.factor_kind);
    }
    return ferror(fp) ? -1 : 0;
}

/* ghg.csv: sector x method x year [t-CO2], then the chosen totals with
 * their reduction against the base year. UTF-8 with a byte-order mark so
 * that Excel shows the Japanese sector names. */
#include <math.h>
#include <stdio.h>

#include "writers.h"

static void number(FILE *fp, double v)
{
    if (isnan(v)) fputs(",", fp);
    else fprintf(fp, ",%.3f", v);
}

int dc_write_ghg_csv(const dc_ghg *g, FILE *fp)
{
    fputs(DC_UTF8_BOM, fp);
    fputs("year,scenario,sector,sector_ja,method,chosen,allocated [t-CO2],electricity [t-CO2],"
          "bottom_up [t-CO2],total [t-CO2],reduction_vs_base [%],note\n", fp);
    dc_ghg_row r;
    for (size_t i = 0; dc_ghg_get(g, i, &r) == 0; i++) {
        fprintf(fp, "%d,%d,%s,%s,%s,%d", r.year, r.scenario, r.sector, r.sector_ja, r.method, r.chosen);
        number(fp, r.allocated_t);
        number(fp, r.electricity_t);
        number(fp, r.bottom_up_t);
        number(fp, r.total_t);
        fprintf(fp, ",,\"%s\"\n", r.note);
    }
    dc_ghg_summary sum;
    if (dc_ghg_summary_get(g, &sum)) return -1;
    for (int y = 0; y < sum.n_years; y++)
        fprintf(fp, "%d,%d,TOTAL,合計,chosen,1,,,,%.3f,%.2f,\"targets: municipal %.1f %%, national %.1f %% below FY%d\"\n",
                sum.years[y], sum.scenario[y], sum.total_t[y], sum.reduction_pct[y], sum.target_reduction_pct,
                sum.national_target_pct, sum.base_year);
    return ferror(fp) ? -1 : 0;
}

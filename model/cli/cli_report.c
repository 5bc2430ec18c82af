#include "cli_report.h"
#include "cli_text.h"

#include <math.h>
#include <stdio.h>

static void verdict_line(const dc_netzero *z)
{
    if (z->net_zero)
        printf("先行地域 %s FY%d: NET ZERO (実質ゼロ達成): B + C = %.1f MWh >= A = %.1f MWh\n", z->area, z->year,
               z->b_mwh + z->c_mwh, z->a_mwh);
    else
        printf("先行地域 %s FY%d: SHORT (未達) by %.1f MWh = %.1f t-CO2 at %.3g kg-CO2/kWh (%s): "
               "B + C = %.1f MWh < A = %.1f MWh\n", z->area, z->year, z->gap_mwh, z->gap_t_co2,
               z->factor_kg_per_kwh, *z->factor_kind == 'b' ? "基礎" : "調整後", z->b_mwh + z->c_mwh, z->a_mwh);
}

static void table(const dc_model *m, const dc_netzero *z)
{
    printf("\nNet-zero table, household and commercial electricity (民生部門) [MWh]\n");
    printf("  A  demand before savings                %12.1f\n", z->a_mwh);
    dc_saving_row s;
    char name[128];
    for (size_t i = 0; dc_model_saving_get(m, i, &s) == 0; i++)
        printf("  C    saving of %s %12.1f   (%.3g %%)\n", cli_pad(s.load, 24, name, sizeof name), s.saving_mwh,
               s.saving_pct);
    printf("  C  savings                              %12.1f\n", z->c_mwh);
    printf("  B    on-site self-consumption           %12.1f\n", z->b_onsite_mwh);
    printf("  B    private wire (自営線)              %12.1f\n", z->b_wire_mwh);
    printf("  B    off-site PPA through the grid      %12.1f\n", z->b_offsite_ppa_mwh);
    printf("  B    retailer's renewable menu          %12.1f\n", z->b_retail_mwh);
    printf("  B    certificates and credits           %12.1f\n", z->b_certificates_mwh);
    printf("  B  renewable supply                     %12.1f\n", z->b_mwh);
    printf("     FIT output not counted               %12.1f\n", z->fit_excluded_mwh);
    printf("     other loads of the area (apart)      %12.1f\n", z->other_demand_mwh);
    printf("\nHour by hour (時間一致, not the annual 自給率): %.1f %% of demand after savings met locally "
           "in the hour; %.1f MWh exported; %d steps still buying from the grid\n",
           100 * z->coincident_share, z->exported_mwh, z->grid_hours);
}

static void cost_line(const dc_econ_row *r)
{
    char name[128];
    printf("  %-7s %s %7.1f %7.1f %6.1f %7.2f", r->kind, cli_pad(r->name, 30, name, sizeof name), r->capex / 1e6,
           r->subsidy / 1e6, r->net_capex / 1e6, r->annual_cost / 1e6);
    if (isnan(r->lcoe_yen_per_kwh)) printf(" %12s", "-");
    else printf(" %12.2f", r->lcoe_yen_per_kwh);
    if (isnan(r->npv)) printf(" %7s", "-");
    else printf(" %7.1f", r->npv / 1e6);
    if (r->ppa && !isnan(r->ppa_price_yen_per_kwh)) printf(" %11.2f", r->ppa_price_yen_per_kwh);
    printf("\n");
}

static void costs(const dc_model *m)
{
    dc_econ_row r;
    if (dc_model_econ_get(m, 0, &r)) return;
    printf("\n%-40s %7s %7s %6s %7s %12s %7s %11s\n", "Costs [million yen]", "capex", "subsidy", "net", "cost/yr",
           "LCOE yen/kWh", "NPV", "PPA yen/kWh"); /* the widths of cost_line's cells */
    for (size_t i = 0; dc_model_econ_get(m, i, &r) == 0; i++) cost_line(&r);
    if (dc_model_econ_total(m, &r) == 0) cost_line(&r);
}

void dc_cli_print_netzero(const dc_model *m, int full)
{
    dc_netzero z;
    if (dc_model_netzero(m, &z) != DC_OK) return;
    printf("\n");
    verdict_line(&z);
    if (!full) {
        printf("  the table and costs: decarb report, netzero.csv, economics.csv, application.xlsx, report.html\n");
        return;
    }
    table(m, &z);
    costs(m);
}

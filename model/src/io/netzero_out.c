/* netzero.csv: the 脱炭素先行地域 table in the application's terms (A, B
 * by route, C, the test and its gap), the hour-coincident view and what is
 * installed; economics.csv: costs per array and battery, PPA prices. */
#include <math.h>
#include <stdio.h>

#include "writers.h"

static void line(FILE *fp, const char *code, const char *item, const char *item_ja, double v, const char *unit)
{
    fprintf(fp, "%s,", code);
    dc_csv_quoted(fp, item);
    fputc(',', fp);
    dc_csv_quoted(fp, item_ja);
    if (isnan(v)) fprintf(fp, ",,%s\n", unit);
    else fprintf(fp, ",%.3f,%s\n", v, unit);
}

static void table(FILE *fp, const dc_model *m, const dc_netzero *z)
{
    line(fp, "A", "demand of household and commercial loads before savings", "民生部門の電力需要量（省エネ前）",
         z->a_mwh, "MWh");
    dc_saving_row s;
    for (size_t i = 0; dc_model_saving_get(m, i, &s) == 0; i++) {
        char item[512];
        snprintf(item, sizeof item, "saving: %s (%.3g %%)", s.load, s.saving_pct);
        line(fp, "C", item, "省エネによる削減量", s.saving_mwh, "MWh");
    }
    line(fp, "C", "savings, total", "省エネによる削減量（計）", z->c_mwh, "MWh");
    line(fp, "B", "on-site self-consumption", "オンサイト自家消費", z->b_onsite_mwh, "MWh");
    line(fp, "B", "private wire", "自営線", z->b_wire_mwh, "MWh");
    line(fp, "B", "off-site PPA through the grid", "オフサイトPPA・自己託送", z->b_offsite_ppa_mwh, "MWh");
    line(fp, "B", "retailer's renewable menu with non-fossil certificates", "再エネメニュー（非化石証書）",
         z->b_retail_mwh, "MWh");
    line(fp, "B", "certificates and credits", "証書・クレジット", z->b_certificates_mwh, "MWh");
    line(fp, "B", "renewable supply, total", "再エネ等の電力供給量（計）", z->b_mwh, "MWh");
}

static void test(FILE *fp, const dc_netzero *z)
{
    line(fp, "test", "B + C - A", "B + C - A", z->b_mwh + z->c_mwh - z->a_mwh, "MWh");
    line(fp, "test", z->net_zero ? "net zero: B + C >= A" : "short: B + C < A",
         z->net_zero ? "実質ゼロ達成" : "未達", z->net_zero, "1 = net zero");
    line(fp, "test", "gap", "不足量", z->gap_mwh, "MWh");
    char unit[96];
    snprintf(unit, sizeof unit, "t-CO2 at %.4g kg-CO2/kWh (%s)", z->factor_kg_per_kwh,
             *z->factor_kind == 'b' ? "basic 基礎排出係数" : "adjusted 調整後排出係数");
    line(fp, "test", "gap as CO2", "不足量のCO2", z->gap_t_co2, unit);
}

static void beyond(FILE *fp, const dc_netzero *z)
{
    line(fp, "excluded", "FIT output used by these loads (not counted)", "FIT売電分（計上しない）",
         z->fit_excluded_mwh, "MWh");
    line(fp, "apart", "other loads of the area (industry, EV charging, agriculture)", "その他の需要（別掲）",
         z->other_demand_mwh, "MWh");
    line(fp, "hourly", "hour-coincident share of demand after savings met locally", "時間一致率",
         100 * z->coincident_share, "%");
    line(fp, "hourly", "surplus exported by the area's sites", "余剰の系統への送電", z->exported_mwh, "MWh");
    line(fp, "hourly", "steps still drawing grid power", "系統から購入したコマ数", z->grid_hours, "steps");
    line(fp, "installed", "PV", "太陽光", z->pv_kw, "kW (DC)");
    line(fp, "installed", "PV sold under FIT", "太陽光（FIT）", z->pv_fit_kw, "kW (DC)");
    line(fp, "installed", "batteries", "蓄電池", z->battery_kwh, "kWh");
    line(fp, "installed", "batteries, power", "蓄電池（出力）", z->battery_kw, "kW");
    line(fp, "installed", "biomass and biogas plants", "バイオマス・バイオガス発電", z->plant_kw, "kW");
    line(fp, "installed", "official EVs", "公用EV", z->ev_count, "cars");
}

int dc_write_netzero_csv(const dc_model *m, FILE *fp)
{
    dc_netzero z;
    if (dc_model_netzero(m, &z) != DC_OK) return -1;
    fputs(DC_UTF8_BOM, fp);
    fputs("code,item,item_ja,value,unit\n", fp);
    fprintf(fp, "area,");
    dc_csv_quoted(fp, z.area);
    fprintf(fp, ",\"対象地域\",%d,year\n", z.year);
    table(fp, m, &z);
    test(fp, &z);
    beyond(fp, &z);
    return ferror(fp) ? -1 : 0;
}

static void num(FILE *fp, double v, const char *fmt)
{
    fputc(',', fp);
    if (isinf(v)) fputs("never", fp);
    else if (!isnan(v)) fprintf(fp, fmt, v);
}

static void econ_row(FILE *fp, const dc_econ_row *r)
{
    fprintf(fp, "%s,%s,%s", r->kind, r->name, r->site);
    num(fp, *r->kind == 'a' ? NAN : r->size, "%.3f");
    fputs(*r->kind == 'p' ? ",kW" : *r->kind == 'b' ? ",kWh" : ",", fp);
    const double v[] = {r->capex, r->subsidy, r->net_capex, r->opex_per_year, r->lifetime_years, r->annual_cost,
                        r->energy_kwh, r->lcoe_yen_per_kwh, r->value_per_year, r->npv, r->payback_years};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) num(fp, v[k], "%.3f");
    fprintf(fp, ",%d", r->ppa);
    num(fp, r->ppa ? r->billed_kwh : NAN, "%.3f");
    num(fp, r->ppa_price_yen_per_kwh, "%.6f");
    num(fp, r->town_saving_per_year, "%.3f");
    fputc('\n', fp);
}

int dc_write_economics_csv(const dc_model *m, FILE *fp)
{
    fputs(DC_UTF8_BOM, fp);
    fputs("kind,name,site,size,size_unit,capex [yen],subsidy [yen],net_capex [yen],opex [yen/year],lifetime [year],"
          "annual_cost [yen/year],energy [kWh/year],lcoe [yen/kWh],value [yen/year],npv [yen],payback [year],"
          "ppa,billed [kWh/year],ppa_price [yen/kWh],town_saving [yen/year]\n", fp);
    dc_econ_row r;
    for (size_t i = 0; dc_model_econ_get(m, i, &r) == 0; i++) econ_row(fp, &r);
    if (dc_model_econ_total(m, &r) == 0) econ_row(fp, &r);
    return ferror(fp) ? -1 : 0;
}

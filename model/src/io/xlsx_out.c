/* application.xlsx for a 脱炭素先行地域 application (the only libxlsxwriter
 * user): summary, the net-zero table, renewables, CO2, costs, PPAs, the
 * monthly balance with its chart, a summer and a winter week, the load-
 * duration curve with and without local supply, and the hourly table with
 * Excel dates. Labels in Japanese, or English (language: en). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calendar.h"
#include "writers.h"
#include "xlsx_lib.h"

typedef struct {
    const dc_xlsx_lib *x; /* libxlsxwriter's functions */
    lxw_workbook *wb;
    const dc_model *m;
    const dc_ghg *g;
    int en;
    lxw_format *bold, *num, *int0, *pct, *date, *yen;
    char hourly[32], monthly[32], duration[32];
} book;

static const char *L(const book *b, const char *ja, const char *en) { return b->en ? en : ja; }

static void header(const book *b, lxw_worksheet *ws, lxw_row_t row, const char *const *cols, int n)
{
    for (int c = 0; c < n; c++) b->x->worksheet_write_string(ws, row, (lxw_col_t)c, cols[c], b->bold);
}

static void number(const book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (isfinite(v)) b->x->worksheet_write_number(ws, r, c, v, f ? f : b->num);
}

/* A labelled value with its unit: one row of a two-column table. */
static void item(const book *b, lxw_worksheet *ws, lxw_row_t r, const char *label, double v, const char *unit)
{
    b->x->worksheet_write_string(ws, r, 0, label, NULL);
    number(b, ws, r, 1, v, NULL);
    b->x->worksheet_write_string(ws, r, 2, unit, NULL);
}

static void summary_sheet(const book *b, const dc_netzero *z, int has_z)
{
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, L(b, "概要", "summary"));
    b->x->worksheet_set_column(ws, 0, 0, 46, NULL);
    const dc_scenario *s = dc_model_scenario(b->m);
    b->x->worksheet_write_string(ws, 0, 0, L(b, "decarb 計算結果", "decarb results"), b->bold);
    b->x->worksheet_write_string(ws, 1, 0, L(b, "シナリオ", "scenario"), NULL);
    b->x->worksheet_write_string(ws, 1, 1, dc_scenario_name(s), NULL);
    dc_totals t;
    dc_model_totals(b->m, 0, &t);
    lxw_row_t r = 3;
    item(b, ws, r++, L(b, "需要（省エネ後）", "demand after savings"), t.demand_kwh / 1000, "MWh");
    item(b, ws, r++, L(b, "太陽光発電量", "PV output"), t.pv_kwh / 1000, "MWh");
    item(b, ws, r++, L(b, "系統からの購入", "grid import"), t.import_kwh / 1000, "MWh");
    item(b, ws, r++, L(b, "系統への送電", "grid export"), t.export_kwh / 1000, "MWh");
    item(b, ws, r++, L(b, "出力抑制", "curtailed"), t.curtailed_kwh / 1000, "MWh");
    item(b, ws, r++, L(b, "自給率（年間）", "self-sufficiency (annual)"), 100 * t.self_sufficiency, "%");
    item(b, ws, r++, L(b, "購入電力のCO2", "CO2 of imports"), t.import_co2_t, "t-CO2");
    if (!has_z) return;
    r++;
    const char *verdict = z->net_zero ? L(b, "判定: 実質ゼロ達成 (B + C ≥ A)", "verdict: net zero (B + C >= A)")
                                      : L(b, "判定: 未達 (B + C < A)", "verdict: short (B + C < A)");
    b->x->worksheet_write_string(ws, r++, 0, verdict, b->bold);
    item(b, ws, r++, L(b, "不足量", "gap"), z->gap_mwh, "MWh");
    item(b, ws, r++, L(b, "不足量のCO2", "gap as CO2"), z->gap_t_co2, "t-CO2");
    item(b, ws, r++, L(b, "時間一致率", "hour-coincident share"), 100 * z->coincident_share, "%");
}

static void netzero_sheet(const book *b, const dc_netzero *z)
{
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, L(b, "実質ゼロ表", "netzero"));
    b->x->worksheet_set_column(ws, 0, 0, 52, NULL);
    const char *cols[] = {L(b, "項目", "item"), L(b, "値", "value"), L(b, "単位", "unit")};
    header(b, ws, 0, cols, 3);
    lxw_row_t r = 1;
    item(b, ws, r++, L(b, "A 民生部門の電力需要量（省エネ前）", "A demand before savings"), z->a_mwh, "MWh");
    dc_saving_row s;
    for (size_t i = 0; dc_model_saving_get(b->m, i, &s) == 0; i++) {
        char label[400];
        snprintf(label, sizeof label, "%s %s (%.3g %%)", L(b, "C 省エネ:", "C saving:"), s.load, s.saving_pct);
        item(b, ws, r++, label, s.saving_mwh, "MWh");
    }
    item(b, ws, r++, L(b, "C 省エネ（計）", "C savings"), z->c_mwh, "MWh");
    item(b, ws, r++, L(b, "B オンサイト自家消費", "B on-site"), z->b_onsite_mwh, "MWh");
    item(b, ws, r++, L(b, "B 自営線", "B private wire"), z->b_wire_mwh, "MWh");
    item(b, ws, r++, L(b, "B オフサイトPPA・自己託送", "B off-site PPA"), z->b_offsite_ppa_mwh, "MWh");
    item(b, ws, r++, L(b, "B 再エネメニュー（非化石証書）", "B renewable menu"), z->b_retail_mwh, "MWh");
    item(b, ws, r++, L(b, "B 証書・クレジット", "B certificates and credits"), z->b_certificates_mwh, "MWh");
    item(b, ws, r++, L(b, "B 再エネ等（計）", "B renewable supply"), z->b_mwh, "MWh");
    item(b, ws, r++, "B + C - A", z->b_mwh + z->c_mwh - z->a_mwh, "MWh");
    item(b, ws, r++, L(b, "不足量のCO2", "gap as CO2"), z->gap_t_co2, "t-CO2");
    item(b, ws, r++, L(b, "FIT売電分（計上しない）", "FIT output (not counted)"), z->fit_excluded_mwh, "MWh");
    item(b, ws, r++, L(b, "その他の需要（別掲）", "other loads (apart)"), z->other_demand_mwh, "MWh");
}

static const double *series(const book *b, const char *name) { return dc_model_series(b->m, name); }

static double sum_of(const book *b, const char *name)
{
    const double *v = series(b, name);
    double s = 0;
    for (size_t i = 0; v && i < dc_model_steps(b->m); i++) s += v[i];
    return s;
}

static void renewables_sheet(const book *b)
{
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, L(b, "再エネ", "renewables"));
    const char *cols[] = {L(b, "アレイ", "array"), L(b, "サイト", "site"), "AC [kWh]", L(b, "自家消費 [kWh]", "used on site [kWh]"),
                          L(b, "送電 [kWh]", "sent out [kWh]"), L(b, "抑制 [kWh]", "curtailed [kWh]")};
    header(b, ws, 0, cols, 6);
    b->x->worksheet_set_column(ws, 0, 1, 24, NULL);
    b->x->worksheet_set_column(ws, 2, 5, 16, NULL);
    dc_series_info info;
    lxw_row_t r = 1;
    for (size_t k = 0; dc_model_series_get(b->m, k, &info) == 0; k++) {
        if (strcmp(info.kind, "pv") || strcmp(info.quantity, "ac")) continue;
        b->x->worksheet_write_string(ws, r, 0, info.owner, NULL);
        b->x->worksheet_write_string(ws, r, 1, info.site, NULL);
        const char *parts[] = {"ac", "used_on_site", "sent_out", "curtailed"};
        for (int c = 0; c < 4; c++) {
            char key[4 * DC_NAME_MAX];
            snprintf(key, sizeof key, "pv:%s:%s", info.owner, parts[c]);
            number(b, ws, r, (lxw_col_t)(2 + c), sum_of(b, key), NULL);
        }
        r++;
    }
}

static void co2_sheet(const book *b)
{
    if (!b->g) return;
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, "CO2");
    const char *cols[] = {L(b, "年度", "fiscal year"), L(b, "部門", "sector"), L(b, "手法", "method"),
                          L(b, "排出量 [t-CO2]", "emissions [t-CO2]"), L(b, "電力分 [t-CO2]", "electricity [t-CO2]")};
    header(b, ws, 0, cols, 5);
    b->x->worksheet_set_column(ws, 1, 2, 26, NULL);
    b->x->worksheet_set_column(ws, 3, 4, 20, NULL);
    dc_ghg_row g;
    lxw_row_t r = 1;
    for (size_t i = 0; dc_ghg_get(b->g, i, &g) == 0; i++) {
        if (!g.chosen) continue;
        b->x->worksheet_write_number(ws, r, 0, g.year, b->int0);
        b->x->worksheet_write_string(ws, r, 1, b->en ? g.sector : g.sector_ja, NULL);
        b->x->worksheet_write_string(ws, r, 2, g.method, NULL);
        number(b, ws, r, 3, g.total_t, NULL);
        number(b, ws, r, 4, g.electricity_t, NULL);
        r++;
    }
}

static void cost_row(const book *b, lxw_worksheet *ws, lxw_row_t r, const dc_econ_row *e)
{
    b->x->worksheet_write_string(ws, r, 0, *e->kind == 'a' ? L(b, "合計", "total") : e->kind, NULL);
    b->x->worksheet_write_string(ws, r, 1, *e->kind == 'a' ? L(b, "地域", "area") : e->name, NULL);
    if (*e->kind != 'a') {
        number(b, ws, r, 2, e->size, NULL);
        b->x->worksheet_write_string(ws, r, 3, *e->kind == 'p' ? "kW" : "kWh", NULL);
    }
    const double v[] = {e->capex, e->subsidy, e->net_capex, e->opex_per_year, e->annual_cost};
    for (int c = 0; c < 5; c++) number(b, ws, r, (lxw_col_t)(4 + c), v[c], b->yen);
    number(b, ws, r, 9, e->lcoe_yen_per_kwh, NULL);
    number(b, ws, r, 10, e->npv, b->yen);
    number(b, ws, r, 11, e->payback_years, NULL);
}

static void costs_sheet(const book *b)
{
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, L(b, "費用", "costs"));
    const char *cols[] = {L(b, "種類", "kind"), L(b, "名前", "name"), L(b, "容量", "size"), L(b, "単位", "unit"),
                          L(b, "設備費 [円]", "capex [yen]"), L(b, "補助金 [円]", "subsidy [yen]"),
                          L(b, "実質設備費 [円]", "net capex [yen]"), L(b, "運転費 [円/年]", "opex [yen/year]"),
                          L(b, "年経費 [円/年]", "annual cost [yen/year]"), "LCOE [yen/kWh]", "NPV [yen]",
                          L(b, "単純回収年数 [年]", "payback [years]")};
    header(b, ws, 0, cols, 12);
    b->x->worksheet_set_column(ws, 0, 11, 16, NULL);
    dc_econ_row e;
    lxw_row_t r = 1;
    for (size_t i = 0; dc_model_econ_get(b->m, i, &e) == 0; i++) cost_row(b, ws, r++, &e);
    if (dc_model_econ_total(b->m, &e) == 0) cost_row(b, ws, r, &e);
}

static void ppa_sheet(const book *b)
{
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, "PPA");
    const char *cols[] = {L(b, "アレイ", "array"), L(b, "施設", "building"), L(b, "請求電力量 [kWh/年]", "billed [kWh/year]"),
                          L(b, "PPA単価 [円/kWh]", "PPA price [yen/kWh]"), L(b, "町の削減額 [円/年]", "town's saving [yen/year]")};
    header(b, ws, 0, cols, 5);
    b->x->worksheet_set_column(ws, 0, 4, 20, NULL);
    dc_econ_row e;
    lxw_row_t r = 1;
    for (size_t i = 0; dc_model_econ_get(b->m, i, &e) == 0; i++) {
        if (!e.ppa) continue;
        b->x->worksheet_write_string(ws, r, 0, e.name, NULL);
        b->x->worksheet_write_string(ws, r, 1, e.site, NULL);
        number(b, ws, r, 2, e.billed_kwh, NULL);
        number(b, ws, r, 3, e.ppa_price_yen_per_kwh, NULL);
        number(b, ws, r, 4, e.town_saving_per_year, b->yen);
        r++;
    }
}

/* A series of rows r0..r1 of column col against column 0, named by its header. */
static void add_series(const book *b, lxw_chart *c, const char *sheet, lxw_row_t r0, lxw_row_t r1, int col)
{
    lxw_chart_series *s = b->x->chart_add_series(c, NULL, NULL);
    b->x->chart_series_set_categories(s, sheet, r0, 0, r1, 0);
    b->x->chart_series_set_values(s, sheet, r0, (lxw_col_t)col, r1, (lxw_col_t)col);
    b->x->chart_series_set_name_range(s, sheet, 0, (lxw_col_t)col);
}

/* The monthly balance [MWh]: supplies by source stacked (grid import split
 * into off-site PPA bought and the rest), then demand against PV used. */
static void monthly_sheet(book *b)
{
    snprintf(b->monthly, sizeof b->monthly, "%s", L(b, "月別", "monthly"));
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, b->monthly);
    const char *cols[] = {L(b, "月", "month"), L(b, "需要 [MWh]", "demand [MWh]"),
                          L(b, "太陽光（自家消費等） [MWh]", "PV used [MWh]"),
                          L(b, "オフサイトPPA [MWh]", "off-site PPA bought [MWh]"),
                          L(b, "発電（バイオマス等） [MWh]", "generation [MWh]"),
                          L(b, "蓄電池放電 [MWh]", "storage discharge [MWh]"),
                          L(b, "系統購入（PPA以外） [MWh]", "other grid import [MWh]"),
                          L(b, "系統送電 [MWh]", "grid export [MWh]")};
    header(b, ws, 0, cols, 8);
    b->x->worksheet_set_column(ws, 0, 7, 17, NULL);
    int months[12], years[12], n = dc_axis_months(b->m, months, years);
    for (int k = 0; k < n; k++) {
        dc_totals t;
        dc_model_totals(b->m, months[k], &t);
        char label[16];
        snprintf(label, sizeof label, "%d-%02d", years[k], months[k]);
        b->x->worksheet_write_string(ws, (lxw_row_t)(k + 1), 0, label, NULL);
        const double v[] = {t.demand_kwh, t.pv_kwh - t.curtailed_kwh - t.pv_export_kwh, t.offsite_ppa_in_kwh,
                            t.generation_kwh, t.storage_discharge_kwh, t.import_kwh - t.offsite_ppa_in_kwh,
                            t.export_kwh};
        for (int c = 0; c < 7; c++) number(b, ws, (lxw_row_t)(k + 1), (lxw_col_t)(c + 1), v[c] / 1000, NULL);
    }
    lxw_chart *bars = b->x->workbook_add_chart(b->wb, LXW_CHART_COLUMN_STACKED);
    for (int c = 2; c <= 6; c++) add_series(b, bars, b->monthly, 1, (lxw_row_t)n, c);
    b->x->chart_title_set_name(bars, L(b, "月別の供給（電源別）", "Monthly supply by source"));
    b->x->chart_axis_set_name(bars->y_axis, "MWh");
    lxw_chart_options big = {.x_scale = 1.6, .y_scale = 1.3};
    b->x->worksheet_insert_chart_opt(ws, 15, 0, bars, &big);
    /* libxlsxwriter 1.1 cannot overlay a line on columns: demand against
     * the local supply in a chart of its own. */
    lxw_chart *line = b->x->workbook_add_chart(b->wb, LXW_CHART_LINE);
    for (int c = 1; c <= 3; c++) add_series(b, line, b->monthly, 1, (lxw_row_t)n, c);
    b->x->chart_title_set_name(line, L(b, "月別の需要と再エネ", "Monthly demand and renewables"));
    b->x->chart_axis_set_name(line->y_axis, "MWh");
    b->x->worksheet_insert_chart_opt(ws, 36, 0, line, &big);
    b->x->worksheet_set_landscape(ws);
    b->x->worksheet_fit_to_pages(ws, 1, 0);
}

/* One week of the hourly sheet from the first step of (month, day), as
 * lines over the dates (a scatter chart: a line chart's date axis would
 * fold each day into one point); nothing when the year lacks the week. */
static void week_chart(const book *b, lxw_worksheet *ws, lxw_row_t at, int month, int day, const char *title)
{
    dc_time t;
    size_t first = 0, steps = dc_model_steps(b->m), per_day = (size_t)lround(24 / dc_model_step_hours(b->m));
    while (dc_model_time(b->m, first, &t) == 0 && !(t.month == month && t.day == day)) first++;
    if (first + 7 * per_day > steps) return;
    lxw_chart *c = b->x->workbook_add_chart(b->wb, LXW_CHART_SCATTER_STRAIGHT);
    lxw_row_t r0 = (lxw_row_t)(first + 1), r1 = (lxw_row_t)(first + 7 * per_day);
    for (int col = 1; col <= 4; col++) add_series(b, c, b->hourly, r0, r1, col);
    b->x->chart_title_set_name(c, title);
    b->x->chart_axis_set_name(c->y_axis, "kWh");
    b->x->chart_axis_set_num_format(c->x_axis, "m/d");
    lxw_datetime d0 = {t.year, t.month, t.day, 0, 0, 0}, d1 = d0;
    b->x->chart_axis_set_min(c->x_axis, b->x->lxw_datetime_to_excel_datetime(&d0));
    b->x->chart_axis_set_max(c->x_axis, b->x->lxw_datetime_to_excel_datetime(&d1) + 7);
    b->x->chart_axis_set_major_unit(c->x_axis, 1);
    lxw_chart_options big = {.x_scale = 1.6, .y_scale = 1.3};
    b->x->worksheet_insert_chart_opt(ws, at, 0, c, &big);
}

static void weeks_sheet(const book *b)
{
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, L(b, "代表週", "weeks"));
    const char *title = L(b, "夏の1週間（8月1日から）と冬の1週間（1月15日から）",
                          "A summer week (from 1 August) and a winter week (from 15 January)");
    b->x->worksheet_write_string(ws, 0, 0, title, b->bold);
    week_chart(b, ws, 2, 8, 1, L(b, "夏の1週間", "A summer week"));
    week_chart(b, ws, 24, 1, 15, L(b, "冬の1週間", "A winter week"));
    b->x->worksheet_set_landscape(ws);
    b->x->worksheet_fit_to_pages(ws, 1, 0);
}

static int descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* Demand and grid import sorted from the highest step: the grid's load
 * without local supply, and with it. */
static int duration_sheet(book *b)
{
    size_t n = dc_model_steps(b->m);
    const double *dem = series(b, "demand"), *imp = series(b, "grid_import");
    double *sorted = malloc(2 * n * sizeof *sorted);
    if (!sorted || !dem || !imp) return free(sorted), -1;
    memcpy(sorted, dem, n * sizeof *sorted);
    memcpy(sorted + n, imp, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, descending);
    qsort(sorted + n, n, sizeof *sorted, descending);
    snprintf(b->duration, sizeof b->duration, "%s", L(b, "持続曲線", "duration"));
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, b->duration);
    const char *cols[] = {L(b, "順位", "rank"), L(b, "需要（地域の供給なし） [kWh]", "demand, without local supply [kWh]"),
                          L(b, "系統購入（地域の供給あり） [kWh]", "grid import, with local supply [kWh]")};
    header(b, ws, 0, cols, 3);
    b->x->worksheet_set_column(ws, 1, 2, 30, NULL);
    for (size_t i = 0; i < n; i++) {
        b->x->worksheet_write_number(ws, (lxw_row_t)(i + 1), 0, (double)(i + 1), b->int0);
        b->x->worksheet_write_number(ws, (lxw_row_t)(i + 1), 1, sorted[i], b->num);
        b->x->worksheet_write_number(ws, (lxw_row_t)(i + 1), 2, sorted[n + i], b->num);
    }
    free(sorted);
    lxw_chart *c = b->x->workbook_add_chart(b->wb, LXW_CHART_SCATTER_STRAIGHT);
    for (int col = 1; col <= 2; col++) add_series(b, c, b->duration, 1, (lxw_row_t)n, col);
    b->x->chart_title_set_name(c, L(b, "負荷持続曲線", "Load-duration curve"));
    b->x->chart_axis_set_name(c->x_axis, L(b, "コマ（多い順）", "steps, highest first"));
    b->x->chart_axis_set_name(c->y_axis, "kWh");
    b->x->worksheet_insert_chart(ws, 1, 4, c);
    return 0;
}

/* The town's series per step, the first column an Excel date (JST). */
static void hourly_sheet(book *b)
{
    snprintf(b->hourly, sizeof b->hourly, "%s", L(b, "時間別", "hourly"));
    lxw_worksheet *ws = b->x->workbook_add_worksheet(b->wb, b->hourly);
    const char *names[] = {"demand", "pv", "grid_import", "grid_export", "storage_charge", "storage_discharge",
                           "generation", "curtailed", "unserved"};
    enum { N = sizeof names / sizeof names[0] };
    b->x->worksheet_write_string(ws, 0, 0, L(b, "日時（JST、コマの開始）", "time (JST, step start)"), b->bold);
    b->x->worksheet_set_column(ws, 0, 0, 18, NULL);
    b->x->worksheet_set_column(ws, 1, N, 16, NULL);
    for (int c = 0; c < N; c++) {
        char h[64];
        snprintf(h, sizeof h, "%s [kWh]", names[c]);
        b->x->worksheet_write_string(ws, 0, (lxw_col_t)(c + 1), h, b->bold);
    }
    b->x->worksheet_freeze_panes(ws, 1, 1);
    const double *v[N];
    for (int c = 0; c < N; c++) v[c] = series(b, names[c]);
    dc_time t;
    const long excel_epoch = dc_days_from_civil(1899, 12, 30); /* Excel's day 0 (1900 system, after 1900-03-01) */
    for (size_t i = 0; dc_model_time(b->m, i, &t) == 0; i++) {
        double serial = (double)(dc_days_from_civil(t.year, t.month, t.day) - excel_epoch) + (t.hour * 60 + t.minute) / 1440.0;
        b->x->worksheet_write_number(ws, (lxw_row_t)(i + 1), 0, serial, b->date); /* the date as Excel stores it */
        for (int c = 0; c < N; c++)
            if (v[c]) number(b, ws, (lxw_row_t)(i + 1), (lxw_col_t)(c + 1), v[c][i], NULL);
    }
}

static void formats(book *b)
{
    b->bold = b->x->workbook_add_format(b->wb);
    b->x->format_set_bold(b->bold);
    b->num = b->x->workbook_add_format(b->wb);
    b->x->format_set_num_format(b->num, "#,##0.000");
    b->int0 = b->x->workbook_add_format(b->wb);
    b->x->format_set_num_format(b->int0, "0");
    b->yen = b->x->workbook_add_format(b->wb);
    b->x->format_set_num_format(b->yen, "#,##0");
    b->date = b->x->workbook_add_format(b->wb);
    b->x->format_set_num_format(b->date, "yyyy-mm-dd hh:mm");
}

int dc_write_xlsx(const dc_model *m, const dc_ghg *g, const char *path)
{
    book b = {0};
    b.m = m;
    b.g = g;
    b.en = dc_model_scenario(m)->language == DC_LANG_EN;
    b.x = dc_xlsx_lib_open();
    if (!b.x) return -1;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL}; /* rows streamed: written in order */
    b.wb = b.x->workbook_new_opt(path, &opt);
    if (!b.wb) return -1;
    formats(&b);
    dc_netzero z;
    int has_z = dc_model_netzero(m, &z) == DC_OK;
    /* Sheet names first: the charts of earlier sheets point at later ones. */
    snprintf(b.hourly, sizeof b.hourly, "%s", L(&b, "時間別", "hourly"));
    summary_sheet(&b, &z, has_z);
    if (has_z) netzero_sheet(&b, &z);
    renewables_sheet(&b);
    co2_sheet(&b);
    if (has_z) costs_sheet(&b), ppa_sheet(&b);
    monthly_sheet(&b);
    weeks_sheet(&b);
    int rc = duration_sheet(&b);
    hourly_sheet(&b);
    return b.x->workbook_close(b.wb) == LXW_NO_ERROR && rc == 0 ? 0 : -1;
}

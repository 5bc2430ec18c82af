/* hourly.csv, summary.csv and resources.csv: every column comes from the
 * result registry, so a new technology's series appear without code here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "writers.h"

static void two(char *p, int v) { p[0] = (char)('0' + v / 10 % 10), p[1] = (char)('0' + v % 10); }

/* "YYYY-MM-DDTHH:MM+09:00" by hand: 8,760 snprintf calls were a sixth of
 * writing hourly.csv. Years 0-9999 (the scenario's range). */
void dc_format_time(const dc_model *m, size_t i, char *buf, size_t len)
{
    dc_time t;
    if (len < 23 || dc_model_time(m, i, &t) || t.year < 0 || t.year > 9999) {
        snprintf(buf, len, "?");
        return;
    }
    memcpy(buf, "0000-00-00T00:00+09:00", 23);
    two(buf, t.year / 100), two(buf + 2, t.year % 100);
    two(buf + 5, t.month), two(buf + 8, t.day), two(buf + 11, t.hour), two(buf + 14, t.minute);
}

int dc_axis_months(const dc_model *m, int months[12], int years[12])
{
    int n = 0;
    dc_time t;
    for (size_t i = 0; dc_model_time(m, i, &t) == 0 && n <= 12; i++)
        if (n == 0 || months[n - 1] != t.month) {
            if (n == 12) break;
            months[n] = t.month;
            years[n++] = t.year;
        }
    return n;
}

/* The file is written by rows, the series are stored by columns: a block
 * of rows is copied row-wise first, each series read straight through, so
 * that a row's values do not each cost a cache miss. */
enum { ROWS_AT_ONCE = 256 };

static void copy_rows(double *block, const double **cols, size_t ns, size_t from, size_t rows)
{
    for (size_t k = 0; k < ns; k++)
        for (size_t r = 0; r < rows; r++) block[r * ns + k] = cols[k][from + r];
}

/* Every series but the detail ones (those are in results.h5). */
int dc_write_hourly_csv(const dc_model *m, FILE *fp)
{
    size_t ns = 0, steps = dc_model_steps(m);
    const double **cols = malloc((dc_model_series_count(m) + 1) * sizeof *cols);
    if (!cols) return -1;
    dc_series_info info;
    int ja = dc_csv_ja(m);
    if (ja) fprintf(fp, DC_UTF8_BOM "日時_JST [%g分コマの開始],日時 [JST]", dc_model_step_hours(m) * 60);
    else fprintf(fp, DC_UTF8_BOM "time_jst [start of %g-min step],excel_time [JST]", dc_model_step_hours(m) * 60);
    for (size_t k = 0; dc_model_series_get(m, k, &info) == 0; k++) {
        if (info.detail) continue;
        if (!ja) fprintf(fp, ",%s [%s]", info.name, info.unit);
        else if (!*info.owner) fprintf(fp, ",%s [%s]", dc_label_ja(info.quantity), info.unit);
        else fprintf(fp, ",%s:%s:%s [%s]", info.kind, info.owner, dc_label_ja(info.quantity), info.unit);
        cols[ns++] = dc_model_series_at(m, k);
    }
    fputc('\n', fp);
    char line[65536];
    double *block = malloc((ns ? ns : 1) * ROWS_AT_ONCE * sizeof *block);
    if (!block) return free(cols), -1;
    for (size_t i = 0; i < steps; i++) {
        size_t r = i % ROWS_AT_ONCE;
        if (r == 0) copy_rows(block, cols, ns, i, steps - i < ROWS_AT_ONCE ? steps - i : ROWS_AT_ONCE);
        dc_format_time(m, i, line, sizeof line);
        /* The same instant as Excel and LibreOffice read a date: "2030-04-01 00:00". */
        size_t used = strlen(line);
        line[used++] = ',';
        memcpy(line + used, line, 16);
        line[used + 10] = ' ';
        used += 16;
        for (size_t k = 0; k < ns; k++) {
            if (used + DC_FMT_MAX + 2 >= sizeof line) {
                fwrite(line, 1, used, fp);
                used = 0;
            }
            line[used++] = ',';
            used += dc_fmt_fixed6(line + used, block[r * ns + k]);
        }
        line[used++] = '\n';
        fwrite(line, 1, used, fp);
    }
    free(block);
    free(cols);
    return ferror(fp) ? -1 : 0;
}

static const char SUMMARY_HEADER[] =
    "level,name,period,demand [kWh],pv [kWh],generation [kWh],storage_charge [kWh],storage_discharge [kWh],"
    "storage_drawdown [kWh],grid_import [kWh],grid_export [kWh],pv_export [kWh],wire_in [kWh],wire_out [kWh],"
    "offsite_ppa_in [kWh],offsite_ppa_sold [kWh],ppa_billable [kWh],curtailed [kWh],unserved [kWh],"
    "peak_import [kW],self_sufficiency [%],self_consumption [%],import_co2 [t-CO2],max_balance_residual [kWh]\n";

static const char SUMMARY_HEADER_JA[] =
    "区分,名前,期間,需要 [kWh],太陽光 [kWh],発電 [kWh],蓄電池充電 [kWh],蓄電池放電 [kWh],蓄電量の減少 [kWh],"
    "系統購入 [kWh],系統送電 [kWh],うち太陽光の送電 [kWh],自営線受電 [kWh],自営線送電 [kWh],オフサイトPPA受電 [kWh],"
    "オフサイトPPA販売 [kWh],オンサイトPPA請求量 [kWh],出力抑制 [kWh],供給不足 [kWh],最大購入電力 [kW],"
    "自給率 [%],自家消費率 [%],購入電力のCO2 [t-CO2],最大収支残差 [kWh]\n";

int dc_csv_ja(const dc_model *m) { return dc_model_scenario(m)->language == DC_LANG_JA; }

/* ",v" with `decimals` digits, as printf's %.*f writes it. */
static void put_number(FILE *fp, double v, int decimals)
{
    char buf[DC_FMT_MAX + 1];
    buf[0] = ',';
    fwrite(buf, 1, 1 + dc_fmt_fixed(buf + 1, v, decimals), fp);
}

static void summary_row(FILE *fp, const char *level, const char *name, const char *period, const dc_totals *t)
{
    const double kwh[] = {t->demand_kwh, t->pv_kwh, t->generation_kwh, t->storage_charge_kwh, t->storage_discharge_kwh,
                          t->storage_drawdown_kwh, t->import_kwh, t->export_kwh, t->pv_export_kwh, t->wire_in_kwh,
                          t->wire_out_kwh, t->offsite_ppa_in_kwh, t->offsite_ppa_sold_kwh, t->ppa_billable_kwh,
                          t->curtailed_kwh, t->unserved_kwh, t->peak_import_kw};
    fprintf(fp, "%s,%s,%s", level, name, period);
    for (size_t k = 0; k < sizeof kwh / sizeof kwh[0]; k++) put_number(fp, kwh[k], 3);
    put_number(fp, 100 * t->self_sufficiency, 2);
    put_number(fp, 100 * t->self_consumption, 2);
    put_number(fp, t->import_co2_t, 4);
    fprintf(fp, ",%.3g\n", t->max_residual_kwh);
}

/* Totals of the town (site < 0) or a site for a month (0 = the year). */
static int totals(const dc_model *m, long site, int month, dc_totals *t)
{
    return site < 0 ? dc_model_totals(m, month, t) : dc_model_site_totals(m, (size_t)site, month, t);
}

static int year_label(const dc_model *m, char *buf, size_t len)
{
    const dc_scenario *s = dc_model_scenario(m);
    return snprintf(buf, len, "%s%d", s->fiscal ? "FY" : "CY", s->year);
}

int dc_write_summary_csv(const dc_model *m, FILE *fp)
{
    fputs(DC_UTF8_BOM, fp);
    fputs(dc_csv_ja(m) ? SUMMARY_HEADER_JA : SUMMARY_HEADER, fp);
    int months[12], years[12], nm = dc_axis_months(m, months, years);
    char period[32];
    dc_totals t;
    for (long site = -1; site < (long)dc_model_site_count(m); site++) {
        const char *level = site < 0 ? "town" : "site", *name = site < 0 ? "" : dc_model_site_name(m, (size_t)site);
        year_label(m, period, sizeof period);
        if (totals(m, site, 0, &t)) return -1;
        summary_row(fp, level, name, period, &t);
        for (int k = 0; k < nm; k++) {
            if (totals(m, site, months[k], &t)) return -1;
            snprintf(period, sizeof period, "%04d-%02d", years[k], months[k]);
            summary_row(fp, level, name, period, &t);
        }
    }
    return ferror(fp) ? -1 : 0;
}

static const char *agg_name(int agg)
{
    static const char *const names[] = {[DC_AGG_SUM] = "sum", [DC_AGG_MEAN] = "mean", [DC_AGG_LAST] = "end",
                                        [DC_AGG_MAXABS] = "max_abs"};
    return names[agg];
}

/* Every resource series: its year and each month, aggregated as it says. */
int dc_write_resources_csv(const dc_model *m, FILE *fp)
{
    int months[12], years[12], nm = dc_axis_months(m, months, years);
    char label[32];
    year_label(m, label, sizeof label);
    int ja = dc_csv_ja(m);
    fprintf(fp, DC_UTF8_BOM "%s,%s", ja ? "種類,名前,サイト,量,単位,集計" : "kind,name,site,quantity,unit,aggregate", label);
    for (int k = 0; k < nm; k++) fprintf(fp, ",%04d-%02d", years[k], months[k]);
    fputc('\n', fp);
    dc_series_info s;
    for (size_t k = 0; dc_model_series_get(m, k, &s) == 0; k++) {
        if (s.level != DC_LEVEL_RESOURCE) continue;
        double t[13];
        dc_model_series_totals(m, k, t);
        fprintf(fp, "%s,%s,%s,%s,%s,%s", s.kind, s.owner, s.site, ja ? dc_label_ja(s.quantity) : s.quantity, s.unit,
                agg_name(s.agg));
        put_number(fp, t[0], 3);
        for (int j = 0; j < nm; j++) put_number(fp, t[months[j]], 3);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

void dc_csv_quoted(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"') fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

#include <stdio.h>

#include "writers.h"

void dc_format_time(const dc_model *m, int i, char *buf, size_t len)
{
    const dc_stamp *t = &m->ta.t[i];
    snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d+09:00", t->year, t->month, t->day, t->hour, t->minute);
}

int dc_axis_months(const dc_model *m, int months[12])
{
    int n = 0;
    for (int i = 0; i < m->ta.n && n < 12; i++)
        if (n == 0 || months[n - 1] != m->ta.t[i].month) months[n++] = m->ta.t[i].month;
    return n;
}

int dc_write_hourly_csv(const dc_model *m, FILE *fp)
{
    fprintf(fp, "time_jst");
    for (int k = 0; k < SER_COUNT; k++) fprintf(fp, ",%s [%s]", dc_series_table[k].name, dc_series_table[k].unit);
    for (int a = 0; a < m->n_pv; a++) fprintf(fp, ",pv:%s [kWh]", m->pv_names[a]);
    for (int l = 0; l < m->n_loads; l++) fprintf(fp, ",load:%s [kWh]", m->load_names[l]);
    fputc('\n', fp);
    char when[40];
    for (int i = 0; i < m->ta.n; i++) {
        dc_format_time(m, i, when, sizeof when);
        fputs(when, fp);
        for (int k = 0; k < SER_COUNT; k++) fprintf(fp, ",%.6f", m->series[k][i]);
        for (int a = 0; a < m->n_pv; a++) fprintf(fp, ",%.6f", m->pv_kwh[a][i]);
        for (int l = 0; l < m->n_loads; l++) fprintf(fp, ",%.6f", m->load_kwh[l][i]);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

static void summary_row(FILE *fp, const char *period, const dc_totals *t)
{
    fprintf(fp, "%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.2f,%.2f,%.4f,%.3g\n", period,
            t->demand_kwh, t->pv_kwh, t->battery_charge_kwh, t->battery_discharge_kwh, t->import_kwh,
            t->export_kwh, t->curtailed_kwh, t->unserved_kwh, t->peak_import_kw,
            100 * t->self_sufficiency, 100 * t->self_consumption, t->import_co2_t, t->max_residual_kwh);
}

int dc_write_summary_csv(const dc_model *m, FILE *fp)
{
    fprintf(fp, "period,demand [kWh],pv [kWh],battery_charge [kWh],battery_discharge [kWh],"
                "grid_import [kWh],grid_export [kWh],curtailed [kWh],unserved [kWh],"
                "peak_import [kW],self_sufficiency [%%],self_consumption [%%],import_co2 [t-CO2],"
                "max_balance_residual [kWh]\n");
    dc_totals t;
    char period[32];
    if (dc_model_totals(m, 0, &t)) return -1;
    snprintf(period, sizeof period, "%s%d", m->ta.fiscal ? "FY" : "CY", m->ta.year);
    summary_row(fp, period, &t);
    int months[12], n = dc_axis_months(m, months);
    for (int k = 0; k < n; k++) {
        int year = m->ta.fiscal && months[k] < 4 ? m->ta.year + 1 : m->ta.year;
        if (dc_model_totals(m, months[k], &t)) return -1;
        snprintf(period, sizeof period, "%04d-%02d", year, months[k]);
        summary_row(fp, period, &t);
    }
    return ferror(fp) ? -1 : 0;
}

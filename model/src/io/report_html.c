/* report.html: one self-contained page a planner hands to the council —
 * the verdict in plain words, the net-zero table, the monthly balance and
 * a summer week as inline SVG, costs and CO2. No script, no fonts or
 * images fetched: it reads the same offline and printed. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "writers.h"

typedef struct {
    FILE *fp;
    const dc_model *m;
    int en;
} page;

static const char *L(const page *p, const char *ja, const char *en) { return p->en ? en : ja; }

/* Text with & < > " escaped. */
static void text(const page *p, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", p->fp); break;
        case '<': fputs("&lt;", p->fp); break;
        case '>': fputs("&gt;", p->fp); break;
        case '"': fputs("&quot;", p->fp); break;
        default: fputc(*s, p->fp);
        }
    }
}

/* A number with thousands separators and `digits` decimals. */
static void num(const page *p, double v, int digits)
{
    if (!isfinite(v)) {
        fputs(isinf(v) ? L(p, "回収せず", "never") : "-", p->fp);
        return;
    }
    char buf[64], out[96];
    snprintf(buf, sizeof buf, "%.*f", digits, fabs(v));
    const char *dot = strchr(buf, '.');
    int int_len = dot ? (int)(dot - buf) : (int)strlen(buf), k = 0;
    if (v < 0 && strspn(buf, "0.") != strlen(buf)) out[k++] = '-';
    for (int i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0) out[k++] = ',';
        out[k++] = buf[i];
    }
    snprintf(out + k, sizeof out - (size_t)k, "%s", dot ? dot : "");
    fputs(out, p->fp);
}

static void head(const page *p, const char *title)
{
    fprintf(p->fp, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n<title>", p->en ? "en" : "ja");
    text(p, title);
    fputs("</title>\n<style>\nbody{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6;color:#222}"
          "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.2em .6em}"
          "td.n{text-align:right}.ok{background:#e3f4e3;border:2px solid #2a7a2a;padding:1em}"
          ".short{background:#fbe9e7;border:2px solid #b3261e;padding:1em}svg{display:block;margin:1em 0}"
          "@media print{body{margin:0}}\n</style></head><body>\n", p->fp);
}

static void verdict(const page *p, const dc_netzero *z)
{
    fprintf(p->fp, "<div class=\"%s\"><p><strong>", z->net_zero ? "ok" : "short");
    if (z->net_zero) {
        fputs(L(p, "判定：実質ゼロを達成します。", "Verdict: net zero is reached."), p->fp);
    } else {
        fputs(L(p, "判定：実質ゼロに届きません。不足 ", "Verdict: net zero is not reached. Short by "), p->fp);
        num(p, z->gap_mwh, 1);
        fputs(" MWh (", p->fp);
        num(p, z->gap_t_co2, 1);
        fputs(" t-CO2)", p->fp);
    }
    fputs("</strong></p><p>", p->fp);
    fputs(L(p, "対象地域の家庭と業務（公共施設を含む）の電力需要 A は ", "The area's household and commercial (public "
            "buildings included) electricity demand A is "), p->fp);
    num(p, z->a_mwh, 1);
    fputs(L(p, " MWh。省エネ C ", " MWh. Savings C of "), p->fp);
    num(p, z->c_mwh, 1);
    fputs(L(p, " MWh と再エネ等の供給 B ", " MWh and renewable supply B of "), p->fp);
    num(p, z->b_mwh, 1);
    fputs(L(p, " MWh の合計で A をまかなえれば実質ゼロです。",
            " MWh must together cover A for net zero."), p->fp);
    fputs("</p></div>\n", p->fp);
}

static void row(const page *p, const char *label, double v, const char *unit)
{
    fputs("<tr><td>", p->fp);
    text(p, label);
    fputs("</td><td class=\"n\">", p->fp);
    num(p, v, 1);
    fprintf(p->fp, "</td><td>%s</td></tr>\n", unit);
}

static void table(const page *p, const dc_netzero *z)
{
    fprintf(p->fp, "<h2>%s</h2>\n<table>\n", L(p, "実質ゼロの内訳", "The net-zero table"));
    row(p, L(p, "A 民生部門の電力需要（省エネ前）", "A demand before savings"), z->a_mwh, "MWh");
    row(p, L(p, "C 省エネ", "C savings"), z->c_mwh, "MWh");
    row(p, L(p, "B オンサイト自家消費", "B on-site self-consumption"), z->b_onsite_mwh, "MWh");
    row(p, L(p, "B 自営線", "B private wire"), z->b_wire_mwh, "MWh");
    row(p, L(p, "B オフサイトPPA・自己託送", "B off-site PPA through the grid"), z->b_offsite_ppa_mwh, "MWh");
    row(p, L(p, "B 再エネメニュー（非化石証書）", "B renewable menu with certificates"), z->b_retail_mwh, "MWh");
    row(p, L(p, "B 証書・クレジット", "B certificates and credits"), z->b_certificates_mwh, "MWh");
    row(p, L(p, "B 再エネ等の供給（計）", "B renewable supply"), z->b_mwh, "MWh");
    row(p, "B + C - A", z->b_mwh + z->c_mwh - z->a_mwh, "MWh");
    row(p, L(p, "時間一致率（時間ごとに地域の供給でまかなえた割合）", "hour-coincident share met locally"),
        100 * z->coincident_share, "%");
    fputs("</table>\n", p->fp);
}

/* Monthly bars of supply by source, demand as a line, in an SVG. */
static void monthly_svg(const page *p)
{
    int months[12], years[12], n = dc_axis_months(p->m, months, years);
    double v[12][4], dem[12], top = 1;
    for (int k = 0; k < n; k++) {
        dc_totals t;
        dc_model_totals(p->m, months[k], &t);
        v[k][0] = (t.pv_kwh - t.curtailed_kwh - t.pv_export_kwh + t.generation_kwh + t.storage_discharge_kwh) / 1000;
        v[k][1] = t.offsite_ppa_in_kwh / 1000;
        v[k][2] = (t.import_kwh - t.offsite_ppa_in_kwh) / 1000;
        v[k][3] = 0;
        dem[k] = t.demand_kwh / 1000;
        top = fmax(top, fmax(dem[k], v[k][0] + v[k][1] + v[k][2]));
    }
    const char *color[3] = {"#f2a900", "#3b8e3b", "#9aa0a6"};
    const char *name[3] = {L(p, "地域の再エネ・蓄電", "local renewables and storage"),
                           L(p, "オフサイトPPA", "off-site PPA"), L(p, "系統購入", "grid purchase")};
    const double W = 720, H = 260, x0 = 50, bw = (W - x0) / 12;
    fprintf(p->fp, "<h2>%s</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" role=\"img\">\n",
            L(p, "町全体：月ごとの電力の出どころ [MWh]", "The whole town: where each month's electricity came from [MWh]"), W, H + 60);
    for (int k = 0; k < n; k++) {
        double y = H;
        for (int s = 0; s < 3; s++) {
            double h = v[k][s] / top * (H - 10);
            fprintf(p->fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                    x0 + k * bw + 4, y - h, bw - 8, h, color[s]);
            y -= h;
        }
        fprintf(p->fp, "<text x=\"%.1f\" y=\"%g\" font-size=\"11\" text-anchor=\"middle\">%d</text>\n",
                x0 + (k + 0.5) * bw, H + 14, months[k]);
    }
    fputs("<polyline fill=\"none\" stroke=\"#b3261e\" stroke-width=\"2\" points=\"", p->fp);
    for (int k = 0; k < n; k++) fprintf(p->fp, "%.1f,%.1f ", x0 + (k + 0.5) * bw, H - dem[k] / top * (H - 10));
    fputs("\"/>\n", p->fp);
    fprintf(p->fp, "<text x=\"0\" y=\"12\" font-size=\"11\">%.0f</text><text x=\"0\" y=\"%g\" font-size=\"11\">0</text>\n",
            top, H);
    for (int s = 0; s <= 3; s++) {
        double x = x0 + s * 170;
        fprintf(p->fp, "<rect x=\"%g\" y=\"%g\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, H + 30,
                s < 3 ? color[s] : "#b3261e");
        fprintf(p->fp, "<text x=\"%g\" y=\"%g\" font-size=\"12\">", x + 16, H + 41);
        text(p, s < 3 ? name[s] : L(p, "需要", "demand"));
        fputs("</text>\n", p->fp);
    }
    fputs("</svg>\n", p->fp);
}

/* Demand, PV and grid import over the week from 1 August. */
static void week_svg(const page *p)
{
    size_t first = 0, per_day = (size_t)lround(24 / dc_model_step_hours(p->m)), n = 7 * per_day;
    dc_time t;
    while (dc_model_time(p->m, first, &t) == 0 && !(t.month == 8 && t.day == 1)) first++;
    if (first + n > dc_model_steps(p->m)) return;
    const char *names[3] = {"demand", "pv", "grid_import"}, *color[3] = {"#b3261e", "#f2a900", "#5f6368"};
    const double *s[3];
    double top = 1;
    for (int k = 0; k < 3; k++) {
        s[k] = dc_model_series(p->m, names[k]);
        for (size_t i = 0; s[k] && i < n; i++) top = fmax(top, s[k][first + i]);
    }
    const double W = 720, H = 220, x0 = 50;
    fprintf(p->fp, "<h2>%s</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" role=\"img\">\n",
            L(p, "町全体：夏の1週間（8月1日から）[kWh/コマ]", "The whole town: a summer week from 1 August [kWh per step]"), W, H + 50);
    for (int k = 0; k < 3; k++) {
        if (!s[k]) continue;
        fprintf(p->fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", color[k]);
        for (size_t i = 0; i < n; i++)
            fprintf(p->fp, "%.1f,%.1f ", x0 + (W - x0) * (double)i / (double)n, H - s[k][first + i] / top * (H - 10));
        fputs("\"/>\n", p->fp);
        fprintf(p->fp, "<rect x=\"%g\" y=\"%g\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%g\" y=\"%g\" "
                "font-size=\"12\">%s</text>\n", x0 + k * 170, H + 30, color[k], x0 + k * 170 + 16, H + 35,
                k == 0 ? L(p, "需要", "demand") : k == 1 ? L(p, "太陽光", "PV") : L(p, "系統購入", "grid import"));
    }
    for (int d = 0; d <= 7; d++)
        fprintf(p->fp, "<text x=\"%.1f\" y=\"%g\" font-size=\"11\">8/%d</text>\n", x0 + (W - x0) * d / 7.0 - 8, H + 14,
                d + 1);
    fprintf(p->fp, "<text x=\"0\" y=\"12\" font-size=\"11\">%.0f</text></svg>\n", top);
}

static void cost_row(const page *p, const dc_econ_row *e, const char *name)
{
    fputs("<tr><td>", p->fp);
    text(p, name);
    const double v[] = {e->capex / 1e6, e->subsidy / 1e6, e->annual_cost / 1e6, e->lcoe_yen_per_kwh, e->npv / 1e6,
                        e->ppa ? e->ppa_price_yen_per_kwh : NAN};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        fputs("</td><td class=\"n\">", p->fp);
        num(p, v[k], k == 3 || k == 5 ? 2 : 1);
    }
    fputs("</td></tr>\n", p->fp);
}

static void costs(const page *p)
{
    dc_econ_row e;
    if (dc_model_econ_get(p->m, 0, &e)) return;
    fprintf(p->fp, "<h2>%s</h2>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>LCOE [%s]</th>"
            "<th>NPV [%s]</th><th>%s</th></tr>\n", L(p, "費用", "Costs"), L(p, "設備", "item"),
            L(p, "設備費 [百万円]", "capex [million yen]"), L(p, "補助金 [百万円]", "subsidy [million yen]"),
            L(p, "年経費 [百万円/年]", "yearly cost [million yen]"), L(p, "円/kWh", "yen/kWh"),
            L(p, "百万円", "million yen"), L(p, "PPA単価 [円/kWh]", "PPA price [yen/kWh]"));
    for (size_t i = 0; dc_model_econ_get(p->m, i, &e) == 0; i++) cost_row(p, &e, e.name);
    if (dc_model_econ_total(p->m, &e) == 0) cost_row(p, &e, L(p, "地域の合計", "area total"));
    fputs("</table>\n", p->fp);
}

static void co2(const page *p, const dc_netzero *z)
{
    dc_totals t;
    dc_model_totals(p->m, 0, &t);
    fprintf(p->fp, "<h2>CO2</h2>\n<p>%s", L(p, "町全体の購入電力によるCO2は年 ", "The town's purchased electricity "
            "emits "));
    num(p, t.import_co2_t, 1);
    fprintf(p->fp, " t-CO2%s", L(p, "（排出係数 ", " a year (factor "));
    num(p, z->factor_kg_per_kwh, 3);
    fprintf(p->fp, " kg-CO2/kWh, %s）。</p>\n", *z->factor_kind == 'b' ? L(p, "基礎排出係数", "basic")
                                                                       : L(p, "調整後排出係数", "adjusted"));
}

int dc_write_report_html(const dc_model *m, FILE *fp)
{
    page p = {fp, m, dc_model_scenario(m)->language == DC_LANG_EN};
    dc_netzero z;
    if (dc_model_netzero(m, &z) != DC_OK) return -1;
    char title[512];
    snprintf(title, sizeof title, "%s %s %s%d", dc_scenario_name(dc_model_scenario(m)),
             L(&p, "脱炭素先行地域 計算結果", "Decarbonization Leading Area results"),
             dc_model_scenario(m)->fiscal ? "FY" : "", z.year);
    head(&p, title);
    fputs("<h1>", fp);
    text(&p, title);
    fputs("</h1>\n<p>", fp);
    fputs(L(&p, "対象地域：", "Target area: "), fp);
    text(&p, z.area);
    fputs("</p>\n", fp);
    verdict(&p, &z);
    table(&p, &z);
    monthly_svg(&p);
    week_svg(&p);
    costs(&p);
    co2(&p, &z);
    fprintf(fp, "<p><small>%s decarb %s</small></p>\n</body></html>\n",
            L(&p, "作成：", "Made with"), dc_version());
    return ferror(fp) ? -1 : 0;
}

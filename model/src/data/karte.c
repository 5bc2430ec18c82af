/* The sector table of the Ministry's 自治体排出量カルテ, as a town copies it
 * from the カルテ's Excel sheet: one row per 部門・分野, one column per fiscal
 * year, values in the unit the first header cell names (千t-CO2 as
 * published, or t-CO2). Aggregate rows (合計, 産業部門, 運輸部門, 自動車) are
 * checked against their parts within the rounding of the printed digits. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fmt.h"
#include "ghgdata.h"
#include "table.h"

/* Row labels as the カルテ prints them (and the sector keys themselves). */
static const struct {
    const char *label, *key;
} LABELS[] = {
    {"合計", "total"}, {"排出量", "total"}, {"総排出量", "total"}, {"total", "total"},
    {"産業部門", "industry"}, {"製造業", "manufacturing"}, {"建設業・鉱業", "construction_mining"},
    {"農林水産業", "agriculture"}, {"業務その他部門", "commercial"}, {"家庭部門", "household"},
    {"運輸部門", "transport"}, {"自動車", "road"}, {"旅客", "road_passenger"},
    {"自動車（旅客）", "road_passenger"}, {"自動車(旅客)", "road_passenger"}, {"貨物", "road_freight"},
    {"自動車（貨物）", "road_freight"}, {"自動車(貨物)", "road_freight"}, {"鉄道", "rail"}, {"船舶", "shipping"},
    {"廃棄物分野（一般廃棄物）", "waste"}, {"廃棄物分野(一般廃棄物)", "waste"}, {"一般廃棄物", "waste"},
    {"manufacturing", "manufacturing"}, {"construction_mining", "construction_mining"},
    {"agriculture", "agriculture"}, {"commercial", "commercial"}, {"household", "household"},
    {"road_passenger", "road_passenger"}, {"road_freight", "road_freight"}, {"rail", "rail"},
    {"shipping", "shipping"}, {"waste", "waste"},
};

/* The ten sectors, then the aggregates with their parts. */
static const char *const SECTORS[] = {"manufacturing", "construction_mining", "agriculture", "commercial",
                                      "household", "road_passenger", "road_freight", "rail", "shipping", "waste"};
enum { N_SECTORS = 10 };
static const struct {
    const char *key;
    unsigned parts; /* bits over SECTORS */
} AGGREGATES[] = {
    {"industry", 0x7}, {"road", 0x60}, {"transport", 0x1E0}, {"total", 0x3FF},
};

static const char *label_key(const char *label)
{
    for (size_t k = 0; k < sizeof LABELS / sizeof LABELS[0]; k++)
        if (!strcmp(LABELS[k].label, label)) return LABELS[k].key;
    return NULL;
}

/* "2013", "FY2013", "2013年度", "平成25年度", "令和3年度", "令和元年度". */
static int header_year(const char *s)
{
    int era = 0;
    if (!strncmp(s, "FY", 2)) s += 2;
    else if (!strncmp(s, "平成", 6)) era = 1988, s += 6;
    else if (!strncmp(s, "令和", 6)) era = 2018, s += 6;
    char *end;
    long y = !strncmp(s, "元", 3) ? (end = (char *)s + 3, 1) : strtol(s, &end, 10);
    if (end == s || (*end && strcmp(end, "年度") && strcmp(end, "年"))) return 0;
    y += era;
    return y >= 1990 && y <= 2100 ? (int)y : 0;
}

/* Scale to t-CO2 from the first header cell. */
static double unit_scale(const char *s)
{
    if (strstr(s, "千t-CO2") || strstr(s, "kt-CO2")) return 1000.0;
    if (strstr(s, "t-CO2")) return 1.0;
    return 0.0;
}

/* A published number: digits with an optional point and thousands commas. */
static double published(const char *s, int *decimals)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < sizeof buf; p++)
        if (*p != ',') buf[n++] = *p;
    buf[n] = '\0';
    const char *dot = strchr(buf, '.');
    *decimals = dot ? (int)strlen(dot + 1) : 0;
    char *end;
    errno = 0;
    double v = dc_parse_decimal(buf, &end);
    if (!*buf || end == buf || *end || errno || !isfinite(v) || v < 0 || !isdigit((unsigned char)buf[0])) return NAN;
    return v;
}

typedef struct {
    const dc_csv *t;
    dc_ghg_data *g;
    dc_diag *diag;
    int errors, decimals;
    double scale;
    int *years;
    int *row_of; /* per key: row index in the table, -1 none */
} karte;

static void bad(karte *k, int line, int col, const char *field, const char *fmt, const char *what)
{
    k->errors++;
    dc_diag_add(k->diag, k->t->path, line, col, field, fmt, what);
}

static int read_header(karte *k)
{
    const dc_csv *t = k->t;
    k->scale = unit_scale(t->header[0]);
    if (k->scale == 0)
        bad(k, t->header_line, 1, NULL, "name the unit in the first header cell, e.g. '部門・分野 [千t-CO2]' "
            "(the カルテ prints 千t-CO2)%s", "");
    for (int c = 1; c < t->ncols; c++) {
        k->years[c] = header_year(t->header[c]);
        if (!k->years[c]) bad(k, t->header_line, c + 1, NULL, "'%s' is not a fiscal year (2013, FY2013, 平成25年度)",
                              t->header[c]);
        for (int j = 1; j < c; j++)
            if (k->years[c] && k->years[c] == k->years[j])
                bad(k, t->header_line, c + 1, NULL, "year %s given twice", t->header[c]);
    }
    if (t->ncols < 2) bad(k, t->header_line, 2, NULL, "no year columns%s", "");
    return k->errors;
}

static int key_index(const char *key)
{
    for (int s = 0; s < N_SECTORS; s++)
        if (!strcmp(SECTORS[s], key)) return s;
    for (size_t a = 0; a < sizeof AGGREGATES / sizeof AGGREGATES[0]; a++)
        if (!strcmp(AGGREGATES[a].key, key)) return N_SECTORS + (int)a;
    return -1;
}

static void read_rows(karte *k)
{
    const dc_csv *t = k->t;
    for (int r = 0; r < t->nrows; r++) {
        const char *key = label_key(t->rows[r].cell[0]);
        int i = key ? key_index(key) : -1;
        if (i < 0) {
            bad(k, t->rows[r].line, 1, NULL, "'%s' is not a row of the カルテ's sector table (製造業, 家庭部門, ...)",
                t->rows[r].cell[0]);
            continue;
        }
        if (k->row_of[i] >= 0) {
            bad(k, t->rows[r].line, 1, NULL, "'%s' given twice", t->rows[r].cell[0]);
            continue;
        }
        k->row_of[i] = r;
        for (int c = 1; c < t->ncols; c++) {
            int d;
            if (isnan(published(t->rows[r].cell[c], &d)))
                bad(k, t->rows[r].line, c + 1, NULL, "'%s' is not a number (write 0 where the カルテ shows none)",
                    t->rows[r].cell[c]);
            else if (d > k->decimals) k->decimals = d;
        }
    }
    for (int s = 0; s < N_SECTORS; s++)
        if (k->row_of[s] < 0)
            bad(k, t->header_line, 1, NULL, "no row for %s: the table needs every sector", SECTORS[s]);
}

static double value(const karte *k, int i, int c)
{
    int d;
    return published(k->t->rows[k->row_of[i]].cell[c], &d) * k->scale;
}

/* An aggregate differs from its parts by more than their printed rounding. */
static void check_sums(karte *k)
{
    double unit = pow(10.0, -k->decimals) * k->scale;
    for (size_t a = 0; a < sizeof AGGREGATES / sizeof AGGREGATES[0]; a++) {
        int i = N_SECTORS + (int)a, n = 0;
        if (k->row_of[i] < 0) continue;
        for (int c = 1; c < k->t->ncols; c++) {
            double sum = 0;
            n = 0;
            for (int s = 0; s < N_SECTORS; s++)
                if (AGGREGATES[a].parts >> s & 1) sum += value(k, s, c), n++;
            double whole = value(k, i, c);
            if (fabs(whole - sum) > unit * 0.5 * (n + 1) + 1e-9 * whole) {
                char msg[200];
                snprintf(msg, sizeof msg, "%s in %s is %.10g, but its parts add up to %.10g (more than rounding)",
                         k->t->rows[k->row_of[i]].cell[0], k->t->header[c], whole / k->scale, sum / k->scale);
                bad(k, k->t->rows[k->row_of[i]].line, c + 1, NULL, "%s", msg);
            }
        }
    }
}

static int store(karte *k)
{
    int n = (N_SECTORS + 1) * (k->t->ncols - 1);
    k->g->karte = calloc((size_t)n + 1, sizeof *k->g->karte);
    if (!k->g->karte) return -1;
    for (int i = 0; i <= N_SECTORS; i++) {
        int row = i < N_SECTORS ? k->row_of[i] : k->row_of[key_index("total")];
        if (row < 0) continue; /* the 合計 row is optional */
        for (int c = 1; c < k->t->ncols; c++) {
            dc_ghg_karte *x = &k->g->karte[k->g->n_karte++];
            snprintf(x->sector, sizeof x->sector, "%s", i < N_SECTORS ? SECTORS[i] : "total");
            x->year = k->years[c];
            int d;
            x->co2_t = published(k->t->rows[row].cell[c], &d) * k->scale;
            x->line = k->t->rows[row].line;
            x->col = c + 1;
        }
    }
    k->g->karte_unit_t = pow(10.0, -k->decimals) * k->scale;
    return 0;
}

int dc_ghg_read_karte(const char *path, dc_ghg_data *g, dc_diag *diag)
{
    dc_csv t;
    if (dc_csv_read(path, &t, diag)) return 1;
    int years[256], row_of[N_SECTORS + 4];
    for (int i = 0; i < N_SECTORS + 4; i++) row_of[i] = -1;
    karte k = {&t, g, diag, 0, 0, 0.0, years, row_of};
    if (!read_header(&k)) read_rows(&k);
    if (!k.errors) check_sums(&k);
    if (!k.errors && store(&k)) k.errors++, dc_diag_add(diag, path, 0, 0, NULL, "out of memory");
    dc_csv_free(&t);
    return k.errors;
}

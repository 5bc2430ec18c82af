#define _POSIX_C_SOURCE 200809L /* getpid */
/* decarb size: the target's answer on the terminal, the explored curve in
 * size.csv (one row per run, in the order the solver made them). */
#include "cli_size.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_journal.h"
#include "cli_sweep.h"
#include "decarb.h"

/* A row of size.csv: the run, sixteen sizes, sixteen set: values of up
 * to 255 bytes quoted, the status and the figures. */
enum { ROW_LEN = 16 * 24 + 16 * (2 * 255 + 3) + 512 };

/* The runs so far: each one's sizes and its row of size.csv, written
 * when the answer is known (the row says which run it is). */
typedef struct {
    const dc_sweep *w;
    int quiet, tty;
    size_t runs, cap;
    const char *unit;
    dc_size_point *points;
    char (*rows)[ROW_LEN];
    int failed; /* out of memory: no curve */
} curve;

static void header(const curve *c, FILE *fp)
{
    fputs("\xEF\xBB\xBF" "run", fp);
    for (size_t a = 0; a < dc_sweep_axes(c->w); a++) fprintf(fp, ",%s", dc_sweep_axis_key(c->w, a));
    cli_set_header(fp, c->w);
    fprintf(fp, ",status,shortfall [%s],meets_target,area_annual_cost [yen/year],answer\n", c->unit);
}

/* Room for one more run. */
static int grow(curve *c)
{
    if (c->runs < c->cap) return 0;
    size_t cap = c->cap ? 2 * c->cap : 64;
    dc_size_point *p = realloc(c->points, cap * sizeof *p);
    if (p) c->points = p;
    char(*r)[ROW_LEN] = p ? realloc(c->rows, cap * sizeof *r) : NULL;
    if (r) c->rows = r, c->cap = cap;
    return r ? 0 : -1;
}

/* printf onto row[*at..len), which stays a string however long the text. */
__attribute__((format(printf, 4, 5))) static void add(char *row, size_t len, size_t *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = *at < len ? vsnprintf(row + *at, len - *at, fmt, ap) : 0;
    va_end(ap);
    if (n > 0) *at = *at + (size_t)n < len ? *at + (size_t)n : len - 1;
}

static void visit(const dc_size_point *p, void *ctx)
{
    curve *c = ctx;
    if (c->failed || grow(c)) {
        c->failed = 1;
        return;
    }
    char *row = c->rows[c->runs];
    size_t len = sizeof c->rows[0];
    c->points[c->runs++] = *p;
    size_t at = 0;
    add(row, len, &at, "%zu", c->runs);
    for (size_t a = 0; a < p->n; a++) add(row, len, &at, ",%.10g", p->x[a]);
    at = cli_set_fields(c->w, row, at, len);
    add(row, len, &at, ",%s,", p->status == DC_OK ? "ok" : dc_status_message(p->status));
    if (!isnan(p->shortfall)) add(row, len, &at, "%.6f", p->shortfall);
    add(row, len, &at, ",%d,", p->meets);
    if (!isnan(p->annual_cost)) add(row, len, &at, "%.0f", p->annual_cost);
    if (!c->quiet) /* on a terminal one line that updates */
        fprintf(stderr, "%ssize: run %zu: %s = %.10g, shortfall %.3f %s%s%s", c->tty ? "\r" : "", c->runs,
                dc_sweep_axis_key(c->w, p->n - 1), p->x[p->n - 1], p->shortfall, c->unit,
                p->meets ? " (meets)" : "", c->tty ? "\033[K" : "\n");
}

static int same_sizes(const dc_size_point *a, const dc_size_point *b)
{
    if (a->n != b->n) return 0;
    for (size_t k = 0; k < a->n; k++)
        if (a->x[k] != b->x[k]) return 0;
    return 1;
}

/* size.csv: every run in the order made, the answer's row marked
 * "answer" (or "not reached" at the upper end), the run one step
 * smaller "one step smaller". 0, or -1 when it cannot be written. */
static int write_curve(const curve *c, const dc_size_result *res, const char *path)
{
    FILE *fp = fopen(path, "w");
    if (!fp) return -1;
    header(c, fp);
    for (size_t k = 0; k < c->runs; k++) {
        const char *mark = "";
        if (res && same_sizes(&c->points[k], &res->answer)) mark = res->unreached ? "not reached" : "answer";
        else if (res && !res->unreached && !res->at_floor && same_sizes(&c->points[k], &res->below))
            mark = "one step smaller";
        fprintf(fp, "%s,%s\n", c->rows[k], mark);
    }
    return fclose(fp) ? -1 : 0;
}

static void print_point(const dc_sweep *w, const dc_size_point *p, const dc_target *t, const char *unit)
{
    for (size_t a = 0; a < p->n; a++) printf("  %s = %.10g\n", dc_sweep_axis_key(w, a), p->x[a]);
    if (t->metric == DC_TARGET_OUTAGE && p->shortfall == 0) printf("  rides through %s: no critical kWh unserved",
                                                                   t->outage);
    else if (p->shortfall <= 0) printf("  meets it with %.3f %s to spare", 0.0 - p->shortfall, unit); /* no "-0.000" */
    else printf("  short of it by %.3f %s", p->shortfall, unit);
    if (!isnan(p->annual_cost)) printf(", the area's annual cost %.0f yen/year", p->annual_cost);
    putchar('\n');
}

/* 1 when every run measured gave the same shortfall: the sizes tried do
 * not move the target at all. */
static int flat(const curve *c)
{
    size_t n = 0;
    double first = 0;
    for (size_t k = 0; k < c->runs; k++) {
        const dc_size_point *p = &c->points[k];
        if (p->status != DC_OK) continue;
        if (n++ == 0) first = p->shortfall;
        else if (fabs(p->shortfall - first) > 1e-9 * fmax(1.0, fabs(first))) return 0;
    }
    return n >= 2;
}

/* Why more of the axes does not reach the target (p: the upper end). */
static void unreached_why(const curve *c, const dc_target *t, const dc_size_point *p)
{
    if (flat(c)) {
        printf("  the shortfall is the same at every size tried: the axes do not move this target");
        if ((t->metric == DC_TARGET_RESILIENCE || t->metric == DC_TARGET_OUTAGE) && t->site[0])
            printf(" (it counts the critical loads of site %s: a resource at another site, on another grid "
                   "connection, does not serve them)", t->site);
        putchar('\n');
        return;
    }
    if (t->metric != DC_TARGET_NET_ZERO && t->metric != DC_TARGET_SELF_SUFFICIENCY) return;
    if (p->curtailed_kwh > 0.01 * p->pv_kwh) /* what more capacity cannot give */
        printf("  at that size %.1f MWh of the town's %.1f MWh of PV (%.0f %%) is curtailed: no site could use, "
               "store or export it (export_limit_kw)\n",
               p->curtailed_kwh / 1000, p->pv_kwh / 1000, 100 * p->curtailed_kwh / p->pv_kwh);
    if (p->unsold_kwh > 0.01 * p->pv_kwh) /* exported, but not in hours the town's own loads buy */
        printf("  at that size %.1f MWh of the town's %.1f MWh of PV (%.0f %%) goes to the grid beyond what the "
               "town's own meters buy in the same hours, which does not count toward the target; storage, or "
               "more demand in those hours, would\n",
               p->unsold_kwh / 1000, p->pv_kwh / 1000, 100 * p->unsold_kwh / p->pv_kwh);
}

static void answer(const dc_sweep *w, const curve *c, const dc_target *t, const dc_size_result *r)
{
    const char *unit = c->unit;
    if (r->unreached) {
        printf("the target is not reached even at the upper end of %s:\n", dc_sweep_axis_key(w, dc_sweep_axes(w) - 1));
        print_point(w, &r->answer, t, unit);
        unreached_why(c, t, &r->answer);
        return;
    }
    printf("%s reaches the target (%zu runs):\n", dc_sweep_axes(w) > 1 ? "the least-cost mix" : "the smallest size",
           r->runs);
    print_point(w, &r->answer, t, unit);
    if (r->at_floor) printf("(the lower end of the range already meets it: lower from: to look further)\n");
    else {
        printf("one resolution step smaller does not:\n");
        print_point(w, &r->below, t, unit);
    }
}

static dc_sweep *load(const char *file, dc_target *t)
{
    dc_diag *d = dc_diag_create();
    dc_sweep *w = NULL;
    if (dc_sweep_load(file, &w, d) != DC_OK) {
        for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
        fprintf(stderr, "decarb: invalid size file\n");
    } else if (!dc_sweep_target(w, t)) {
        fprintf(stderr, "%s: target: missing required key: net_zero, or {metric: self_sufficiency, at_least_pct: N}, "
                "or {metric: resilience, site: S, hours: 72, at_least_pct: N}, or {metric: outage, outage: NAME, "
                "site: S}\n", file);
        dc_sweep_destroy(&w);
    }
    dc_diag_destroy(&d);
    return w;
}

/* Why a run could not be measured against the target. */
static const char *why(const dc_target *t, dc_status st, int axes, const curve *c)
{
    if (st != DC_ERR_SCENARIO) return "";
    int measured = 0; /* a run read the target: what is missing is the costs */
    for (size_t k = 0; k < c->runs && !measured; k++) measured = c->points[k].status == DC_OK;
    if (measured && axes > 1) return " (several axes compare costs: the base needs leading_area costs)";
    if (t->metric == DC_TARGET_NET_ZERO) return " (net_zero reads the 先行地域 table: the base needs leading_area.area)";
    if (t->metric == DC_TARGET_RESILIENCE)
        return " (resilience reads the survival scan: the base needs resilience.scan: true and critical loads at the "
               "target's site)";
    if (t->metric == DC_TARGET_OUTAGE) return " (an axis took the outage off the target's site)";
    return axes > 1 ? " (several axes compare costs: the base needs leading_area costs)" : "";
}

static int solve(const dc_sweep *w, curve *c, dc_size_result *res)
{
    dc_diag *d = dc_diag_create();
    dc_runner *r = NULL;
    dc_status st = dc_runner_for_sweep(w, &r, d);
    if (st == DC_OK) st = dc_size_solve(w, r, visit, c, res, d);
    if (st != DC_OK) {
        for (size_t i = 0; i < dc_diag_count(d); i++)
            if (!dc_diag_is_warning(d, i)) fprintf(stderr, "%s\n", dc_diag_message(d, i));
        dc_target t;
        dc_sweep_target(w, &t);
        fprintf(stderr, "decarb: sizing stopped: %s%s\n", dc_status_message(st), why(&t, st, (int)dc_sweep_axes(w), c));
    }
    dc_runner_destroy(&r);
    dc_diag_destroy(&d);
    return st != DC_OK;
}

/* What decarb size writes in its folder: size.csv, through .size.csv.PID. */
static int size_entry(const char *name) { return !strcmp(name, "size.csv") || !strncmp(name, ".size.csv.", 10); }

/* A folder a size of an older decarb left (without the marker): its size.csv's header says so. */
static int older_size(const char *dir, const char *name)
{
    if (strcmp(name, "size.csv")) return 0;
    return dc_cli_first_line_starts(dir, name, "\xEF\xBB\xBF" "run,") ? 1 : -1;
}

/* In every size folder, first: what vouches that the rest is decarb size's. */
static const dc_folder_kind SIZE_FOLDER = {".decarb-size", size_entry, older_size};

int dc_cli_size(const char *file, const char *outdir, int quiet)
{
    dc_target t;
    dc_cli_keep_heap();
    dc_sweep *w = load(file, &t);
    if (!w) return 1;
    char dir[1200], path[1300], tmp[1300];
    if (outdir) snprintf(dir, sizeof dir, "%s", outdir);
    else snprintf(dir, sizeof dir, "output/%s", dc_sweep_name(w));
    snprintf(path, sizeof path, "%s/size.csv", dir);
    snprintf(tmp, sizeof tmp, "%s/.size.csv.%ld", dir, (long)getpid());
    curve c = {.w = w, .quiet = quiet, .tty = isatty(2), .unit = dc_target_unit(&t)};
    char foreign[256];
    int why = dc_cli_folder_foreign(dir, &SIZE_FOLDER, foreign, sizeof foreign);
    if (why) {
        dc_cli_folder_refused(why, dir, foreign, SIZE_FOLDER.marker);
        return dc_sweep_destroy(&w), 1;
    }
    if (dc_mkdirs(dir) != 0 || dc_cli_folder_mark(dir, SIZE_FOLDER.marker)) {
        fprintf(stderr, "decarb: cannot create the output folder %s: %s\n", dir, strerror(errno));
        return dc_sweep_destroy(&w), 1;
    }
    dc_size_result res;
    int rc = solve(w, &c, &res);
    if (c.tty && !quiet) fputc('\n', stderr);
    if (rc == 0 && (c.failed || write_curve(&c, &res, tmp) || rename(tmp, path))) {
        fprintf(stderr, "decarb: cannot write %s: %s\n", path, c.failed ? "out of memory" : strerror(errno));
        unlink(tmp);
        rc = 1;
    }
    if (rc == 0 && (!quiet || res.unreached)) answer(w, &c, &t, &res), printf("explored curve: %s\n", path);
    free(c.points);
    free(c.rows);
    dc_sweep_destroy(&w);
    return rc || res.unreached;
}

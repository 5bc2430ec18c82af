#define _POSIX_C_SOURCE 200809L /* clock_gettime, ftruncate, O_CLOEXEC */
/* decarb sweep: every case of a sweep file on N threads of each process
 * (MPI ranks take every size-th case), one row of key figures per case,
 * journalled as it finishes (cli_journal.c) and gathered into sweep.csv. */
#include "cli_sweep.h"

#include "cli_journal.h"
#include "cli_ranks.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { LINE_MAX_LEN = DC_JOURNAL_ROW_MAX - 1 }; /* fgets of a journal line keeps its newline */

/* The resilience columns: the base's outages (each with a site it cuts
 * off) and the sites its survival scan follows. At most MAX_RES_COLUMNS
 * of each, so that a row fits a journal line. */
enum { MAX_RES_COLUMNS = 64, RES_NAME = 128 };
typedef struct {
    char outage[MAX_RES_COLUMNS][2][RES_NAME]; /* outage, site */
    size_t n_outage;
    char scan[MAX_RES_COLUMNS][RES_NAME];
    size_t n_scan;
} res_columns;

typedef struct {
    dc_sweep *w;
    dc_ranks ranks;            /* this process takes the cases i with i % size == rank */
    const char *dir;           /* the output folder */
    const dc_runner *runner;   /* the base scenario, read once, and its inputs */
    int area;                  /* the base names a leading area: net-zero and cost columns */
    res_columns *res;          /* the base's outages and scanned sites, or NULL: none */
    int fd;                    /* the journal, O_APPEND */
    unsigned char *done;       /* per case: 1 when its row is in the journal */
    dc_journal_rows rows;      /* the cases, and the fields of a row (the header's) */
    size_t next, finished, to_run, failed;
    int quiet, tty;
    double t0, shown;          /* the first case's end (the base read, a model built); the bar's last drawing */
    pthread_mutex_t lock;
} sweep_run;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* A case's status is cut to this many bytes (between characters), so
 * that a row always fits a journal's line (cli_journal.h). */
enum { STATUS_MAX = 2048 };
_Static_assert(2 * 16 * (2 * 255 + 3) + 2 * STATUS_MAX + 4096 + MAX_RES_COLUMNS * (2 + 4) * 24 < DC_JOURNAL_ROW_MAX,
               "a row fits a journal line: 16 axes' and 16 set: keys' values, the status, the figures");

static void header(FILE *fp, const void *ctx)
{
    const sweep_run *r = ctx;
    const dc_sweep *w = r->w;
    int area = r->area;
    fputs("\xEF\xBB\xBF" "case", fp);
    for (size_t a = 0; a < dc_sweep_axes(w); a++) fprintf(fp, ",%s", dc_sweep_axis_key(w, a));
    cli_set_header(fp, w);
    fputs(",status,demand [kWh],pv [kWh],generation [kWh],storage_charge [kWh],storage_discharge [kWh],"
          "storage_drawdown [kWh],grid_import [kWh],grid_export [kWh],pv_export [kWh],wire_in [kWh],wire_out [kWh],"
          "offsite_ppa_in [kWh],offsite_ppa_sold [kWh],ppa_billable [kWh],curtailed [kWh],unserved [kWh],"
          "peak_import [kW],self_sufficiency [%],self_consumption [%],import_co2 [t-CO2],max_balance_residual [kWh]",
          fp);
    if (area) fputs(",net_zero,gap [MWh],gap_co2 [t-CO2],hour_coincident [%],capex [yen],annual_cost [yen/year],npv [yen]", fp);
    for (size_t k = 0; r->res && k < r->res->n_outage; k++) {
        const char *o = r->res->outage[k][0], *site = r->res->outage[k][1];
        fprintf(fp, ",outage:%s:%s:unserved_critical [kWh],outage:%s:%s:hours_to_unserved [h]", o, site, o, site);
    }
    for (size_t k = 0; r->res && k < r->res->n_scan; k++) {
        const char *site = r->res->scan[k];
        fprintf(fp, ",site:%s:survive_24h [%%],site:%s:survive_72h [%%],site:%s:survive_168h [%%]", site, site, site);
        fprintf(fp, ",site:%s:mean_hours [h]", site);
    }
    fputc('\n', fp);
}

/* The resilience columns of a case's run, in the base's order (a case
 * without one of them, an axis having moved an outage, leaves it empty). */
static size_t resilience_fields(const res_columns *c, const dc_model *m, char *row, size_t at, size_t len)
{
    for (size_t k = 0; k < c->n_outage; k++) {
        dc_outage_result o;
        size_t i = 0;
        while (dc_model_outage_get(m, i, &o) == 0 &&
               (strcmp(o.outage, c->outage[k][0]) || strcmp(o.site, c->outage[k][1])))
            i++;
        if (i == dc_model_outage_count(m)) at += (size_t)snprintf(row + at, len - at, ",,");
        else if (isnan(o.hours_to_unserved)) at += (size_t)snprintf(row + at, len - at, ",%.6f,", o.unserved_kwh);
        else at += (size_t)snprintf(row + at, len - at, ",%.6f,%.2f", o.unserved_kwh, o.hours_to_unserved);
    }
    for (size_t k = 0; k < c->n_scan; k++) {
        dc_survival_row v;
        size_t i = 0;
        while (dc_model_survival_get(m, i, &v) == 0 && (v.month != 0 || strcmp(v.site, c->scan[k]))) i++;
        if (i == dc_model_survival_count(m)) at += (size_t)snprintf(row + at, len - at, ",,,,");
        else
            at += (size_t)snprintf(row + at, len - at, ",%.4f,%.4f,%.4f,%.2f", 100 * v.share_24h, 100 * v.share_72h,
                                   100 * v.share_168h, v.mean_hours);
    }
    return at;
}

/* As many empty fields as the resilience columns. */
static size_t resilience_empty(const res_columns *c, char *row, size_t at, size_t len)
{
    for (size_t k = 0; k < 2 * c->n_outage + 4 * c->n_scan && at + 1 < len; k++) row[at++] = ',';
    row[at] = '\0';
    return at;
}

/* Room for one "key=value", a value being a path of up to 1024 bytes
 * made beside the sweep file. */
enum { SET_LEN = 2304 };

/* A thread's last model and the assignments it was made with. */
typedef struct {
    dc_model *m;
    char sets[16][SET_LEN];
} kept_model;

/* Case i's model: the thread's last one with the case's keys set in place
 * when it can take them (accounting keys: no new run; a battery's or an
 * array's own parameters: a new run on the same model, the array's profile
 * from the cache when only its capacity changed), else a new one. */
static dc_status model_for(const sweep_run *r, dc_cache *cache, kept_model *k, char (*sets)[SET_LEN], size_t n,
                           dc_diag *d)
{
    const char *before[16], *after[16];
    for (size_t a = 0; a < n; a++) before[a] = k->sets[a], after[a] = sets[a];
    dc_status st = dc_runner_rerun(r->runner, cache, k->m ? before : NULL, after, n, &k->m, d);
    memcpy(k->sets, sets, n * sizeof *sets);
    return st;
}

/* Every output file of a chosen case into dir, as `decarb run` writes
 * them: ghg.csv too when its scenario has a ghg section, the estimate made
 * from the case's own scenario and inputs (a few chosen cases: read again). */
static dc_status write_case(const dc_model *m, const char *dir, dc_diag *d)
{
    const dc_scenario *s = dc_model_scenario(m);
    dc_inputs *in = NULL;
    dc_ghg *g = NULL;
    dc_status st = dc_inputs_load(s, &in, d);
    if (st == DC_OK) st = dc_ghg_create(s, in, &g, d);
    if (st == DC_OK && g) st = dc_ghg_link(g, m, d);
    if (st == DC_OK) st = dc_write_outputs(m, g, dir, d);
    dc_ghg_destroy(&g);
    dc_inputs_destroy(&in);
    return st;
}

/* Why a case failed: its last error, not a warning its inputs gave on
 * the way (an illustrative cost read after a broken weather file). */
static const char *last_error(const dc_diag *d)
{
    for (size_t i = dc_diag_count(d); i-- > 0;)
        if (!dc_diag_is_warning(d, i)) return dc_diag_message(d, i);
    return NULL;
}

/* ",v" at row[at], v with `decimals` after the point as printf's "%.*f"
 * writes it (dc_format_fixed: a row's figures without printf); a row has
 * room for every field (the assert on LINE_MAX_LEN). */
static size_t put_fixed(char *row, size_t at, size_t len, double v, int decimals)
{
    char buf[DC_FIXED_MAX];
    size_t n = dc_format_fixed(buf, v, decimals);
    if (at + n + 2 > len) return at;
    row[at] = ',';
    memcpy(row + at + 1, buf, n + 1);
    return at + 1 + n;
}

/* The town's year as summary.csv gives it, in its order: "ok" and the
 * figures, kWh and t-CO2 to 6 decimals, shares [%] to 4. */
enum { TOTALS_COLUMNS = 21 };
static size_t totals_fields(const dc_totals *t, char *row, size_t at, size_t len)
{
    const double kwh[] = {t->demand_kwh, t->pv_kwh, t->generation_kwh, t->storage_charge_kwh, t->storage_discharge_kwh,
                          t->storage_drawdown_kwh, t->import_kwh, t->export_kwh, t->pv_export_kwh, t->wire_in_kwh,
                          t->wire_out_kwh, t->offsite_ppa_in_kwh, t->offsite_ppa_sold_kwh, t->ppa_billable_kwh,
                          t->curtailed_kwh, t->unserved_kwh, t->peak_import_kw};
    _Static_assert(sizeof kwh / sizeof kwh[0] + 4 == TOTALS_COLUMNS, "the header's totals");
    at += (size_t)snprintf(row + at, len - at, "ok");
    for (size_t k = 0; k < sizeof kwh / sizeof kwh[0]; k++) at = put_fixed(row, at, len, kwh[k], 6);
    at = put_fixed(row, at, len, 100 * t->self_sufficiency, 4);
    at = put_fixed(row, at, len, 100 * t->self_consumption, 4);
    at = put_fixed(row, at, len, t->import_co2_t, 6);
    return at + (size_t)snprintf(row + at, len - at, ",%.3g", t->max_residual_kwh);
}

/* Runs case i; its figures after "i,values," into row: the same figures
 * as a separate `decarb run`. */

static void run_case(const sweep_run *r, dc_cache *cache, kept_model *k, size_t i, char *row, size_t len)
{
    const dc_sweep *w = r->w;
    int area = r->area;
    dc_diag *d = dc_diag_create();
    char sets[16][SET_LEN];
    size_t n_axes = dc_sweep_axes(w) < 16 ? dc_sweep_axes(w) : 16;
    for (size_t a = 0; a < n_axes; a++)
        dc_sweep_setting(w, i, a, sets[a], sizeof sets[a]);
    dc_status st = model_for(r, cache, k, sets, n_axes, d);
    dc_model *m = k->m;
    if (st == DC_OK && dc_sweep_hourly(w, i)) { /* every output file of a chosen case, beside the CSV */
        char dir[1400];
        snprintf(dir, sizeof dir, "%s/case_%zu", r->dir, i);
        st = write_case(m, dir, d);
    }
    size_t at = (size_t)snprintf(row, len, "%zu", i);
    for (size_t a = 0; a < dc_sweep_axes(w); a++) {
        row[at++] = ',';
        at = cli_csv_field(row, at, len, dc_sweep_value(w, i, a), SIZE_MAX);
    }
    at = cli_set_fields(w, row, at, len);
    row[at++] = ',';
    dc_totals t;
    if (st != DC_OK || dc_model_totals(m, 0, &t) != DC_OK) {
        const char *why = st == DC_ERR_BALANCE ? dc_model_error(m) : last_error(d);
        if (!why) why = dc_status_message(st);
        at = cli_csv_field(row, at, len, why, STATUS_MAX);
        for (int f = 0; f < TOTALS_COLUMNS + (area ? 7 : 0); f++) row[at++] = ','; /* room: the assert above */
        if (r->res) at = resilience_empty(r->res, row, at, len);
        snprintf(row + at, len - at, "\n");
    } else {
        at = totals_fields(&t, row, at, len);
        dc_netzero z;
        dc_econ_row e;
        if (area && dc_model_netzero(m, &z) != DC_OK) {
            at += (size_t)snprintf(row + at, len - at, ",,,,,,,");
        } else if (area) {
            int costs = dc_model_econ_total(m, &e) == 0;
            at += (size_t)snprintf(row + at, len - at, ",%d", z.net_zero);
            at = put_fixed(row, at, len, z.gap_mwh, 6);
            at = put_fixed(row, at, len, z.gap_t_co2, 6);
            at = put_fixed(row, at, len, 100 * z.coincident_share, 4);
            if (costs) at = put_fixed(row, at, len, e.capex, 0), at = put_fixed(row, at, len, e.annual_cost, 0);
            if (costs && !isnan(e.npv)) at = put_fixed(row, at, len, e.npv, 0);
            else at += (size_t)snprintf(row + at, len - at, costs ? "," : ",,,");
        }
        if (r->res) at = resilience_fields(r->res, m, row, at, len);
        snprintf(row + at, len - at, "\n");
    }
    if (st != DC_OK) dc_model_destroy(&k->m); /* a failed case is never reused */
    dc_diag_destroy(&d);
}

/* The time left, as a person reads it: tenths under 10 s (a fast sweep's
 * whole run), then seconds, minutes and seconds, hours and minutes. */
static void eta_text(double s, char *out, size_t len)
{
    long whole = (long)(s + 0.5), minutes = (whole + 30) / 60;
    if (s < 9.95) snprintf(out, len, "%.1f s", s);
    else if (whole < 100) snprintf(out, len, "%ld s", whole);
    else if (whole < 3600) snprintf(out, len, "%ld min %02ld s", whole / 60, whole % 60);
    else snprintf(out, len, "%ld h %02ld min", minutes / 60, minutes % 60);
}

static void progress(sweep_run *r)
{
    if (r->quiet) return;
    double t = now_s();
    if (r->finished == 1) r->t0 = t; /* the rate from then: the first case's set-up is not each case's */
    double el = t - r->t0, rate = el > 0 ? (double)(r->finished - 1) / el : 0;
    if (r->tty && r->finished < r->to_run && t - r->shown < 0.1) return; /* ten drawings a second, not one a case */
    r->shown = t;
    char speed[96] = "", left[48]; /* none until a second case has a rate */
    if (rate > 0) {
        eta_text((double)(r->to_run - r->finished) / rate, left, sizeof left);
        snprintf(speed, sizeof speed, ", %.1f/s, ETA %s", rate, left);
    }
    if (r->tty) {
        int bar = r->to_run ? (int)(30.0 * (double)r->finished / (double)r->to_run) : 30;
        fprintf(stderr, "\r[%-30.*s] %zu/%zu cases%s \033[K", bar, "##############################", r->finished,
                r->to_run, speed); /* \033[K: the end of a longer earlier line cleared */
        if (r->finished == r->to_run) fputc('\n', stderr);
    } else if (r->finished == r->to_run || r->finished % (r->to_run / 10 + 1) == 0) {
        fprintf(stderr, "sweep: %zu/%zu cases%s\n", r->finished, r->to_run, speed);
    }
}

/* The base's outage and scan rows name the resilience columns: a run of
 * the base, only when it has outages or a scan. */
static dc_status resilience_columns(sweep_run *r, const dc_runner *runner, dc_diag *d)
{
    if (!dc_scenario_has_resilience(dc_runner_base(runner))) return DC_OK;
    dc_model *m = NULL;
    dc_status st = dc_runner_run(runner, NULL, NULL, 0, &m, d);
    if (st == DC_OK && !(r->res = calloc(1, sizeof *r->res))) st = DC_ERR_NOMEM;
    dc_outage_result o;
    dc_survival_row v;
    res_columns *c = r->res;
    for (size_t i = 0; st == DC_OK && dc_model_outage_get(m, i, &o) == 0 && c->n_outage < MAX_RES_COLUMNS; i++) {
        snprintf(c->outage[c->n_outage][0], RES_NAME, "%s", o.outage);
        snprintf(c->outage[c->n_outage++][1], RES_NAME, "%s", o.site);
    }
    for (size_t i = 0; st == DC_OK && dc_model_survival_get(m, i, &v) == 0 && c->n_scan < MAX_RES_COLUMNS; i++)
        if (v.month == 0) snprintf(c->scan[c->n_scan++], RES_NAME, "%s", v.site);
    if (st == DC_OK && r->ranks.rank == 0 && dc_model_outage_count(m) > MAX_RES_COLUMNS)
        fprintf(stderr, "decarb: sweep.csv has the first %d of the base's %zu outage-and-site pairs\n",
                MAX_RES_COLUMNS, dc_model_outage_count(m));
    dc_model_destroy(&m);
    return st;
}

/* The base scenario once, and its inputs once unless an axis changes
 * what they read (then each case reads its own). */
static int prepare_base(sweep_run *r, dc_runner **runner)
{
    dc_diag *d = dc_diag_create();
    dc_status st = dc_runner_for_sweep(r->w, runner, d);
    if (st == DC_OK) st = resilience_columns(r, *runner, d);
    if (st != DC_OK) {
        for (size_t i = 0; i < dc_diag_count(d); i++)
            if (!dc_diag_is_warning(d, i)) fprintf(stderr, "%s\n", dc_diag_message(d, i));
        fprintf(stderr, "decarb: the sweep's base scenario does not run: %s\n", dc_status_message(st));
    }
    r->runner = *runner;
    r->area = dc_scenario_has_area(dc_runner_base(*runner));
    dc_diag_destroy(&d);
    return st != DC_OK;
}

static int mine(const sweep_run *r, size_t i)
{
    return !r->done[i] && i % (size_t)r->ranks.size == (size_t)r->ranks.rank;
}

/* 1 when some axis changes profiles or inputs: only then may a case need
 * a model of other profiles than the thread's last (the profile cache);
 * a case that fails makes a new model too, rarely, and then without it. */
static int needs_cache(const sweep_run *r)
{
    for (size_t a = 0; a < dc_sweep_axes(r->w); a++)
        if (dc_scenario_key_scope(dc_runner_base(r->runner), dc_sweep_axis_key(r->w, a)) > DC_SCOPE_DISPATCH) return 1;
    return 0;
}

static void *worker(void *arg)
{
    sweep_run *r = arg;
    char *row = malloc(LINE_MAX_LEN);
    int cached = needs_cache(r);
    dc_cache *cache = cached ? dc_cache_create() : NULL;
    kept_model *kept = calloc(1, sizeof *kept);
    for (;;) {
        pthread_mutex_lock(&r->lock);
        while (r->next < dc_sweep_cases(r->w) && !mine(r, r->next)) r->next++;
        size_t i = r->next++;
        pthread_mutex_unlock(&r->lock);
        if (i >= dc_sweep_cases(r->w) || !row || (cached && !cache) || !kept) break;
        run_case(r, cache, kept, i, row, LINE_MAX_LEN);
        pthread_mutex_lock(&r->lock);
        size_t n = strlen(row);
        if (write(r->fd, row, n) != (ssize_t)n) r->failed++;
        r->finished++;
        if (strstr(row, ",ok,") == NULL) r->failed++;
        progress(r);
        pthread_mutex_unlock(&r->lock);
    }
    free(row);
    if (kept) dc_model_destroy(&kept->m);
    free(kept);
    dc_cache_destroy(&cache);
    return NULL;
}

/* Each case frees a model of some MiB and the next allocates the same:
 * kept in the heap rather than unmapped and faulted in again (a third of
 * a case's time otherwise). Memory stays what one model per thread needs. */
void dc_cli_keep_heap(void)
{
    mallopt(M_MMAP_THRESHOLD, 512 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

/* This process's journal: one per rank, so appends never interleave. */
static void journal_name(const dc_ranks *k, char *name, size_t len)
{
    if (k->size == 1) snprintf(name, len, "sweep.journal");
    else snprintf(name, len, "sweep.journal.%d", k->rank);
}

int dc_cli_folder_foreign(const char *dir, const dc_folder_kind *k, char *name, size_t len)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int foreign = 0, marked = 0, vouched = 0, refuted = 0;
    name[0] = '\0';
    for (struct dirent *e; !foreign && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (!strcmp(e->d_name, k->marker)) {
            marked = 1;
            continue;
        }
        foreign = !k->ours(e->d_name);
        int older = foreign || !k->older ? 0 : k->older(dir, e->d_name);
        vouched |= older > 0;
        if (foreign || !name[0] || (older < 0 && !refuted)) snprintf(name, len, "%s", e->d_name);
        refuted |= older < 0;
    }
    closedir(d);
    return foreign ? 1 : name[0] && !marked && (refuted || !vouched) ? 2 : 0;
}

int dc_cli_first_line_starts(const char *dir, const char *name, const char *prefix)
{
    char path[1400], line[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    int yes = fp && fgets(line, sizeof line, fp) && !strncmp(line, prefix, strlen(prefix));
    if (fp) fclose(fp);
    return yes;
}

void dc_cli_folder_refused(int why, const char *dir, const char *name, const char *marker)
{
    if (why == 1)
        fprintf(stderr, "decarb: %s holds '%s', which decarb did not write: move it, or choose another -o\n", dir,
                name);
    else
        fprintf(stderr, "decarb: %s holds '%s' without the %s that decarb writes first in such a folder, and it "
                "does not read as decarb's: move it, or choose another -o\n", dir, name, marker);
}

int dc_cli_folder_mark(const char *dir, const char *marker)
{
    char path[1400], text[64];
    snprintf(path, sizeof path, "%s/%s", dir, marker);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return errno == EEXIST ? 0 : -1;
    int n = snprintf(text, sizeof text, "decarb %s wrote this folder\n", DC_VERSION);
    int bad = write(fd, text, (size_t)n) != n;
    return close(fd) || bad ? -1 : 0;
}

static int starts(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

/* case_N: a chosen case's output files; .case_N.new.* and .case_N.old.*
 * the sets a run of it leaves while writing. */
static int case_folder(const char *name)
{
    const char *p = name + (name[0] == '.');
    if (!starts(p, "case_") || !(p[5] >= '0' && p[5] <= '9')) return 0;
    p += 5 + strspn(p + 5, "0123456789");
    return name[0] == '.' ? starts(p, ".new.") || starts(p, ".old.") : *p == '\0';
}

/* What a sweep writes in its folder, temporary names included. */
static int sweep_entry(const char *name)
{
    return !strcmp(name, "sweep.csv") || !strcmp(name, "sweep.h5") || !strcmp(name, "sweep.journal") ||
           starts(name, "sweep.journal.") || starts(name, ".sweep.csv.") || starts(name, "sweep.h5.tmp") ||
           case_folder(name);
}

/* A folder a sweep of an older decarb left (without the marker): its
 * sweep.csv's header and its journals' tags say so; 0 for what cannot. */
static int older_sweep(const char *dir, const char *name)
{
    if (!strcmp(name, "sweep.csv")) return dc_cli_first_line_starts(dir, name, "\xEF\xBB\xBF" "case,") ? 1 : -1;
    if (!strncmp(name, "sweep.journal", 13)) return dc_cli_first_line_starts(dir, name, "# decarb sweep ") ? 1 : -1;
    return 0;
}

/* In every sweep's folder, first: what vouches that the rest is a sweep's. */
static const dc_folder_kind SWEEP_FOLDER = {".decarb-sweep", sweep_entry, older_sweep};

/* The output folder, made and marked as a sweep's unless someone else's
 * files are there; -1 with a message on failure. */
static int prepare_folder(const char *dir)
{
    char bad[2048];
    int why = dc_cli_folder_foreign(dir, &SWEEP_FOLDER, bad, sizeof bad);
    if (why) return dc_cli_folder_refused(why, dir, bad, SWEEP_FOLDER.marker), -1;
    if (dc_mkdirs(dir) || dc_cli_folder_mark(dir, SWEEP_FOLDER.marker))
        return fprintf(stderr, "decarb: cannot create the output folder %s: %s\n", dir, strerror(errno)), -1;
    return 0;
}

/* The fields of a row: the header's (its columns follow from the base). */
static int row_fields(const sweep_run *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp) return -1;
    header(fp, r);
    int fields = fclose(fp) == 0 && text ? dc_journal_fields(text) : -1;
    free(text);
    return fields;
}

/* Marks the done cases and opens this process's journal where its last
 * whole row ends; -1 with a message on failure. */
static int open_journal(sweep_run *r, const char *dir, const char *tag)
{
    char own[64], path[1400], bad[2048];
    long keep = 0;
    journal_name(&r->ranks, own, sizeof own);
    snprintf(path, sizeof path, "%s/%s", dir, own);
    r->rows = (dc_journal_rows){dc_sweep_cases(r->w), row_fields(r)};
    if (r->rows.fields < 0) return fprintf(stderr, "decarb: out of memory\n"), -1;
    if (dc_journal_scan(dir, tag, own, &r->rows, r->done, &keep, bad, sizeof bad)) {
        fprintf(stderr, "decarb: a journal there belongs to another sweep (or the base scenario changed, or an "
                "older decarb wrote it): remove it or choose another -o\n  %s\n", bad);
        return -1;
    }
    r->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (r->fd < 0 || ftruncate(r->fd, keep) ||
        (keep == 0 && write(r->fd, tag, strlen(tag)) != (ssize_t)strlen(tag))) {
        fprintf(stderr, "decarb: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static void run_threads(sweep_run *r, int threads)
{
    pthread_mutex_init(&r->lock, NULL);
    if (threads < 1) threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1) threads = 1;
    pthread_t th[256];
    int started = 0;
    for (; started < threads && started < 256; started++)
        if (pthread_create(&th[started], NULL, worker, r)) break;
    if (!started) worker(r);
    for (int k = 0; k < started; k++) pthread_join(th[k], NULL);
    pthread_mutex_destroy(&r->lock);
}

static dc_sweep *load_sweep(const char *file, int loud)
{
    dc_diag *d = dc_diag_create();
    dc_sweep *w = NULL;
    dc_target t;
    if (dc_sweep_load(file, &w, d) != DC_OK && loud) {
        for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
        fprintf(stderr, "decarb: invalid sweep\n");
    } else if (w && dc_sweep_target(w, &t)) { /* its axes have no steps: the solver picks the sizes */
        if (loud) fprintf(stderr, "%s: target: a size file: `decarb size %s` finds the size\n", file, file);
        dc_sweep_destroy(&w);
    }
    dc_diag_destroy(&d);
    return w;
}

/* sweep.h5: the same table for h5py and pandas (dataset "cases"). */
static int write_h5(const char *dir)
{
    char csv[1300], h5[1300];
    snprintf(csv, sizeof csv, "%s/sweep.csv", dir);
    snprintf(h5, sizeof h5, "%s/sweep.h5", dir);
    dc_diag *d = dc_diag_create();
    dc_status st = dc_csv_table_to_h5(csv, h5, "cases", d);
    for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
    dc_diag_destroy(&d);
    return st != DC_OK;
}

/* Setup, this process's cases, then rank 0 gathers sweep.csv and sweep.h5. */
static int sweep(sweep_run *r, const char *file, const char *outdir, int threads)
{
    int first = r->ranks.rank == 0;
    char dir[1200], tag[64];
    r->w = load_sweep(file, first);
    if (dc_ranks_any(&r->ranks, !r->w)) return dc_sweep_destroy(&r->w), 1;
    if (outdir) snprintf(dir, sizeof dir, "%s", outdir);
    else snprintf(dir, sizeof dir, "output/%s", dc_sweep_name(r->w));
    dc_journal_tag(r->w, tag, sizeof tag);
    r->dir = dir;
    size_t n = dc_sweep_cases(r->w);
    dc_runner *runner = NULL;
    r->done = calloc(n, 1);
    int bad = !r->done || prepare_folder(dir) || prepare_base(r, &runner) || open_journal(r, dir, tag);
    if (!dc_ranks_any(&r->ranks, bad)) {
        size_t done = 0;
        for (size_t i = 0; i < n; i++) r->to_run += mine(r, i), done += r->done[i];
        if (!r->quiet && first && done) fprintf(stderr, "sweep: %zu of %zu cases already done\n", done, n);
        run_threads(r, threads);
    } else bad = 1;
    if (r->fd >= 0) close(r->fd);
    int failed = dc_ranks_any(&r->ranks, r->failed), rc = bad;
    if (!bad && first) rc = dc_journal_merge(dir, tag, &r->rows, header, r) || write_h5(dir) ? 1 : 0;
    rc = dc_ranks_from_first(&r->ranks, rc) || bad;
    if (!rc && first && !r->quiet)
        printf("%zu cases of %s: %s/sweep.csv, sweep.h5%s\n", n, file, dir,
               failed ? " (some cases failed: see status)" : "");
    if (rc && !bad && first) fprintf(stderr, "decarb: cannot write %s/sweep.csv or sweep.h5\n", dir);
    free(r->done);
    free(r->res);
    dc_runner_destroy(&runner);
    dc_sweep_destroy(&r->w);
    return rc ? 1 : failed ? 1 : 0;
}

int dc_cli_sweep(const char *file, const char *outdir, int threads, int quiet)
{
    dc_cli_keep_heap();
    sweep_run r = {.fd = -1, .tty = isatty(2), .ranks = dc_ranks_start()};
    r.quiet = quiet || r.ranks.rank != 0; /* one progress line: rank 0's */
    int rc = sweep(&r, file, outdir, threads);
    dc_ranks_finish(&r.ranks);
    return rc;
}

/* make bench: median time per simulated year of the pieces of a run, and
 * of the whole `decarb run` with its peak memory. Medians over repeated
 * runs in this process; compare figures from the same run only. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "decarb.h"
#include "epw.h"
#include "inputs.h"
#include "model.h"
#include "params.h"
#include "pv.h"

enum { MAX_REPS = 1000 };

/* Timed runs of decarb start from a small process forked before the bench
 * grows: a child's peak memory (ru_maxrss) counts what it held at fork,
 * so a run forked from the bench itself would report the bench's memory. */
static int to_launcher = -1, from_launcher = -1;

typedef struct {
    int status;
    double ms;
    long rss_kib;
} launch_result;

static double now_ms(void);

static int read_all(int fd, void *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    return 0;
}

/* Requests: a length and NUL-separated arguments; 0 ends it. */
static void launcher_loop(int in, int out)
{
    char buf[8192];
    unsigned len;
    while (read_all(in, &len, sizeof len) == 0 && len > 0 && len <= sizeof buf && read_all(in, buf, len) == 0) {
        char *argv[32];
        int argc = 0;
        for (char *a = buf; a < buf + len && argc < 31; a += strlen(a) + 1) argv[argc++] = a;
        argv[argc] = NULL;
        launch_result r = {-1, 0, 0};
        double t0 = now_ms();
        pid_t pid = fork();
        if (pid == 0) {
            execv(argv[0], argv);
            _exit(127);
        }
        struct rusage ru;
        if (pid > 0 && wait4(pid, &r.status, 0, &ru) == pid) r.rss_kib = ru.ru_maxrss;
        r.ms = now_ms() - t0;
        if (write(out, &r, sizeof r) != (ssize_t)sizeof r) _exit(1);
    }
}

static void launcher_start(void)
{
    int req[2], rep[2];
    if (pipe(req) || pipe(rep)) exit(1);
    pid_t pid = fork();
    if (pid < 0) exit(1);
    if (pid == 0) {
        close(req[1]), close(rep[0]);
        launcher_loop(req[0], rep[1]);
        _exit(0);
    }
    close(req[0]), close(rep[1]);
    to_launcher = req[1], from_launcher = rep[0];
}

/* Runs argv (argv[0] a path) to its end: wall time [ms]; its peak memory
 * raises *rss_kib. A failed run ends the bench. */
static double launch(const char *const *argv, long *rss_kib)
{
    char buf[8192];
    unsigned len = 0;
    for (int k = 0; argv[k]; k++) {
        size_t n = strlen(argv[k]) + 1;
        if (len + n > sizeof buf) exit(1);
        memcpy(buf + len, argv[k], n);
        len += (unsigned)n;
    }
    launch_result r;
    if (write(to_launcher, &len, sizeof len) != (ssize_t)sizeof len || write(to_launcher, buf, len) != (ssize_t)len ||
        read_all(from_launcher, &r, sizeof r))
        exit(1);
    if (!WIFEXITED(r.status) || WEXITSTATUS(r.status)) {
        fprintf(stderr, "bench: %s failed\n", argv[0]);
        exit(1);
    }
    if (r.rss_kib > *rss_kib) *rss_kib = r.rss_kib;
    return r.ms;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double median(double *v, size_t n)
{
    gsl_sort(v, 1, n);
    return gsl_stats_median_from_sorted_data(v, 1, n);
}

static double report(const char *what, double *v, int n)
{
    double med = median(v, (size_t)n);
    printf("%-46s %9.3f ms   (median of %d, min %.3f, max %.3f)\n", what, med, n, v[0], v[n - 1]);
    return med;
}

static void bench_weather(const dc_scenario *s)
{
    double t[MAX_REPS];
    int n = 30;
    for (int k = 0; k < n; k++) {
        dc_weather_raw w;
        double t0 = now_ms();
        if (dc_epw_read(s->weather_file, &w, NULL) != DC_OK) exit(1);
        t[k] = now_ms() - t0;
        dc_weather_raw_free(&w);
    }
    report("(a) weather read (EPW, 8760 rows)", t, n);
}

/* Sun position for the site plus every array of the scenario: the first
 * array with its sun, and each further array alone. */
static void bench_pv(const dc_scenario *s, const dc_inputs *in, dc_model *m)
{
    double t[MAX_REPS], first[MAX_REPS], further[MAX_REPS], *ac = malloc(sizeof(double) * (size_t)m->ta.n);
    int n = 30, arrays = s->list[S_PV].n;
    dc_site_geo site = {in->weather.latitude_deg, in->weather.longitude_deg, in->weather.elevation_m};
    for (int k = 0; k < n; k++) {
        dc_ephem e;
        dc_sun sun;
        double t0 = now_ms(), t1 = t0;
        dc_ephem_build(&e, m->ta.start_jd, m->ta.n * m->step_h / 24.0, 70.0);
        dc_sun_build(&sun, &m->ta, &m->weather, &site, &e, 0);
        for (int a = 0; a < arrays; a++) {
            dc_pv_params p = DC_CITEMS(s, S_PV, dc_pv_item)[a].pv;
            p.albedo = 0.2;
            dc_pv_simulate(&p, s->year, &sun, &m->weather, m->step_h, ac, NULL);
            if (a == 0) t1 = now_ms();
        }
        t[k] = now_ms() - t0;
        first[k] = t1 - t0;
        further[k] = arrays > 1 ? (t[k] - first[k]) / (arrays - 1) : 0;
        dc_sun_free(&sun);
        dc_ephem_free(&e);
    }
    char label[96];
    snprintf(label, sizeof label, "(b) PV model (sun + %d arrays)", arrays);
    report(label, t, n);
    report("    first array with its sun (target <= 2.5 ms)", first, n);
    report("    each further array (target <= 0.2 ms)", further, n);
    for (int k = 0; k < 10; k++) { /* what the daily nodes save */
        double t0 = now_ms();
        for (int i = 0; i < m->ta.n; i++) {
            dc_geocentric g;
            dc_sunpos p;
            dc_spa_geocentric(m->ta.start_jd + (i + 0.5) / 24.0, 70.0, &g);
            dc_spa_topocentric(&g, &site, 1013, 15, 0.5667, &p);
        }
        t[k] = now_ms() - t0;
    }
    report("    for comparison: full SPA at every hour", t, 10);
    free(ac);
}

static double bench_dispatch(dc_model *m)
{
    double t[MAX_REPS];
    int n = 500;
    for (int k = 0; k < n; k++) { /* reset solves the passive sites' year: it is dispatch too */
        double t0 = now_ms();
        dc_model_reset(m);
        dc_model_run(m);
        t[k] = now_ms() - t0;
    }
    char label[96];
    snprintf(label, sizeof label, "(c) dispatch + balance (%zu sites, %zu steps)", dc_model_site_count(m),
             dc_model_steps(m));
    return report(label, t, n);
}

/* Dispatch of another scenario (one with every technology), or of the
 * same one with a --set (set: NULL for none), its buses on `threads`
 * threads (0: one thread, every bus on the generic step, no kernels);
 * the median [ms]. */
static double bench_other_dispatch(const char *path, const char *set, const char *note, int threads)
{
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_model *m = NULL;
    if (dc_scenario_load(path, &s, d) || (set && (dc_scenario_set(s, set, d) || dc_scenario_validate(s, d))) ||
        dc_inputs_load(s, &in, d) ||
        dc_model_create(s, in, &m, d)) {
        for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
        exit(1);
    }
    dc_model_set_threads(m, threads > 0 ? threads : 1);
    if (threads == 0) { /* the comparison for the kernels (src/sim/kernels.c) */
        m->eng.generic_only = 1;
        dc_engine_prepare(&m->eng);
    }
    printf("    scenario %s%s:\n", path, note);
    double med = bench_dispatch(m);
    dc_model_destroy(&m);
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    return med;
}

/* One `decarb run` of scenario in dir (with one --set when set is not
 * NULL): wall time [ms] and max RSS [KiB]. */
static double one_run(const char *bin, const char *scenario, const char *dir, const char *set, long *rss_kib)
{
    const char *argv[] = {bin, "run", scenario, "-q", "-o", dir, set ? "--set" : NULL, set, NULL};
    return launch(argv, rss_kib);
}

/* The whole run, and the baseline's when given, interleaved run by run so
 * that the machine's drift falls on both alike. The run compared with the
 * baseline writes the files the baseline writes (no leading_area: no
 * workbook or report); the full set is timed beside it, just before it,
 * so that it follows a run of its own version with or without a baseline:
 * right after the baseline's run it took 1.3-5.8 ms longer (three rounds
 * of this loop against three without a baseline, the same minutes). */
static void bench_whole_run(const char *bin, const char *scenario, const char *base_bin, const char *base_scenario)
{
    double t[MAX_REPS], tb[MAX_REPS], tf[MAX_REPS];
    long peak_kib = 0, base_kib = 0, full_kib = 0;
    int n = 21;
    char dir[] = "/tmp/decarb-bench-XXXXXX";
    if (!mkdtemp(dir)) exit(1);
    for (int k = 0; k < n; k++) {
        tf[k] = one_run(bin, scenario, dir, NULL, &full_kib);
        t[k] = one_run(bin, scenario, dir, "leading_area.area=", &peak_kib);
        if (base_bin) tb[k] = one_run(base_bin, base_scenario, dir, NULL, &base_kib);
    }
    report("(d0) whole `decarb run`, every output file", tf, n);
    printf("%-46s %9.1f MiB\n", "    peak memory (max RSS of the run)", full_kib / 1024.0);
    report("(d) the same without leading_area's netzero.csv, economics.csv, application.xlsx, report.html", t, n);
    printf("%-46s %9.1f MiB\n", "    peak memory (max RSS of the run)", peak_kib / 1024.0);
    if (base_bin) {
        double new_med = median(t, (size_t)n), new_min = t[0]; /* median() sorted t */
        report("(e) the same for the baseline version", tb, n);
        printf("%-46s %9.1f MiB\n", "    peak memory (max RSS of the run)", base_kib / 1024.0);
        printf("%-46s %9.2f (fastest runs %.2f)\n", "    whole run / baseline (medians)",
               new_med / median(tb, (size_t)n), new_min / tb[0]);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) exit(1);
}

/* A sweep of `cases` over the default with one axis, written into dir. */
static void sweep_file(const char *dir, const char *name, const char *scenario, const char *key, double from,
                       double to, long cases)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.yaml", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp) exit(1);
    char base[4096];
    if (!realpath(scenario, base)) exit(1);
    fprintf(fp, "base: %s\naxes:\n  - {key: %s, from: %g, to: %g, steps: %ld}\n", base, key, from, to, cases);
    fclose(fp);
}

/* `decarb sweep` of that file on one thread, into a fresh folder (a
 * finished sweep's would be resumed) or, to resume, the folder as it is:
 * wall time [ms], max RSS. */
static double one_sweep(const char *bin, const char *dir, const char *name, int resume, long *rss_kib)
{
    char file[512], out[512], rm[600];
    snprintf(file, sizeof file, "%s/%s.yaml", dir, name);
    snprintf(out, sizeof out, "%s/%s.out", dir, name);
    snprintf(rm, sizeof rm, "rm -rf %s", out);
    if (!resume && system(rm)) exit(1);
    const char *argv[] = {bin, "sweep", file, "-q", "-j", "1", "-o", out, NULL};
    *rss_kib = 0;
    return launch(argv, rss_kib);
}

/* The timed sweeps, run in turn SWEEP_RUNS times (a slow spell of the
 * machine then slows every kind alike): their median wall times [ms]. */
enum { TIMED_SWEEPS = 4, SWEEP_RUNS = 7 };
static void timed_sweeps(const char *bin, const char *dir, const char *const names[TIMED_SWEEPS],
                         double med[TIMED_SWEEPS], long *rss_kib)
{
    double t[TIMED_SWEEPS][SWEEP_RUNS];
    for (int r = 0; r < SWEEP_RUNS; r++)
        for (int k = 0; k < TIMED_SWEEPS; k++) t[k][r] = one_sweep(bin, dir, names[k], 0, rss_kib);
    for (int k = 0; k < TIMED_SWEEPS; k++) med[k] = median(t[k], SWEEP_RUNS);
}

/* A journal of a 10^5-case sweep with every case but the first `left`
 * done (rows copied from a finished sweep's), so that the resumed run
 * gathers 10^5 rows after running `left` cases: its peak memory is the
 * sweep's at 10^5 cases, without 10^5 runs. */
static void fake_journal(const char *bin, const char *dir, const char *name, long cases, long left)
{
    char path[700], row[8192], out[512], csv[700];
    snprintf(out, sizeof out, "%s/%s.out", dir, name);
    snprintf(csv, sizeof csv, "%s/dispatch.out/sweep.csv", dir); /* a finished sweep: one row to copy */
    FILE *in = fopen(csv, "r");
    if (!in || !fgets(row, sizeof row, in) || !fgets(row, sizeof row, in)) exit(1);
    fclose(in);
    char *after = strchr(row, ','), file[512], tag_cmd[4096], tag[128];
    snprintf(file, sizeof file, "%s/%s.yaml", dir, name);
    /* The tag: a sweep started and killed as soon as its journal exists. */
    snprintf(tag_cmd, sizeof tag_cmd, "mkdir -p %s; (%s sweep %s -q -j 1 -o %s & p=$!; while [ ! -s %s/sweep.journal ]; "
             "do sleep 0.01; done; kill -9 $p) 2>/dev/null; head -1 %s/sweep.journal", out, bin, file, out, out, out);
    FILE *p = popen(tag_cmd, "r");
    if (!p || !fgets(tag, sizeof tag, p)) exit(1);
    pclose(p);
    snprintf(path, sizeof path, "%s/sweep.journal", out);
    FILE *j = fopen(path, "w");
    if (!j) exit(1);
    fputs(tag, j);
    for (long i = left; i < cases; i++) fprintf(j, "%ld%s", i, after);
    fclose(j);
}

/* Cases per second on one core, for an axis that changes only the
 * dispatch (a battery) and one that changes a capacity (PV rescaled), and
 * peak memory at 10^3 and 10^5 cases. */
static void bench_sweeps(const char *bin, const char *scenario)
{
    char dir[] = "/tmp/decarb-sweep-bench-XXXXXX";
    if (!mkdtemp(dir)) exit(1);
    long rss3 = 0, rss5 = 0, rss_c = 0, n = 500;
    sweep_file(dir, "dispatch", scenario, "batteries.town_hall_battery.energy_kwh", 0, 2000, n);
    sweep_file(dir, "capacity", scenario, "pv_arrays.irrigation_pond.capacity_kw", 500, 5000, n);
    sweep_file(dir, "accounting", scenario, "leading_area.tariff_yen_per_kwh", 15, 40, n);
    sweep_file(dir, "thousand", scenario, "batteries.town_hall_battery.energy_kwh", 0, 2000, 1000);
    sweep_file(dir, "hundred_thousand", scenario, "batteries.town_hall_battery.energy_kwh", 0, 2000, 100000);
    static const char *const names[TIMED_SWEEPS] = {"dispatch", "capacity", "accounting", "thousand"};
    double med[TIMED_SWEEPS];
    timed_sweeps(bin, dir, names, med, &rss_c);
    double td = med[0], tc = med[1], ta = med[2], t1000 = med[3];
    one_sweep(bin, dir, "thousand", 0, &rss3);
    printf("(f) sweep, one thread, %ld cases of the default, median of %d runs each (targets: >= 5000/s "
           "dispatch-only, >= 1000/s capacity):\n", n, SWEEP_RUNS);
    printf("%-46s %9.1f cases/s (%.2f ms a case)\n", "    dispatch-only axis (a battery)", n / td * 1e3, td / n);
    printf("%-46s %9.1f cases/s (%.2f ms a case)\n", "    capacity axis (PV rescaled)", n / tc * 1e3, tc / n);
    printf("%-46s %9.1f cases/s (%.2f ms a case)\n", "    accounting axis (a tariff: no new run)", n / ta * 1e3, ta / n);
    /* The same axis at twice the cases: what a case adds once the sweep
     * has started (the base read, the first model built), as the
     * progress bar's rate counts. */
    printf("%-46s %9.1f cases/s (%.2f ms a case; the whole sweep of 1,000: %.1f cases/s)\n",
           "    battery axis, the 500 cases past the first", 500 / (t1000 - td) * 1e3, (t1000 - td) / 500,
           1000 / t1000 * 1e3);
    fake_journal(bin, dir, "hundred_thousand", 100000, 1000);
    one_sweep(bin, dir, "hundred_thousand", 1, &rss5);
    printf("(g) peak memory of a sweep: 10^3 cases %.1f MiB, 10^5 cases %.1f MiB (ratio %.3f, target within 10 %%)\n",
           rss3 / 1024.0, rss5 / 1024.0, (double)rss5 / (double)rss3);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 5) {
        fprintf(stderr, "usage: bench SCENARIO.yaml DECARB_BINARY [BASELINE_BINARY BASELINE_SCENARIO.yaml]\n");
        return 2;
    }
    launcher_start(); /* first, while this process is small */
    gsl_set_error_handler_off();
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    dc_inputs *in = NULL;
    dc_model *m = NULL;
    if (dc_scenario_load(argv[1], &s, d) || dc_inputs_load(s, &in, d) || dc_model_create(s, in, &m, d)) {
        for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
        return 1;
    }
    printf("decarb %s bench, scenario %s: median time per simulated year\n", DC_VERSION, argv[1]);
    bench_weather(s);
    bench_pv(s, in, m);
    double hourly = bench_dispatch(m);
    double half = bench_other_dispatch(argv[1], "step_minutes=30", " at 30-minute steps", 1);
    printf("    30-minute year / hourly year: %.2f (target <= 2)\n", half / hourly);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    char on_cores[64];
    snprintf(on_cores, sizeof on_cores, ", its buses on %ld threads as `decarb run` does", cores);
    const char *every = getenv("BENCH_EVERY_TECH"); /* a second scenario with every technology */
    if (every && *every) {
        bench_other_dispatch(every, NULL, ", one thread", 1);
        bench_other_dispatch(every, NULL, ", one thread, for comparison: every bus on the generic step", 0);
        if (cores > 1) bench_other_dispatch(every, NULL, on_cores, (int)cores);
    }
    const char *scan = getenv("BENCH_SCAN"); /* a scenario whose run ends with the survival scan */
    if (scan && *scan) {
        bench_other_dispatch(scan, NULL, " (the year's last step runs the survival scan), one thread", 1);
        if (cores > 1) bench_other_dispatch(scan, NULL, on_cores, (int)cores);
    }
    bench_whole_run(argv[2], argv[1], argc == 5 ? argv[3] : NULL, argc == 5 ? argv[4] : NULL);
    bench_sweeps(argv[2], argv[1]);
    printf("targets on this machine: dispatch <= 1 ms, whole run <= 100 ms and no slower than the baseline,\n"
           "peak memory <= 64 MiB\n");
    dc_model_destroy(&m);
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    close(to_launcher); /* the launcher ends at the end of its requests */
    wait(NULL);
    return 0;
}

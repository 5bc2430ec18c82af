/* dc_write_outputs: every file of the set into a private folder, then the
 * set swapped in as one unit (resultset.c); on any failure the old set
 * stays as it was and nothing of the new one is left. The files are
 * independent readers of a finished model, so two threads write them, the
 * longest first (the workbook, results.h5, hourly.csv); Debian's HDF5 is
 * built thread-safe. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "resultset.h"
#include "spread.h"
#include "writers.h"
#include "xlsx_lib.h"

enum { F_HOURLY, F_SUMMARY, F_RESOURCES, F_RESOLVED, F_H5, F_GHG, F_RESILIENCE, F_NETZERO, F_ECONOMICS, F_XLSX, F_REPORT, N_FILES };
static const char *const NAMES[N_FILES + 1] = {
    [F_HOURLY] = "hourly.csv", [F_SUMMARY] = "summary.csv",           [F_RESOURCES] = "resources.csv",
    [F_H5] = "results.h5",     [F_RESOLVED] = "scenario.resolved.yaml", [F_GHG] = "ghg.csv",
    [F_RESILIENCE] = "resilience.csv", [F_NETZERO] = "netzero.csv", [F_ECONOMICS] = "economics.csv",
    [F_XLSX] = "application.xlsx", [F_REPORT] = "report.html",
    [N_FILES] = NULL,
};

static int write_csv(int k, FILE *fp, const dc_model *m, const dc_ghg *g)
{
    switch (k) {
    case F_HOURLY: return dc_write_hourly_csv(m, fp);
    case F_SUMMARY: return dc_write_summary_csv(m, fp);
    case F_RESOURCES: return dc_write_resources_csv(m, fp);
    case F_GHG: return dc_write_ghg_csv(g, fp);
    case F_RESILIENCE: return dc_write_resilience_csv(m, fp);
    case F_NETZERO: return dc_write_netzero_csv(m, fp);
    case F_ECONOMICS: return dc_write_economics_csv(m, fp);
    case F_REPORT: return dc_write_report_html(m, fp);
    default: return dc_write_resolved_yaml(dc_model_scenario(m), fp);
    }
}

static int write_one(int k, dc_resultset *r, const dc_model *m, const dc_ghg *g)
{
    if (k == F_H5 || k == F_XLSX) { /* libraries that open their file by name, in the run's private folder */
        char path[3 * DC_PATH_MAX];
        if (dc_resultset_path(r, NAMES[k], path, sizeof path)) return -1;
        return k == F_H5 ? dc_write_hdf5(m, path) : dc_write_xlsx(m, g, path);
    }
    enum { BUFFER = 1 << 20 }; /* megabyte writes, not 4 KiB ones */
    char *buf = malloc(BUFFER);
    FILE *fp = dc_resultset_create(r, NAMES[k], buf, BUFFER);
    if (!fp) return free(buf), -1;
    int rc = write_csv(k, fp, m, g);
    rc |= ferror(fp);
    rc |= fclose(fp) != 0;
    free(buf);
    return rc ? -1 : 0;
}

/* The files of a set and the threads that write them. */
typedef struct {
    dc_resultset *r;
    const dc_model *m;
    const dc_ghg *g;
    int files[N_FILES], n, next; /* the files to write, in order, and the next to take */
    int failed, failed_file, failed_errno; /* the first file that could not be written */
    pthread_mutex_t lock;
} writing;

static void *write_files(void *arg)
{
    writing *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        int k = w->failed || w->next >= w->n ? -1 : w->files[w->next++];
        pthread_mutex_unlock(&w->lock);
        if (k < 0) return NULL;
        errno = 0;
        if (write_one(k, w->r, w->m, w->g) == 0) continue;
        int err = errno;
        pthread_mutex_lock(&w->lock);
        if (!w->failed) w->failed = 1, w->failed_file = k, w->failed_errno = err;
        pthread_mutex_unlock(&w->lock);
    }
}

static int wanted(int k, const dc_model *m, const dc_ghg *g)
{
    if (k == F_GHG && !g) return 0; /* ghg.csv only with a ghg section */
    if (k == F_RESILIENCE && !dc_model_outage_count(m) && !dc_model_survival_count(m)) return 0;
    int area_file = k == F_NETZERO || k == F_ECONOMICS || k == F_XLSX || k == F_REPORT;
    return !(area_file && !dc_model_scenario(m)->leading.area[0]);
}

/* Every wanted file, the longest first, on this thread and one more. */
static void write_all(writing *w)
{
    static const int ORDER[N_FILES] = {F_XLSX, F_H5, F_HOURLY, F_SUMMARY, F_RESOURCES, F_RESOLVED,
                                       F_GHG, F_RESILIENCE, F_NETZERO, F_ECONOMICS, F_REPORT};
    for (int j = 0; j < N_FILES; j++)
        if (wanted(ORDER[j], w->m, w->g)) w->files[w->n++] = ORDER[j];
    pthread_mutex_init(&w->lock, NULL);
    pthread_t other;
    int two = dc_thread_start(&other, write_files, w) == 0; /* else all on this one */
    write_files(w);
    if (two) pthread_join(other, NULL);
    pthread_mutex_destroy(&w->lock);
}

dc_status dc_write_outputs(const dc_model *m, const dc_ghg *g, const char *dir, dc_diag *diag)
{
    if (!m || !dir) return DC_ERR_ARG;
    if (dc_model_steps_done(m) < dc_model_steps(m)) return DC_ERR_STATE;
    dc_resultset r;
    char err[DC_PATH_MAX * 2 + 256];
    if (dc_resultset_begin(&r, dir, NAMES, err, sizeof err)) {
        dc_diag_add(diag, *dir ? dir : NULL, 0, 0, NULL, "%s", err);
        return DC_ERR_OUTPUT;
    }
    writing w = {.r = &r, .m = m, .g = g};
    write_all(&w);
    if (w.failed) {
        const char *why = w.failed_errno ? strerror(w.failed_errno) : "write error";
        if (w.failed_file == F_XLSX && w.failed_errno == ELIBACC) why = dc_xlsx_lib_error();
        dc_diag_add(diag, dir, 0, 0, NAMES[w.failed_file], "cannot write: %s", why);
        dc_resultset_abort(&r);
        return DC_ERR_OUTPUT;
    }
    if (dc_resultset_commit(&r, err, sizeof err)) {
        dc_diag_add(diag, dir, 0, 0, NULL, "%s", err);
        return DC_ERR_OUTPUT;
    }
    return DC_OK;
}

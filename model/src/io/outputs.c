/* dc_write_outputs: every file to a temporary name, then renamed
 * together; on any failure every temporary file is removed. */
#include <errno.h>
#include <string.h>

#include "atomic.h"
#include "diag.h"
#include "writers.h"

enum { F_HOURLY, F_SUMMARY, F_RESOURCES, F_RESOLVED, F_H5, F_GHG, N_FILES };
static const char *const NAMES[N_FILES] = {
    [F_HOURLY] = "hourly.csv",   [F_SUMMARY] = "summary.csv",           [F_RESOURCES] = "resources.csv",
    [F_H5] = "results.h5",       [F_RESOLVED] = "scenario.resolved.yaml", [F_GHG] = "ghg.csv",
};

static int write_one(int k, dc_afile *f, const dc_model *m, const dc_ghg *g, const char *dir)
{
    if (k == F_H5) return dc_afile_name(f, dir, NAMES[k]) || dc_write_hdf5(m, f->tmp);
    if (dc_afile_open(f, dir, NAMES[k])) return -1;
    int rc = k == F_HOURLY      ? dc_write_hourly_csv(m, f->fp)
           : k == F_SUMMARY   ? dc_write_summary_csv(m, f->fp)
           : k == F_RESOURCES ? dc_write_resources_csv(m, f->fp)
           : k == F_GHG       ? dc_write_ghg_csv(g, f->fp)
                              : dc_write_resolved_yaml(dc_model_scenario(m), f->fp);
    return dc_afile_close(f) || rc;
}

dc_status dc_write_outputs(const dc_model *m, const dc_ghg *g, const char *dir, dc_diag *diag)
{
    if (!m || !dir || !*dir) return DC_ERR_ARG;
    if (dc_model_steps_done(m) < dc_model_steps(m)) return DC_ERR_STATE;
    if (dc_mkdirs(dir)) {
        dc_diag_add(diag, dir, 0, 0, NULL, "cannot create output folder: %s", strerror(errno));
        return DC_ERR_OUTPUT;
    }
    dc_afile f[N_FILES];
    memset(f, 0, sizeof f);
    int k, n = g ? N_FILES : F_GHG; /* ghg.csv only with a ghg section */
    for (k = 0; k < n; k++)
        if (write_one(k, &f[k], m, g, dir)) break;
    if (k < n) {
        dc_diag_add(diag, f[k].final, 0, 0, NULL, "cannot write: %s", strerror(errno));
        for (int j = 0; j <= k; j++) dc_afile_discard(&f[j]);
        return DC_ERR_OUTPUT;
    }
    for (k = 0; k < n; k++)
        if (dc_afile_commit(&f[k])) {
            dc_diag_add(diag, f[k].final, 0, 0, NULL, "cannot rename into place: %s", strerror(errno));
            for (int j = k; j < n; j++) dc_afile_discard(&f[j]);
            return DC_ERR_OUTPUT;
        }
    return DC_OK;
}

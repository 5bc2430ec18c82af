/* results.h5: hourly datasets with unit attributes (h5py/pandas readable). */
#include <hdf5.h>
#include <hdf5_hl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writers.h"

static int put_series(hid_t g, const char *name, const double *v, hsize_t n, const char *unit,
                      const char *help)
{
    if (H5LTmake_dataset_double(g, name, 1, &n, v) < 0) return -1;
    if (H5LTset_attribute_string(g, name, "units", unit) < 0) return -1;
    return H5LTset_attribute_string(g, name, "description", help) < 0 ? -1 : 0;
}

static int put_times(const dc_model *m, hid_t g)
{
    enum { W = 23 }; /* "YYYY-MM-DDTHH:MM+09:00" + NUL */
    char *buf = malloc((size_t)m->ta.n * W);
    if (!buf) return -1;
    for (int i = 0; i < m->ta.n; i++) dc_format_time(m, i, buf + (size_t)i * W, W);
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, W);
    hsize_t n = (hsize_t)m->ta.n;
    hid_t space = H5Screate_simple(1, &n, NULL);
    hid_t ds = H5Dcreate2(g, "time_jst", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int rc = ds < 0 || H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0 ? -1 : 0;
    if (ds >= 0) H5Dclose(ds);
    H5Sclose(space);
    H5Tclose(type);
    free(buf);
    if (rc == 0) rc = H5LTset_attribute_string(g, "time_jst", "description", "start of each step, JST (UTC+9)") < 0;
    return rc;
}

static int put_group_rows(hid_t file, const char *group, double **rows, char (*names)[64], int count,
                          hsize_t n, const char *help)
{
    hid_t g = H5Gcreate2(file, group, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) return -1;
    int rc = 0;
    for (int k = 0; k < count && rc == 0; k++) rc = put_series(g, names[k], rows[k], n, "kWh", help);
    H5Gclose(g);
    return rc;
}

static int put_meta(const dc_model *m, const dc_scenario *s, hid_t file)
{
    int step_s = m->ta.step_s, steps = m->ta.n, year = m->ta.year;
    double ef = m->grid_params.emission_factor_kg_per_kwh;
    if (H5LTset_attribute_string(file, "/", "scenario", s->name) < 0) return -1;
    if (H5LTset_attribute_string(file, "/", "year_basis", m->ta.fiscal ? "fiscal" : "calendar") < 0) return -1;
    if (H5LTset_attribute_string(file, "/", "decarb_version", DC_VERSION) < 0) return -1;
    if (H5LTset_attribute_int(file, "/", "year", &year, 1) < 0) return -1;
    if (H5LTset_attribute_int(file, "/", "step_seconds", &step_s, 1) < 0) return -1;
    if (H5LTset_attribute_int(file, "/", "steps", &steps, 1) < 0) return -1;
    return H5LTset_attribute_double(file, "/", "emission_factor_kg_per_kwh", &ef, 1) < 0 ? -1 : 0;
}

static int fill(const dc_model *m, const dc_scenario *s, hid_t file)
{
    hsize_t n = (hsize_t)m->ta.n;
    if (put_meta(m, s, file)) return -1;
    hid_t g = H5Gcreate2(file, "hourly", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) return -1;
    int rc = put_times(m, g);
    for (int k = 0; k < SER_COUNT && rc == 0; k++)
        rc = put_series(g, dc_series_table[k].name, m->series[k], n, dc_series_table[k].unit,
                        dc_series_table[k].help);
    H5Gclose(g);
    if (rc == 0) rc = put_group_rows(file, "pv_arrays", m->pv_kwh, m->pv_names, m->n_pv, n, "AC output of one array");
    if (rc == 0) rc = put_group_rows(file, "loads", m->load_kwh, m->load_names, m->n_loads, n, "one load after savings");
    return rc;
}

int dc_write_hdf5(const dc_model *m, const dc_scenario *s, const char *path)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* errors come back as codes, not prints */
    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0) return -1;
    int rc = fill(m, s, file);
    return H5Fclose(file) < 0 || rc ? -1 : 0;
}

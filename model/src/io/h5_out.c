/* results.h5: every series of the registry with units and descriptions,
 * the town's under /hourly, each site's under /sites/SITE (its resources
 * under /sites/SITE/TYPE/NAME) and each private wire's connection under
 * /private_wires/WIRE. h5py and pandas read it. */
#include <hdf5.h>
#include <hdf5_hl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writers.h"

enum { PATH_LEN = 512 };

/* Every value +0.0 (all bits clear), read a block at a time without an
 * exit per value, so that the compiler can use vector registers. */
static int all_zero(const double *v, hsize_t n)
{
    enum { BLOCK = 64 };
    hsize_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK) {
        uint64_t any = 0, bits[BLOCK];
        memcpy(bits, v + i, sizeof bits);
        for (int k = 0; k < BLOCK; k++) any |= bits[k];
        if (any) return 0;
    }
    for (; i < n; i++)
        if (v[i] != 0.0 || signbit(v[i])) return 0;
    return 1;
}

/* A string attribute on an open object: H5LT's by-path form reopens the
 * object each time, which was a third of writing results.h5. */
static int attr_string(hid_t obj, const char *name, const char *value)
{
    hid_t type = H5Tcopy(H5T_C_S1), space = H5Screate(H5S_SCALAR);
    H5Tset_size(type, strlen(value) + 1);
    H5Tset_cset(type, H5T_CSET_UTF8);
    hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    int rc = a < 0 || H5Awrite(a, type, value) < 0 ? -1 : 0;
    if (a >= 0) H5Aclose(a);
    H5Sclose(space);
    H5Tclose(type);
    return rc;
}

/* What every series' dataset shares: its shape, and how it is created
 * (fill value 0; a series that is zero all year is stored as its fill
 * value, so readers get the zeros and the file holds no bytes for them).
 * No times are stored: the same run gives the same file. */
typedef struct {
    hid_t space, written, zeros;
} series_kind;

static hid_t series_dcpl(int zeros)
{
    double zero = 0.0;
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (dcpl < 0) return -1;
    if (H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &zero) < 0 || H5Pset_obj_track_times(dcpl, 0) < 0 ||
        (zeros && H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_LATE) < 0)) {
        H5Pclose(dcpl);
        return -1;
    }
    return dcpl;
}

static int series_kind_open(series_kind *k, hsize_t n)
{
    k->space = H5Screate_simple(1, &n, NULL);
    k->written = series_dcpl(0);
    k->zeros = series_dcpl(1);
    return k->space < 0 || k->written < 0 || k->zeros < 0 ? -1 : 0;
}

static void series_kind_close(series_kind *k)
{
    if (k->space >= 0) H5Sclose(k->space);
    if (k->written >= 0) H5Pclose(k->written);
    if (k->zeros >= 0) H5Pclose(k->zeros);
}

static int put_series(hid_t parent, const series_kind *k, const char *name, const double *v, hsize_t n,
                      const char *unit, const char *help)
{
    int zeros = all_zero(v, n), rc = 0;
    hid_t ds = H5Dcreate2(parent, name, H5T_IEEE_F64LE, k->space, H5P_DEFAULT, zeros ? k->zeros : k->written, H5P_DEFAULT);
    if (ds < 0 || (!zeros && H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0)) rc = -1;
    if (rc == 0) rc = attr_string(ds, "units", unit) || attr_string(ds, "description", help) ? -1 : 0;
    if (ds >= 0) H5Dclose(ds);
    return rc;
}

static int put_times(const dc_model *m, hid_t file)
{
    enum { W = 23 }; /* "YYYY-MM-DDTHH:MM+09:00" + NUL */
    size_t steps = dc_model_steps(m);
    char *buf = malloc(steps * W + 1);
    if (!buf) return -1;
    for (size_t i = 0; i < steps; i++) dc_format_time(m, i, buf + i * W, W);
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, W);
    hsize_t n = (hsize_t)steps;
    hid_t space = H5Screate_simple(1, &n, NULL), dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_obj_track_times(dcpl, 0);
    hid_t ds = H5Dcreate2(file, "/hourly/time_jst", type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    int rc = ds < 0 || H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0 ? -1 : 0;
    if (ds >= 0) H5Dclose(ds);
    H5Sclose(space);
    H5Tclose(type);
    free(buf);
    if (rc == 0)
        rc = H5LTset_attribute_string(file, "/hourly/time_jst", "description", "start of each step, JST (UTC+9)") < 0;
    return rc;
}

static int put_meta(const dc_model *m, hid_t file)
{
    const dc_scenario *s = dc_model_scenario(m);
    int step_s = (int)(dc_model_step_hours(m) * 3600 + 0.5), steps = (int)dc_model_steps(m), year = s->year;
    double ef = s->grid.emission_factor_kg_per_kwh;
    if (H5LTset_attribute_string(file, "/", "scenario", s->name) < 0) return -1;
    if (H5LTset_attribute_string(file, "/", "year_basis", s->fiscal ? "fiscal" : "calendar") < 0) return -1;
    if (H5LTset_attribute_string(file, "/", "decarb_version", DC_VERSION) < 0) return -1;
    if (H5LTset_attribute_int(file, "/", "year", &year, 1) < 0) return -1;
    if (H5LTset_attribute_int(file, "/", "step_seconds", &step_s, 1) < 0) return -1;
    if (H5LTset_attribute_int(file, "/", "steps", &steps, 1) < 0) return -1;
    if (!isnan(ef) && H5LTset_attribute_double(file, "/", "emission_factor_kg_per_kwh", &ef, 1) < 0) return -1;
    return 0;
}

/* Each site's factor beside its series (sites on one supplier's menu differ). */
static int put_site_factors(const dc_model *m, hid_t file)
{
    char group[PATH_LEN];
    for (size_t k = 0; k < dc_model_site_count(m); k++) {
        double ef = dc_model_site_emission_factor(m, k);
        snprintf(group, sizeof group, "/sites/%s", dc_model_site_name(m, k));
        if (H5Oexists_by_name(file, group, H5P_DEFAULT) <= 0) continue;
        if (H5LTset_attribute_double(file, group, "emission_factor_kg_per_kwh", &ef, 1) < 0) return -1;
    }
    return 0;
}

static void series_path(const dc_series_info *s, char *buf, size_t len)
{
    switch (s->level) {
    case DC_LEVEL_TOWN: snprintf(buf, len, "/hourly/%s", s->quantity); break;
    case DC_LEVEL_WIRE: snprintf(buf, len, "/private_wires/%s/%s", s->owner, s->quantity); break;
    case DC_LEVEL_SITE: snprintf(buf, len, "/sites/%s/%s", s->owner, s->quantity); break;
    default: snprintf(buf, len, "/sites/%s/resources/%s/%s/%s", s->site, s->kind, s->owner, s->quantity); break;
    }
}

/* The group of a series, opened (or created) once while its series follow
 * one another: creating each dataset by its full path walked the groups
 * every time. */
typedef struct {
    char path[PATH_LEN];
    hid_t id;
} open_group;

static hid_t group_of(hid_t file, hid_t lcpl, open_group *g, const char *path)
{
    if (g->id >= 0 && !strcmp(g->path, path)) return g->id;
    if (g->id >= 0) H5Gclose(g->id);
    snprintf(g->path, sizeof g->path, "%s", path);
    g->id = H5Oexists_by_name(file, path, H5P_DEFAULT) > 0 ? H5Gopen2(file, path, H5P_DEFAULT)
                                                            : H5Gcreate2(file, path, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    return g->id;
}

static int fill(const dc_model *m, hid_t file)
{
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    if (lcpl < 0 || H5Pset_create_intermediate_group(lcpl, 1) < 0) return -1;
    hid_t g = H5Gcreate2(file, "/hourly", lcpl, H5P_DEFAULT, H5P_DEFAULT);
    int rc = g < 0 || put_meta(m, file) || put_times(m, file) ? -1 : 0;
    if (g >= 0) H5Gclose(g);
    dc_series_info s;
    char path[PATH_LEN];
    open_group grp = {"", -1};
    series_kind kind;
    if (series_kind_open(&kind, dc_model_steps(m))) rc = -1;
    for (size_t k = 0; rc == 0 && dc_model_series_get(m, k, &s) == 0; k++) {
        series_path(&s, path, sizeof path);
        char *slash = strrchr(path, '/');
        *slash = '\0';
        hid_t parent = group_of(file, lcpl, &grp, path);
        if (parent < 0) rc = -1;
        else rc = put_series(parent, &kind, slash + 1, dc_model_series_at(m, k), dc_model_steps(m), s.unit, s.help);
    }
    series_kind_close(&kind);
    if (grp.id >= 0) H5Gclose(grp.id);
    if (rc == 0) rc = put_site_factors(m, file);
    H5Pclose(lcpl);
    return rc;
}

int dc_write_hdf5(const dc_model *m, const char *path)
{
    H5E_auto2_t old_func;
    void *old_data;
    H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* errors come back as codes, not prints */
    hid_t file = H5Fcreate(path, H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT); /* never over a planted file */
    int rc = file < 0 ? -1 : fill(m, file);
    if (file >= 0 && H5Fclose(file) < 0) rc = -1;
    H5Eset_auto2(H5E_DEFAULT, old_func, old_data); /* the host program's own setting */
    return rc;
}

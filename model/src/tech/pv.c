#include "pv.h"

#include <math.h>
#include <stddef.h>

#include "minmax.h"
#include "spa.h"
#include "units.h"

/* SAPM coefficients: King et al., Sandia PV Array Performance Model,
 * SAND2004-3535, Table 1. Faiman open rack: U0 25.0, U1 6.84 (Faiman 2008,
 * Prog. Photovolt. 16:307, as adopted by IEC 61853-2).
 *
 * Heat-loss presets in the PVsyst form Tc = Ta + alpha E (1 - eta) /
 * (Uc + Uv ws), with PVsyst's alpha 0.9 and eta 0.1, so the Faiman U0, U1
 * are Uc, Uv divided by 0.81. Land: PVsyst help, "Array thermal losses"
 * (free mounted 29, semi-integrated 20, integrated 15 W/m2K). Floating:
 * Doerenkaemper et al. (2021), "The cooling effect of floating PV in two
 * different climate zones", Solar Energy 214:239-247, doi:10.1016/
 * j.solener.2020.11.029, fits by system as tabulated in pvlib's floating-PV
 * example (docs/examples/floating-pv). */
static const double PVSYST_TO_FAIMAN = 1.0 / (0.9 * (1.0 - 0.1));

const char *const dc_heat_loss_names[DC_N_HEAT_LOSS + 1] = {
    "auto", "free_standing", "semi_integrated", "integrated", "float_closed_large_nl", "float_open_tracking_nl",
    "float_closed_large_sg", "float_closed_medium_sg", "float_open_sg", NULL};

static const double HEAT_LOSS[DC_N_HEAT_LOSS][2] = {
    [DC_HEAT_FREE_STANDING] = {29.0, 0.0},
    [DC_HEAT_SEMI_INTEGRATED] = {20.0, 0.0},
    [DC_HEAT_INTEGRATED] = {15.0, 0.0},
    [DC_HEAT_FLOAT_CLOSED_LARGE_NL] = {25.2, 3.7},  /* NL, closed structure, large water footprint */
    [DC_HEAT_FLOAT_OPEN_TRACKING_NL] = {24.4, 6.5}, /* NL, open, two-axis tracking, small footprint */
    [DC_HEAT_FLOAT_CLOSED_LARGE_SG] = {34.8, 0.8},  /* Singapore, closed, large footprint */
    [DC_HEAT_FLOAT_CLOSED_MEDIUM_SG] = {18.9, 8.9}, /* Singapore, closed, medium footprint */
    [DC_HEAT_FLOAT_OPEN_SG] = {35.3, 8.9},          /* Singapore, open, free-standing */
};

/* The preset an array uses: its own, or its mounting's (rooftop: PVsyst
 * semi-integrated on glass/glass; floating: the closed Dutch system). */
static int heat_loss_of(const dc_pv_params *p)
{
    if (p->heat_loss != DC_HEAT_AUTO) return p->heat_loss;
    if (p->mounting == DC_MOUNT_FLOATING) return DC_HEAT_FLOAT_CLOSED_LARGE_NL;
    if (p->mounting == DC_MOUNT_ROOFTOP) return DC_HEAT_SEMI_INTEGRATED;
    return DC_HEAT_AUTO; /* open rack, carport: Faiman's open-rack fit */
}

static int has_heat_loss_values(const dc_pv_params *p)
{
    return p->heat_loss != DC_HEAT_AUTO || !isnan(p->u_c) || !isnan(p->u_v);
}

int dc_thermal_for(const dc_pv_params *p, int *model_out, dc_thermal *out)
{
    int model = p->temp_model;
    if (p->u_c <= 0 || p->u_v < 0) return -3; /* NaN compares false: unset */
    if (model == DC_TEMP_AUTO)
        model = p->mounting == DC_MOUNT_FLOATING || has_heat_loss_values(p) ? DC_TEMP_FAIMAN : DC_TEMP_SAPM;
    *model_out = model;
    *out = (dc_thermal){NAN, NAN, NAN, 25.0, 6.84};
    if (model == DC_TEMP_SAPM) {
        if (p->mounting == DC_MOUNT_FLOATING) return -1;
        if (has_heat_loss_values(p)) return -2;
        if (p->mounting == DC_MOUNT_ROOFTOP) *out = (dc_thermal){-2.98, -0.0471, 1.0, NAN, NAN}; /* close roof, glass/glass */
        else *out = (dc_thermal){-3.56, -0.0750, 3.0, NAN, NAN}; /* open rack, glass/polymer */
        return 0;
    }
    int preset = heat_loss_of(p);
    double uc = preset ? HEAT_LOSS[preset][0] * PVSYST_TO_FAIMAN : out->u0;
    double uv = preset ? HEAT_LOSS[preset][1] * PVSYST_TO_FAIMAN : out->u1;
    out->u0 = isnan(p->u_c) ? uc : p->u_c * PVSYST_TO_FAIMAN;
    out->u1 = isnan(p->u_v) ? uv : p->u_v * PVSYST_TO_FAIMAN;
    return 0;
}

double dc_cell_temp(int model, const dc_thermal *th, double poa, double t_air, double wind)
{
    if (model == DC_TEMP_FAIMAN) return t_air + poa / (th->u0 + th->u1 * wind);
    double t_module = poa * exp(th->a + th->b * wind) + t_air;
    return t_module + poa / 1000.0 * th->delta_t;
}

/* An inverter's constants: its DC rating and eta_nom / eta_ref. */
typedef struct {
    double per_pdc0, scale; /* 1 / DC rating [1/kW], eta_nom / eta_ref */
} inverter;

static inverter inverter_of(double pac0, double eta_nom)
{
    const double eta_ref = 0.9637; /* PVWatts reference efficiency */
    return (inverter){eta_nom / pac0, eta_nom / eta_ref};
}

static double unclipped(const inverter *v, double pdc)
{
    if (pdc <= 0) return 0.0;
    double z = pdc * v->per_pdc0;
    double eta = v->scale * (-0.0162 * z - 0.0059 / z + 0.9858);
    return dc_max(eta * pdc, 0.0);
}

double dc_inverter_unclipped(double pdc, double pac0, double eta_nom)
{
    inverter v = inverter_of(pac0, eta_nom);
    return unclipped(&v, pdc);
}

double dc_inverter_ac(double pdc, double pac0, double eta_nom)
{
    return dc_min(dc_inverter_unclipped(pdc, pac0, eta_nom), pac0);
}

typedef struct {
    dc_plane plane;
    int model;
    dc_thermal th;
    double iam_sky, iam_ground;  /* diffuse modifiers, fixed per tilt */
    double pdc0, pac0, derate, eta_nom, gamma;
    double stc_per_wm2, aged_per_wm2; /* nameplate and aged DC rating per W/m2 [kW m2/W] */
    inverter inv;
    double nx, ny, nz;           /* the plane's normal: east, north, up */
    double cos_tilt, sin_tilt, ground_view; /* ground_view: albedo x (1 - cos tilt) / 2 */
} pv_setup;

static int setup(const dc_pv_params *p, int year, pv_setup *s)
{
    if (dc_thermal_for(p, &s->model, &s->th)) return -1;
    s->plane = (dc_plane){p->transposition, p->tilt_deg, p->azimuth_deg, p->albedo};
    if (p->diffuse_iam == DC_DIFFUSE_IAM_EQUIVALENT_ANGLE) {
        double a_sky, a_ground;
        dc_diffuse_equivalent_angles(p->tilt_deg, &a_sky, &a_ground);
        s->iam_sky = dc_iam_physical(a_sky);
        s->iam_ground = dc_iam_physical(a_ground);
    } else {
        dc_iam_diffuse(dc_iam_physical_cos, p->tilt_deg, &s->iam_sky, &s->iam_ground);
    }
    double t = p->tilt_deg * DC_DEG, a = p->azimuth_deg * DC_DEG;
    s->cos_tilt = cos(t), s->sin_tilt = sin(t);
    s->nx = s->sin_tilt * sin(a), s->ny = s->sin_tilt * cos(a), s->nz = s->cos_tilt;
    s->ground_view = p->albedo * (1 - s->cos_tilt) / 2;
    int age = year - p->install_year;
    s->pdc0 = p->capacity_kw * pow(1.0 - p->degradation_pct_per_year / 100.0, age > 0 ? age : 0);
    s->pac0 = p->capacity_kw / p->dc_ac_ratio;
    s->derate = 1.0 - p->losses_pct / 100.0;
    s->eta_nom = p->inverter_eff_pct / 100.0;
    s->inv = inverter_of(s->pac0, s->eta_nom);
    s->stc_per_wm2 = p->capacity_kw / 1000.0; /* divisions once per array, not per step */
    s->aged_per_wm2 = s->pdc0 / 1000.0;
    s->gamma = p->gamma_pct_per_c / 100.0;
    return 0;
}

/* One daylight step: AC [kW] and the chain's stages [kW]. */
static double pv_step(const pv_setup *s, const dc_sun *sun, const dc_weather *w, int i,
                      double *poa_global, double *tc, double stage[DC_PV_N_CHAIN])
{
    double cos_aoi = dc_min(dc_max(sun->sx[i] * s->nx + sun->sy[i] * s->ny + sun->sz[i] * s->nz, -1.0), 1.0);
    dc_poa c;
    if (s->plane.model == DC_TRANSPOSE_PEREZ) { /* the site's Perez terms, this plane's geometry */
        c.beam = sun->zenith[i] < 90.0 ? dc_max(sun->dni[i] * cos_aoi, 0.0) : 0.0;
        c.sky = dc_perez_plane(sun->dhi[i], sun->f1[i], sun->f2[i], sun->b[i], cos_aoi, s->cos_tilt, s->sin_tilt);
        c.ground = dc_max(sun->ghi[i], 0) * s->ground_view;
    } else {
        dc_poa_components(&s->plane, sun->zenith[i], acos(cos_aoi) / DC_DEG, sun->ghi[i], sun->dni[i], sun->dhi[i],
                          sun->dni_extra[i], &c);
    }
    *poa_global = c.beam + c.sky + c.ground;
    double eff = c.beam * dc_iam_physical_cos(cos_aoi) + c.sky * s->iam_sky + c.ground * s->iam_ground;
    *tc = dc_cell_temp(s->model, &s->th, *poa_global, w->temp_c[i], w->wind_ms[i]);
    double stc = s->stc_per_wm2 * *poa_global, seen = s->stc_per_wm2 * eff;
    double aged = s->aged_per_wm2 * eff, hot = aged * (1.0 + s->gamma * (*tc - 25.0)), pdc = hot * s->derate;
    double dc_ac = unclipped(&s->inv, pdc), ac = dc_min(dc_ac, s->pac0);
    stage[DC_PV_STC] = stc;
    stage[DC_PV_IAM_LOSS] = stc - seen;
    stage[DC_PV_DEGRADATION_LOSS] = seen - aged;
    stage[DC_PV_TEMPERATURE_LOSS] = aged - hot;
    stage[DC_PV_DC_LOSS] = hot - pdc;
    stage[DC_PV_INVERTER_LOSS] = pdc - dc_ac;
    stage[DC_PV_CLIPPED] = dc_ac - ac;
    return ac;
}

int dc_pv_simulate(const dc_pv_params *p, int year, const dc_sun *sun, const dc_weather *w,
                   double step_h, double *ac_kwh, const dc_pv_extra *extra)
{
    pv_setup s;
    if (setup(p, year, &s)) return -1;
    for (int i = 0; i < sun->n; i++) {
        double ac = 0.0, poa_global = 0.0, tc = w->temp_c[i], stage[DC_PV_N_CHAIN] = {0};
        if (sun->ghi[i] > 0) ac = pv_step(&s, sun, w, i, &poa_global, &tc, stage);
        ac_kwh[i] = ac * step_h;
        if (!extra) continue;
        if (extra->poa) extra->poa[i] = poa_global;
        if (extra->cell_temp) extra->cell_temp[i] = tc;
        for (int k = 0; k < DC_PV_N_CHAIN; k++)
            if (extra->chain[k]) extra->chain[k][i] = stage[k] * step_h;
    }
    return 0;
}

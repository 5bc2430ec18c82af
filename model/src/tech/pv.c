#include "pv.h"

#include <math.h>

#include "spa.h"
#include "units.h"

/* SAPM coefficients: King et al., Sandia PV Array Performance Model,
 * SAND2004-3535, Table 1. Faiman: open rack U0 25.0, U1 6.84 (Faiman 2008,
 * Prog. Photovolt. 16:307, as adopted by IEC 61853-2). Rooftop: PVsyst
 * semi-integrated Uc 20 W/m2K (PVsyst manual) divided by alpha(1-eta) =
 * 0.9 x 0.9 to the Faiman form. Floating: Doerenkaemper et al. (2021),
 * Solar Energy 214:239, closed float structure in the Netherlands,
 * Uc 25.2, Uv 3.7 (PVsyst form), likewise divided by 0.81. */
static const double PVSYST_TO_FAIMAN = 1.0 / (0.9 * (1.0 - 0.1));

int dc_thermal_preset(int mounting, int temp_model, int *model_out, dc_thermal *out)
{
    int model = temp_model;
    if (model == DC_TEMP_AUTO) model = mounting == DC_MOUNT_FLOATING ? DC_TEMP_FAIMAN : DC_TEMP_SAPM;
    *model_out = model;
    switch (mounting) {
    case DC_MOUNT_ROOFTOP: /* close roof mount, glass/glass */
        *out = (dc_thermal){-2.98, -0.0471, 1.0, 20.0 * PVSYST_TO_FAIMAN, 0.0};
        return 0;
    case DC_MOUNT_OPEN_RACK:
    case DC_MOUNT_CARPORT: /* free air on both sides: open rack, glass/polymer */
        *out = (dc_thermal){-3.56, -0.0750, 3.0, 25.0, 6.84};
        return 0;
    case DC_MOUNT_FLOATING:
        *out = (dc_thermal){NAN, NAN, NAN, 25.2 * PVSYST_TO_FAIMAN, 3.7 * PVSYST_TO_FAIMAN};
        return model == DC_TEMP_SAPM ? -1 : 0;
    default:
        return -1;
    }
}

double dc_cell_temp(int model, const dc_thermal *th, double poa, double t_air, double wind)
{
    if (model == DC_TEMP_FAIMAN) return t_air + poa / (th->u0 + th->u1 * wind);
    double t_module = poa * exp(th->a + th->b * wind) + t_air;
    return t_module + poa / 1000.0 * th->delta_t;
}

double dc_inverter_ac(double pdc, double pac0, double eta_nom)
{
    const double eta_ref = 0.9637; /* PVWatts reference efficiency */
    if (pdc <= 0) return 0.0;
    double pdc0 = pac0 / eta_nom, z = pdc / pdc0;
    double eta = eta_nom / eta_ref * (-0.0162 * z - 0.0059 / z + 0.9858);
    double pac = eta * pdc;
    if (pac > pac0) pac = pac0;
    return pac > 0 ? pac : 0.0;
}

typedef struct {
    dc_plane plane;
    int model;
    dc_thermal th;
    double iam_sky, iam_ground;  /* diffuse modifiers, fixed per tilt */
    double pdc0, pac0, derate, eta_nom, gamma;
} pv_setup;

static int setup(const dc_pv_params *p, int year, pv_setup *s)
{
    if (dc_thermal_preset(p->mounting, p->temp_model, &s->model, &s->th)) return -1;
    s->plane = (dc_plane){p->transposition, p->tilt_deg, p->azimuth_deg, p->albedo};
    double a_sky, a_ground;
    dc_diffuse_equivalent_angles(p->tilt_deg, &a_sky, &a_ground);
    s->iam_sky = dc_iam_physical(a_sky);
    s->iam_ground = dc_iam_physical(a_ground);
    int age = year - p->install_year;
    s->pdc0 = p->capacity_kw * pow(1.0 - p->degradation_pct_per_year / 100.0, age > 0 ? age : 0);
    s->pac0 = p->capacity_kw / p->dc_ac_ratio;
    s->derate = 1.0 - p->losses_pct / 100.0;
    s->eta_nom = p->inverter_eff_pct / 100.0;
    s->gamma = p->gamma_pct_per_c / 100.0;
    return 0;
}

int dc_pv_simulate(const dc_pv_params *p, int year, const dc_sun *sun, const dc_weather *w,
                   double step_h, double *ac_kwh, const dc_pv_extra *extra)
{
    pv_setup s;
    if (setup(p, year, &s)) return -1;
    for (int i = 0; i < sun->n; i++) {
        double z = sun->zenith[i], ac = 0.0, poa_global = 0.0, tc = w->temp_c[i];
        if (sun->ghi[i] > 0) {
            dc_sunpos pos = {z, sun->azimuth[i], 90.0 - z};
            double aoi = dc_incidence_deg(&pos, p->tilt_deg, p->azimuth_deg);
            dc_poa c;
            dc_poa_components(&s.plane, z, aoi, sun->ghi[i], sun->dni[i], sun->dhi[i], sun->dni_extra[i], &c);
            poa_global = c.beam + c.sky + c.ground;
            double eff = c.beam * dc_iam_physical(aoi) + c.sky * s.iam_sky + c.ground * s.iam_ground;
            tc = dc_cell_temp(s.model, &s.th, poa_global, w->temp_c[i], w->wind_ms[i]);
            double pdc = s.pdc0 * eff / 1000.0 * (1.0 + s.gamma * (tc - 25.0)) * s.derate;
            ac = dc_inverter_ac(pdc, s.pac0, s.eta_nom);
        }
        ac_kwh[i] = ac * step_h;
        if (extra && extra->poa) extra->poa[i] = poa_global;
        if (extra && extra->cell_temp) extra->cell_temp[i] = tc;
    }
    return 0;
}

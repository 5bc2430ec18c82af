/* PVWatts-style PV array: plane-of-array irradiance, incidence loss, cell
 * temperature, DC power with temperature coefficient, system losses,
 * inverter efficiency curve with clipping, annual degradation. */
#ifndef DC_PV_H
#define DC_PV_H

#include "irradiance.h"
#include "solar.h"
#include "weather.h"

typedef enum { DC_MOUNT_ROOFTOP, DC_MOUNT_OPEN_RACK, DC_MOUNT_CARPORT, DC_MOUNT_FLOATING } dc_mounting;
typedef enum { DC_TEMP_AUTO, DC_TEMP_SAPM, DC_TEMP_FAIMAN } dc_temp_model;
/* Diffuse incidence loss: Marion's integration, or equivalent angles. */
typedef enum { DC_DIFFUSE_IAM_MARION, DC_DIFFUSE_IAM_EQUIVALENT_ANGLE } dc_diffuse_iam;
typedef struct {
    double capacity_kw;          /* DC nameplate at STC [kWp] */
    double tilt_deg;             /* from horizontal [deg] */
    double azimuth_deg;          /* facing, clockwise from north; 180 = south [deg] */
    int mounting;                /* dc_mounting */
    int temp_model;              /* dc_temp_model */
    int transposition;           /* dc_transposition */
    double albedo;               /* ground or water reflectance [0-1] */
    double dc_ac_ratio;          /* DC nameplate / AC rating [-] */
    double losses_pct;           /* DC system losses [%] */
    double gamma_pct_per_c;      /* power temperature coefficient [%/degC] */
    double inverter_eff_pct;     /* nominal inverter efficiency [%] */
    double degradation_pct_per_year; /* [%/year] */
    int install_year;            /* year of commissioning */
    int heat_loss;               /* dc_heat_loss preset; DC_HEAT_AUTO = by mounting */
    int diffuse_iam;             /* dc_diffuse_iam */
    double u_c, u_v;             /* PVsyst-form heat loss [W/m2K], [W s/m3 K]; NaN = the preset's */
} dc_pv_params;

/* Measured heat-loss coefficient sets (PVsyst form), see pv.c for sources. */
typedef enum {
    DC_HEAT_AUTO,
    DC_HEAT_FREE_STANDING,       /* PVsyst free mounted: Uc 29, Uv 0 */
    DC_HEAT_SEMI_INTEGRATED,     /* PVsyst semi-integrated: 20, 0 */
    DC_HEAT_INTEGRATED,          /* PVsyst integrated (insulated back): 15, 0 */
    DC_HEAT_FLOAT_CLOSED_LARGE_NL,
    DC_HEAT_FLOAT_OPEN_TRACKING_NL,
    DC_HEAT_FLOAT_CLOSED_LARGE_SG,
    DC_HEAT_FLOAT_CLOSED_MEDIUM_SG,
    DC_HEAT_FLOAT_OPEN_SG,
    DC_N_HEAT_LOSS
} dc_heat_loss;
extern const char *const dc_heat_loss_names[DC_N_HEAT_LOSS + 1];

typedef struct {
    double a, b, delta_t;  /* SAPM: exp(a + b*ws), conduction step [degC] */
    double u0, u1;         /* Faiman: [W/m2K], [W s/m3 K] */
} dc_thermal;

/* Thermal model and coefficients of an array: SAPM by mounting, or the
 * Faiman form of a heat-loss preset or of the array's own Uc/Uv. Model AUTO
 * resolves here: SAPM on land unless heat-loss values are given. -1 SAPM
 * asked for a floating array (no published coefficients), -2 SAPM asked
 * together with heat-loss values it cannot use, -3 Uc <= 0 or Uv < 0. */
int dc_thermal_for(const dc_pv_params *p, int *model_out, dc_thermal *out);

/* Cell temperature [degC] from POA global [W/m2], air [degC], wind [m/s]. */
double dc_cell_temp(int model, const dc_thermal *th, double poa, double t_air, double wind);

/* PVWatts inverter (Dobos 2014, NREL/TP-6A20-62641 eq. 3): AC [kW] from DC
 * [kW], before clipping at pac0 (0 when the curve goes negative), and after. */
double dc_inverter_unclipped(double pdc_kw, double pac0_kw, double eta_nom);
double dc_inverter_ac(double pdc_kw, double pac0_kw, double eta_nom);

/* The energy chain of an array per step [kWh]: what the nameplate would
 * give at the plane-of-array irradiance (STC efficiency), less each loss
 * in turn; STC minus the six losses is the AC output. The temperature loss
 * is negative when cells are below 25 degC. */
typedef enum {
    DC_PV_STC, DC_PV_IAM_LOSS, DC_PV_DEGRADATION_LOSS, DC_PV_TEMPERATURE_LOSS, DC_PV_DC_LOSS,
    DC_PV_INVERTER_LOSS, DC_PV_CLIPPED, DC_PV_N_CHAIN
} dc_pv_chain;

/* Optional per-step outputs of dc_pv_simulate (each may be NULL). */
typedef struct {
    double *poa;        /* plane-of-array global irradiance [W/m2] */
    double *cell_temp;  /* cell temperature [degC]; air temperature at night */
    double *chain[DC_PV_N_CHAIN]; /* energy chain [kWh per step] */
} dc_pv_extra;

/* AC energy per step [kWh] for the axis' year into ac_kwh[n]. 0 ok, -1 bad
 * parameters. */
int dc_pv_simulate(const dc_pv_params *p, int year, const dc_sun *sun, const dc_weather *w,
                   double step_h, double *ac_kwh, const dc_pv_extra *extra);
#endif

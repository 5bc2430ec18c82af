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
} dc_pv_params;

typedef struct {
    double a, b, delta_t;  /* SAPM: exp(a + b*ws), conduction step [degC] */
    double u0, u1;         /* Faiman: [W/m2K], [W s/m3 K] */
} dc_thermal;

/* Thermal coefficients for a mounting and model; -1 when the pair has no
 * published coefficients (SAPM floating). Model AUTO resolves here. */
int dc_thermal_preset(int mounting, int temp_model, int *model_out, dc_thermal *out);

/* Cell temperature [degC] from POA global [W/m2], air [degC], wind [m/s]. */
double dc_cell_temp(int model, const dc_thermal *th, double poa, double t_air, double wind);

/* PVWatts inverter (Dobos 2014, NREL/TP-6A20-62641 eq. 3): AC [kW] from DC [kW]. */
double dc_inverter_ac(double pdc_kw, double pac0_kw, double eta_nom);

/* Optional per-step outputs of dc_pv_simulate (each may be NULL). */
typedef struct {
    double *poa;        /* plane-of-array global irradiance [W/m2] */
    double *cell_temp;  /* cell temperature [degC]; air temperature at night */
} dc_pv_extra;

/* AC energy per step [kWh] for the axis' year into ac_kwh[n]. 0 ok, -1 bad
 * parameters. */
int dc_pv_simulate(const dc_pv_params *p, int year, const dc_sun *sun, const dc_weather *w,
                   double step_h, double *ac_kwh, const dc_pv_extra *extra);
#endif

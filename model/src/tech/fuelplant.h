/* A fuel-fired plant's electric efficiency over its load range, and the
 * fuel it burns: the part-load curve is interpolated with GSL, the largest
 * output a fuel stock allows is found with GSL's Brent root finder. */
#ifndef DC_FUELPLANT_H
#define DC_FUELPLANT_H

#include <gsl/gsl_interp.h>
#include <gsl/gsl_roots.h>

/* Heat of vaporisation of water at 25 degC [MJ/kg] (ISO 18125). */
#define DC_WATER_LATENT_MJ_PER_KG 2.443

/* Lower heating value of wet wood [MJ/kg] from its dry LHV [MJ/kg] and
 * moisture (wet basis, fraction): LHV_dry (1 - w) - 2.443 w. */
double dc_wood_lhv_wet(double lhv_dry, double moisture);

typedef struct {
    double rated_kw;        /* electric rating [kW] */
    double eff_full;        /* electric efficiency at full load [fraction] */
    int n;                  /* curve points (0: the same efficiency at any load) */
    double x[18], y[18];    /* load [fraction of rating] -> efficiency [fraction of eff_full] */
    gsl_interp *interp;     /* NULL for fewer than two points */
    gsl_interp_accel *acc;  /* the curve's last interval: loads change little from step to step */
    gsl_root_fsolver *solver;
    /* The fuel of the two outputs asked most recently (a step asks for its
     * ceiling, then for what it commits): a pure function of output and
     * step, kept so that a plant at a steady output is not interpolated
     * again. [0] is the more recent; NaN keys match nothing. */
    double memo_kwh[2], memo_h[2], memo_mj[2];
} dc_fuelplant;

/* load_pct and rel_pct: n points of the curve [%], load rising strictly
 * (validated before: GSL's default error handler aborts on bad points).
 * 0, or -1 on no memory. */
int dc_fuelplant_init(dc_fuelplant *p, double rated_kw, double eff_full, const double *load_pct,
                      const double *rel_pct, int n);
void dc_fuelplant_free(dc_fuelplant *p);
/* Electric efficiency [fraction] at a load [fraction of rating]; the curve
 * is flat beyond its end points. */
double dc_fuelplant_eff(const dc_fuelplant *p, double load);
/* The same number as dc_fuelplant_fuel_mj, the plant untouched (no memo,
 * no accelerator). */
double dc_fuelplant_fuel_mj_of(const dc_fuelplant *p, double kwh, double step_h);
/* dc_fuelplant_fuel_mj when the memo's newer entry is not kwh. */
double dc_fuelplant_fuel_mj_miss(dc_fuelplant *p, double kwh, double step_h);
/* dc_fuelplant_max_kwh when the fuel does not cover cap_kwh: Brent. */
double dc_fuelplant_max_kwh_solve(dc_fuelplant *p, double fuel_mj, double step_h, double cap_kwh);

/* Fuel [MJ, LHV] to make kwh in a step of step_h hours; kept in the memo.
 * Inline up to the memo's newer entry: a plant at a steady output, or a
 * step committing the ceiling it was just asked for, costs a compare. */
static inline double dc_fuelplant_fuel_mj(dc_fuelplant *p, double kwh, double step_h)
{
    if (kwh == p->memo_kwh[0] && step_h == p->memo_h[0]) return p->memo_mj[0];
    return dc_fuelplant_fuel_mj_miss(p, kwh, step_h);
}

/* The largest output [kWh] up to cap_kwh whose fuel is at most fuel_mj. */
static inline double dc_fuelplant_max_kwh(dc_fuelplant *p, double fuel_mj, double step_h, double cap_kwh)
{
    if (cap_kwh <= 0 || fuel_mj <= 0) return 0.0;
    if (dc_fuelplant_fuel_mj(p, cap_kwh, step_h) <= fuel_mj) return cap_kwh;
    return dc_fuelplant_max_kwh_solve(p, fuel_mj, step_h, cap_kwh);
}
#endif

#include "fuelplant.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "units.h"

double dc_wood_lhv_wet(double lhv_dry, double moisture)
{
    return lhv_dry * (1.0 - moisture) - DC_WATER_LATENT_MJ_PER_KG * moisture;
}

int dc_fuelplant_init(dc_fuelplant *p, double rated_kw, double eff_full, const double *load_pct,
                      const double *rel_pct, int n)
{
    memset(p, 0, sizeof *p);
    p->rated_kw = rated_kw;
    p->eff_full = eff_full;
    p->n = n < 16 ? n : 16;
    for (int k = 0; k < p->n; k++) p->x[k] = load_pct[k] / 100.0, p->y[k] = rel_pct[k] / 100.0;
    for (int k = 0; k < 2; k++) p->memo_kwh[k] = p->memo_h[k] = NAN;
    p->solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!p->solver) return -1;
    if (p->n < 2) return 0;
    p->interp = gsl_interp_alloc(gsl_interp_linear, (size_t)p->n);
    p->acc = gsl_interp_accel_alloc();
    if (!p->interp || !p->acc || gsl_interp_init(p->interp, p->x, p->y, (size_t)p->n)) return -1;
    return 0;
}

void dc_fuelplant_free(dc_fuelplant *p)
{
    if (p->interp) gsl_interp_free(p->interp);
    if (p->acc) gsl_interp_accel_free(p->acc);
    if (p->solver) gsl_root_fsolver_free(p->solver);
    p->interp = NULL;
    p->acc = NULL;
    p->solver = NULL;
}

static double eff_at(const dc_fuelplant *p, double load, gsl_interp_accel *acc)
{
    if (p->n == 0) return p->eff_full;
    if (p->n == 1) return p->eff_full * p->y[0];
    double x = load < p->x[0] ? p->x[0] : load > p->x[p->n - 1] ? p->x[p->n - 1] : load;
    return p->eff_full * gsl_interp_eval(p->interp, p->x, p->y, x, acc);
}

double dc_fuelplant_eff(const dc_fuelplant *p, double load) { return eff_at(p, load, NULL); }

static double fuel_at(const dc_fuelplant *p, double kwh, double step_h, gsl_interp_accel *acc)
{
    if (kwh <= 0) return 0.0;
    return kwh * DC_MJ_PER_KWH / eff_at(p, kwh / (p->rated_kw * step_h), acc);
}

double dc_fuelplant_fuel_mj_of(const dc_fuelplant *p, double kwh, double step_h)
{
    return fuel_at(p, kwh, step_h, NULL);
}

double dc_fuelplant_fuel_mj_miss(dc_fuelplant *p, double kwh, double step_h)
{
    int hit = kwh == p->memo_kwh[1] && step_h == p->memo_h[1];
    double mj = hit ? p->memo_mj[1] : fuel_at(p, kwh, step_h, p->acc);
    p->memo_kwh[1] = p->memo_kwh[0], p->memo_h[1] = p->memo_h[0], p->memo_mj[1] = p->memo_mj[0];
    p->memo_kwh[0] = kwh, p->memo_h[0] = step_h, p->memo_mj[0] = mj;
    return mj;
}

typedef struct {
    dc_fuelplant *p;
    double fuel_mj, step_h;
} want;

static double excess(double kwh, void *arg)
{
    const want *w = arg;
    return dc_fuelplant_fuel_mj(w->p, kwh, w->step_h) - w->fuel_mj;
}

double dc_fuelplant_max_kwh_solve(dc_fuelplant *p, double fuel_mj, double step_h, double cap_kwh)
{
    want w = {p, fuel_mj, step_h};
    gsl_function f = {excess, &w};
    if (gsl_root_fsolver_set(p->solver, &f, 0.0, cap_kwh)) return 0.0;
    double lo = 0.0, hi = cap_kwh;
    for (int k = 0; k < 100; k++) {
        if (gsl_root_fsolver_iterate(p->solver)) break;
        lo = gsl_root_fsolver_x_lower(p->solver);
        hi = gsl_root_fsolver_x_upper(p->solver);
        if (gsl_root_test_interval(lo, hi, 0.0, 1e-12) == GSL_SUCCESS) break;
    }
    return excess(hi, &w) <= 0 ? hi : lo; /* never more fuel than there is */
}

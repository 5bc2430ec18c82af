#include "balance.h"

double dc_balance_residual(const dc_flows *f)
{
    double supply = f->pv, sinks = f->demand + f->curtailed - f->unserved;
    for (int k = 0; k < DC_N_RESOURCE_KINDS; k++) {
        supply += f->supplied[k];
        sinks += f->absorbed[k];
    }
    return supply - sinks;
}

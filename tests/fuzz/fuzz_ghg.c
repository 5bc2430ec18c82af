/* The GHG table readers: the input stands for each table in turn (and for
 * the electricity factors table), the others are the bundled sample. */
#include "fuzz.h"

#include "elec_factors.h"
#include "ghgdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *f = fuzz_file(data, size, ".csv");
    const char *methods = DC_DATADIR "/ghg/methods.csv", *factors = DC_DATADIR "/ghg/factors.csv",
               *emissions = DC_DATADIR "/ghg/sample/emissions.csv", *indicators = DC_DATADIR "/ghg/sample/indicators.csv",
               *facilities = DC_DATADIR "/ghg/sample/facilities.csv", *waste = DC_DATADIR "/ghg/sample/waste.csv",
               *targets = DC_DATADIR "/ghg/targets.csv";
    enum { N = 8 };
    dc_ghg_paths p[N] = {{f, factors, emissions, indicators, facilities, waste, targets, ""},
                         {methods, f, emissions, indicators, facilities, waste, targets, ""},
                         {methods, factors, f, indicators, facilities, waste, targets, ""},
                         {methods, factors, emissions, f, facilities, waste, targets, ""},
                         {methods, factors, emissions, indicators, f, waste, targets, ""},
                         {methods, factors, emissions, indicators, facilities, f, targets, ""},
                         {methods, factors, emissions, indicators, facilities, waste, f, ""},
                         {methods, factors, "", "", "", "", targets, f}};
    for (int k = 0; k < N; k++) {
        dc_diag *d = dc_diag_create();
        dc_ghg_data g;
        memset(&g, 0, sizeof g);
        dc_ghg_read(&p[k], &g, d);
        dc_ghg_data_free(&g);
        dc_diag_destroy(&d);
    }
    dc_diag *d = dc_diag_create();
    dc_elec_table t;
    dc_elec_read(f, &t, d);
    dc_elec_free(&t);
    dc_diag_destroy(&d);
    return 0;
}

/* The GHG table readers: the input stands for each table in turn, the
 * others are the bundled sample. */
#include "fuzz.h"

#include "ghgdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *f = fuzz_file(data, size, ".csv");
    const char *methods = DC_DATADIR "/ghg/methods.csv", *factors = DC_DATADIR "/ghg/factors.csv",
               *emissions = DC_DATADIR "/ghg/sample/emissions.csv", *indicators = DC_DATADIR "/ghg/sample/indicators.csv",
               *facilities = DC_DATADIR "/ghg/sample/facilities.csv";
    dc_ghg_paths p[5] = {{f, factors, emissions, indicators, facilities},
                         {methods, f, emissions, indicators, facilities},
                         {methods, factors, f, indicators, facilities},
                         {methods, factors, emissions, f, facilities},
                         {methods, factors, emissions, indicators, f}};
    for (int k = 0; k < 5; k++) {
        dc_diag *d = dc_diag_create();
        dc_ghg_data g;
        memset(&g, 0, sizeof g);
        dc_ghg_read(&p[k], &g, d);
        dc_ghg_data_free(&g);
        dc_diag_destroy(&d);
    }
    return 0;
}

/* The sweep file reader: axes, ranges, combinations and samples (the base
 * scenario is usually missing, which ends the load there). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_diag *d = dc_diag_create();
    dc_sweep *w = NULL;
    if (dc_sweep_load(fuzz_file(data, size, ".yaml"), &w, d) == DC_OK)
        for (size_t i = 0; i < dc_sweep_cases(w) && i < 64; i++)
            for (size_t a = 0; a < dc_sweep_axes(w); a++) (void)strlen(dc_sweep_value(w, i, a));
    for (size_t i = 0; i < dc_diag_count(d); i++) (void)strlen(dc_diag_message(d, i));
    dc_sweep_destroy(&w);
    dc_diag_destroy(&d);
    return 0;
}

/* The YAML scenario loader, with validation. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_diag *d = dc_diag_create();
    dc_scenario *s = NULL;
    if (dc_scenario_load(fuzz_file(data, size, ".yaml"), &s, d) == DC_OK) {
        dc_scenario_set(s, "year=2031", d);
        dc_scenario_validate(s, d);
    }
    for (size_t i = 0; i < dc_diag_count(d); i++) (void)strlen(dc_diag_message(d, i));
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    return 0;
}

/* The EPW weather reader. */
#include "fuzz.h"

#include "epw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_diag *d = dc_diag_create();
    dc_weather_raw w;
    if (dc_epw_read(fuzz_file(data, size, ".epw"), &w, d) == DC_OK) dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
    return 0;
}

/* The JMA hourly CSV reader (and the text decoder under it): any bytes,
 * with the codes and the fill method taken from the first byte. */
#include "fuzz.h"

#include "jma.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_jma_options o = {{8, 5, 4, 2}, size ? 1 + data[0] % 4 : 2, size && data[0] & 0x10};
    dc_diag *d = dc_diag_create();
    dc_weather_raw w;
    if (dc_jma_read(fuzz_file(data, size, ".csv"), &o, &w, d) == DC_OK) dc_weather_raw_free(&w);
    dc_diag_destroy(&d);
    return 0;
}

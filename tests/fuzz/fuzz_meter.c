/* The 30-minute meter reader: any bytes; layout, stamp, unit, alignment,
 * target year and step from the first byte, columns by number. */
#include "fuzz.h"

#include "meter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int b = size ? data[0] : 0;
    dc_meter_format f = {DC_PROFILE_METER, b & 1, (b >> 1) & 1, (b >> 2) & 1, (b >> 3) & 1, "1", "", "2"};
    if (!(b & 1) && !(b & 0x20)) { /* slots with a time column; else the time is in the date column */
        snprintf(f.time_column, sizeof f.time_column, "2");
        snprintf(f.value_column, sizeof f.value_column, "3");
    }
    dc_meter_target t = {2030 - (b >> 6), (b >> 4) & 1, b & 0x40 ? 60 : 30, NULL};
    dc_diag *d = dc_diag_create();
    double *v = NULL;
    int n = 0;
    if (dc_meter_read(fuzz_file(data, size, ".csv"), "loads[0].profile_file", &f, &t, &v, &n, d) == DC_OK) free(v);
    dc_diag_destroy(&d);
    return 0;
}

/* The load-shape reader. */
#include "fuzz.h"

#include "loadfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_diag *d = dc_diag_create();
    dc_shape shape;
    dc_shape_read(fuzz_file(data, size, ".csv"), &shape, d);
    dc_diag_destroy(&d);
    return 0;
}

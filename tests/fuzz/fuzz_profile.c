/* The measured-profile reader. */
#include "fuzz.h"

#include "loadfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dc_diag *d = dc_diag_create();
    double *v = NULL;
    int n = 0;
    dc_profile_read(fuzz_file(data, size, ".csv"), "loads[0].profile_file", 8784, &v, &n, d);
    free(v);
    dc_diag_destroy(&d);
    return 0;
}

#include "decarb.h"

const char *dc_status_message(dc_status s)
{
    switch (s) {
#define DC_STATUS(name, code, text) case name: return text;
#include "decarb_status.def"
#undef DC_STATUS
    }
    return "unknown status";
}

const char *dc_version(void) { return DC_VERSION; }

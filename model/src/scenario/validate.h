/* Checks that span several fields; returns the number of errors added. */
#ifndef DC_VALIDATE_H
#define DC_VALIDATE_H
#include "params.h"
#include "scenario.h"
int dc_validate(const dc_scenario *s, dc_diag *diag);
/* Whether every check that reads p (a key of an item) is its section's
 * own or the percent check: a number of a battery or a PV array. */
int dc_validate_reads_only_own(const dc_param *p);
/* dc_validate of a scenario that was valid until p of item alone was set:
 * the checks that read p when dc_validate_reads_only_own, else all. */
int dc_validate_after_set(const dc_scenario *s, const dc_param *p, int item, dc_diag *diag);
/* 1 when s was validated since its last change; else 0, with a message. */
int dc_scenario_ready(const dc_scenario *s, dc_diag *diag);
/* 1 when name may name an output folder: not empty, no '/' or control
 * characters, not starting with '.' (so never a path out of output/). */
int dc_folder_name_ok(const char *name);
#define DC_FOLDER_NAME_RULE                                                                                   \
    "must be non-empty, without '/' or control characters and not start with '.' (it names the output folder)"
#endif

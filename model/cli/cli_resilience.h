/* Outages, survival and missed EV trips on the terminal (cli_resilience.c). */
#ifndef DC_CLI_RESILIENCE_H
#define DC_CLI_RESILIENCE_H

#include "decarb.h"

void dc_cli_print_resilience(const dc_model *m);
#endif

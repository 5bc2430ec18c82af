/* The municipal CO2 tables on the terminal (cli_ghg.c). */
#ifndef DC_CLI_GHG_H
#define DC_CLI_GHG_H

#include "decarb.h"

/* The chosen methods by sector and year, totals, targets and verdicts, the
 * scenario year's decomposition; with full, every method side by side and
 * the カルテ beside the allocation. */
void dc_cli_print_ghg(const dc_ghg *g, int full);
#endif

/* The 脱炭素先行地域 verdict and key figures on the terminal (cli_report.c). */
#ifndef DC_CLI_REPORT_H
#define DC_CLI_REPORT_H

#include "decarb.h"

/* full = 0: the verdict in one line (after a run); 1: the table and costs. */
void dc_cli_print_netzero(const dc_model *m, int full);
#endif

/* The Cabinet Office's list of national holidays (内閣府「国民の祝日につい
 * て」, syukujitsu.csv: Shift_JIS, header 国民の祝日・休日月日,国民の祝日・
 * 休日名称, dates YYYY/M/D). */
#ifndef DC_HOLIDAYS_H
#define DC_HOLIDAYS_H

#include "calendar.h"
#include "decarb.h"

/* Reads the list into out (days ascending, the years covered); every bad
 * row in diag with its line. */
dc_status dc_holidays_read(const char *path, const char *field, dc_holidays *out, dc_diag *diag);
void dc_holidays_free(dc_holidays *h);
#endif

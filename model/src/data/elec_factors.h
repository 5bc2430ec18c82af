/* 電気事業者別排出係数 as data: a factor per fiscal year, supplier and menu,
 * 基礎 and 調整後 side by side, read from a table that names its unit. */
#ifndef DC_ELEC_FACTORS_H
#define DC_ELEC_FACTORS_H

#include "decarb.h"
#include "ghgtypes.h"

typedef enum { DC_EF_ADJUSTED, DC_EF_BASIC } dc_ef_kind; /* 調整後, 基礎 */
extern const char *const dc_ef_kind_names[2];

/* Below this a factor is a unit mistake unless marked zero-emission. */
#define DC_EF_PLAUSIBLE_MIN 0.01 /* [kg-CO2/kWh] */

dc_status dc_elec_read(const char *path, dc_elec_table *t, dc_diag *diag);
void dc_elec_free(dc_elec_table *t);
/* The factor [kg-CO2/kWh] of supplier and menu ("" = the supplier as a
 * whole) for a fiscal year: that year's, else the latest year before it
 * (*used_year says which; 0 when none). NaN when there is none. */
double dc_elec_lookup(const dc_elec_table *t, const char *supplier, const char *menu, int year, int kind,
                      int *used_year);
/* Years and menus the table holds for a supplier, for messages. */
void dc_elec_describe(const dc_elec_table *t, const char *supplier, char *buf, size_t len);
#endif

/* Days a load closes beyond weekends, holidays and 年末年始: お盆 for
 * industry, school vacations for schools. Plain data; the scenario layer
 * fills it, the demand model reads it. */
#ifndef DC_DAYRULES_H
#define DC_DAYRULES_H

enum { DC_MAX_VACATIONS = 32 };

/* Which extra closed days a load keeps; AUTO = by its shape. */
typedef enum { DC_CLOSED_AUTO, DC_CLOSED_NONE, DC_CLOSED_OBON, DC_CLOSED_SCHOOL_VACATION } dc_closed_rule;

typedef struct {
    int obon_from, obon_to;           /* month x 100 + day, both days included */
    long vac_first[DC_MAX_VACATIONS]; /* day numbers (dc_days_from_civil), both included */
    long vac_last[DC_MAX_VACATIONS];
    int n_vac;
} dc_day_rules;

/* 1 when rule (not AUTO) closes the load on that day. */
int dc_day_closed(const dc_day_rules *r, int rule, int y, int m, int d);
#endif

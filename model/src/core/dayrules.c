#include "dayrules.h"

#include "calendar.h"

int dc_day_closed(const dc_day_rules *r, int rule, int y, int m, int d)
{
    if (!r) return 0;
    if (rule == DC_CLOSED_OBON) {
        int md = m * 100 + d;
        return md >= r->obon_from && md <= r->obon_to;
    }
    if (rule == DC_CLOSED_SCHOOL_VACATION) {
        long day = dc_days_from_civil(y, m, d);
        for (int k = 0; k < r->n_vac; k++)
            if (day >= r->vac_first[k] && day <= r->vac_last[k]) return 1;
    }
    return 0;
}

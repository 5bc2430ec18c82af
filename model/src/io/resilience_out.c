/* resilience.csv: each grid outage at each site it cut off (hours until
 * the first critical kWh went unserved, unserved critical energy, load
 * shed), then the survival scan's shares by site and month. */
#include <math.h>
#include <stdio.h>

#include "writers.h"

static void num(FILE *fp, double v, const char *fmt)
{
    fputc(',', fp);
    if (!isnan(v)) fprintf(fp, fmt, v);
}

int dc_write_resilience_csv(const dc_model *m, FILE *fp)
{
    fputs(DC_UTF8_BOM, fp);
    fputs("kind,outage,site,month,hours [h],hours_to_unserved [h],unserved_critical [kWh],shed [kWh],starts,"
          "survive_24h [%],survive_72h [%],survive_168h [%],mean_hours [h]\n", fp);
    dc_outage_result o;
    for (size_t i = 0; dc_model_outage_get(m, i, &o) == 0; i++) {
        fprintf(fp, "outage,%s,%s,", o.outage, o.site);
        num(fp, o.hours, "%.2f");
        num(fp, o.hours_to_unserved, "%.2f");
        num(fp, o.unserved_kwh, "%.3f");
        num(fp, o.shed_kwh, "%.3f");
        fputs(",,,,,\n", fp);
    }
    dc_survival_row r;
    for (size_t i = 0; dc_model_survival_get(m, i, &r) == 0; i++) {
        fprintf(fp, "survival,,%s,", r.site);
        if (r.month) fprintf(fp, "%d", r.month);
        else fputs("year", fp);
        fprintf(fp, ",,,,,%d,%.2f,%.2f,%.2f,%.2f\n", r.starts, 100 * r.share_24h, 100 * r.share_72h,
                100 * r.share_168h, r.mean_hours);
    }
    return ferror(fp) ? -1 : 0;
}

#include "cli_resilience.h"
#include "cli_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void outages(const dc_model *m)
{
    dc_outage_result o;
    for (size_t i = 0; dc_model_outage_get(m, i, &o) == 0; i++) {
        if (i == 0)
            printf("\nGrid outages            site                  hours   first unserved  unserved critical  shed\n");
        char first[32] = "never";
        if (!isnan(o.hours_to_unserved)) snprintf(first, sizeof first, "after %.0f h", o.hours_to_unserved);
        char outage[96], site[96];
        printf("  %s %s %6.0f   %14s  %13.1f kWh  %6.1f MWh\n", cli_pad(o.outage, 21, outage, sizeof outage),
               cli_pad(o.site, 20, site, sizeof site), o.hours, first, o.unserved_kwh, o.shed_kwh / 1000);
    }
}

static void survival(const dc_model *m)
{
    dc_survival_row r;
    for (size_t i = 0; dc_model_survival_get(m, i, &r) == 0; i++) {
        if (i == 0)
            printf("\nSurvival scan: share of start hours from which the critical loads last, grid down\n"
                   "  %-20s %6s  %6s  %6s   %8s   (worst month for 72 h)\n",
                   "site", "24 h", "72 h", "168 h", "mean [h]");
        if (r.month) continue;
        double worst = 2.0;
        int worst_month = 0;
        dc_survival_row x;
        for (size_t j = i + 1; dc_model_survival_get(m, j, &x) == 0 && x.month && !strcmp(x.site, r.site); j++)
            if (x.share_72h < worst) worst = x.share_72h, worst_month = x.month;
        char site[96];
        printf("  %s %5.1f%%  %5.1f%%  %5.1f%%   %8.1f   (month %d: %.1f%%)\n", cli_pad(r.site, 20, site, sizeof site),
               100 * r.share_24h, 100 * r.share_72h, 100 * r.share_168h, r.mean_hours, worst_month, 100 * worst);
    }
}

/* Each day a fleet could not leave, by date. */
static void missed_trips(const dc_model *m)
{
    dc_series_info s;
    for (size_t k = 0; dc_model_series_get(m, k, &s) == 0; k++) {
        if (strcmp(s.kind, "ev") || strcmp(s.quantity, "missed_trips")) continue;
        const double *v = dc_model_series_at(m, k);
        int shown = 0, total = 0;
        for (size_t i = 0; i < dc_model_steps(m); i++) {
            if (v[i] <= 0) continue;
            dc_time t;
            dc_model_time(m, i, &t);
            if (total++ == 0) printf("\nMissed trips of %s (not enough energy to leave):", s.owner);
            if (shown++ < 12) printf(" %04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
        }
        if (total > shown) printf(" ... (%d in all)", total);
        if (total) printf("\n");
    }
}

void dc_cli_print_resilience(const dc_model *m)
{
    outages(m);
    survival(m);
    missed_trips(m);
}

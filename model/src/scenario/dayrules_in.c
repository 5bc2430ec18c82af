#include "dayrules_in.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "params.h"
#include "plants.h"

/* Typical public-school vacations (公立小中学校), ILLUSTRATIVE: each board of
 * education sets its own dates (学校管理規則); give yours as school_vacations.
 * Month x 100 + day, a window may cross New Year. */
static const int TYPICAL_VACATIONS[][2] = {{721, 831}, {1226, 107}, {325, 405}};

/* "MM-DD~MM-DD" (or with 〜/～) into month x 100 + day; 0 ok, -1 not such
 * a window, -2 when it ends before it starts. */
static int obon_parse(const char *text, int *from, int *to)
{
    int m1, d1, m2, d2, used = 0, sep = 0;
    if (sscanf(text, "%2d-%2d%n", &m1, &d1, &used) != 2) return -1;
    if (!(sep = dc_window_sep(text + used))) return -1;
    text += used + sep;
    if (sscanf(text, "%2d-%2d%n", &m2, &d2, &used) != 2 || text[used]) return -1;
    if (m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 || d1 < 1 || d2 < 1 || d1 > dc_days_in_month(2000, m1) ||
        d2 > dc_days_in_month(2000, m2))
        return -1;
    *from = m1 * 100 + d1;
    *to = m2 * 100 + d2;
    return *from <= *to ? 0 : -2;
}

int dc_validate_day_rules(const dc_scenario *s, dc_diag *diag)
{
    int errors = 0, from, to;
    int rc = obon_parse(s->obon, &from, &to);
    if (rc) {
        errors++;
        dc_scenario_error(s, diag, S_TOP, 0, "obon", rc == -2 ? "'%s' ends before it starts" :
                          "'%s' is not a window MM-DD~MM-DD (e.g. 08-13~08-16)", s->obon);
    }
    int n = dc_names_count(s->school_vacations);
    if (n > DC_MAX_VACATIONS) {
        errors++;
        dc_scenario_error(s, diag, S_TOP, 0, "school_vacations", "%d windows; at most %d", n, DC_MAX_VACATIONS);
    }
    for (int k = 0; k < n && k < DC_MAX_VACATIONS; k++) {
        char w[DC_NAME_MAX];
        long a, b;
        dc_names_get(s->school_vacations, k, w);
        rc = dc_outage_parse(w, &a, &b);
        if (rc) errors++;
        if (rc == -2) dc_scenario_error(s, diag, S_TOP, 0, "school_vacations", "'%s' ends before it starts", w);
        else if (rc) dc_scenario_error(s, diag, S_TOP, 0, "school_vacations",
                                       "'%s' is not a window YYYY-MM-DD~YYYY-MM-DD", w);
    }
    return errors;
}

static void typical_vacations(int year, dc_day_rules *out)
{
    /* Every window that can touch a fiscal or calendar year starting in year. */
    for (int y = year - 1; y <= year + 1; y++)
        for (size_t k = 0; k < sizeof TYPICAL_VACATIONS / sizeof TYPICAL_VACATIONS[0]; k++) {
            int a = TYPICAL_VACATIONS[k][0], b = TYPICAL_VACATIONS[k][1];
            out->vac_first[out->n_vac] = dc_days_from_civil(y, a / 100, a % 100);
            out->vac_last[out->n_vac] = dc_days_from_civil(b < a ? y + 1 : y, b / 100, b % 100);
            out->n_vac++;
        }
}

void dc_day_rules_from(const dc_scenario *s, dc_day_rules *out)
{
    memset(out, 0, sizeof *out);
    if (obon_parse(s->obon, &out->obon_from, &out->obon_to)) out->obon_from = 1, out->obon_to = 0; /* validated */
    int n = dc_names_count(s->school_vacations);
    if (n == 0) {
        typical_vacations(s->year, out);
        return;
    }
    for (int k = 0; k < n && k < DC_MAX_VACATIONS; k++) {
        char w[DC_NAME_MAX];
        dc_names_get(s->school_vacations, k, w);
        if (dc_outage_parse(w, &out->vac_first[out->n_vac], &out->vac_last[out->n_vac]) == 0) out->n_vac++;
    }
}

int dc_load_closed_rule(const dc_load_item *l)
{
    if (l->closed_days != DC_CLOSED_AUTO) return l->closed_days;
    int shape = l->shape ? l->shape : dc_shape_for_sector(l->sector);
    const char *name = dc_shape_names[shape];
    if (!strcmp(name, "industry")) return DC_CLOSED_OBON;
    if (!strcmp(name, "school")) return DC_CLOSED_SCHOOL_VACATION;
    return DC_CLOSED_NONE;
}

/* Consistent years (算定手法編): a sector estimated one way in the base
 * year and another way later shows a change that is partly the method's.
 * Such rows are marked, and each sector gets one loud warning. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "ghg.h"

static const dc_ghg_result *base_row(const dc_ghg_table *t, int rule, int base_year)
{
    for (int k = 0; k < t->n; k++)
        if (t->rows[k].rule == rule && t->rows[k].year == base_year && !t->rows[k].scenario) return &t->rows[k];
    return NULL;
}

static void describe(const dc_ghg_result *r, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s%s%s", dc_ghg_basis_names[r->basis], r->facilities[0] ? " (" : "", r->facilities,
             r->facilities[0] ? ")" : "");
}

static int first_of_rule(const dc_ghg_table *t, int k)
{
    for (int j = 0; j < k; j++)
        if (t->rows[j].rule == t->rows[k].rule && t->rows[j].differs_from_base) return 0;
    return 1;
}

void dc_ghg_mark_methods(const dc_ghg_data *g, const dc_ghg_rule *rules, dc_ghg_table *t, int base_year,
                         dc_diag *diag)
{
    for (int k = 0; k < t->n; k++) {
        dc_ghg_result *r = &t->rows[k];
        const dc_ghg_result *b = base_row(t, r->rule, base_year);
        if (!rules[r->rule].chosen || !b || r == b || !r->available || !b->available ||
            (r->basis == b->basis && !strcmp(r->facilities, b->facilities)))
            continue;
        char was[200], now[200];
        describe(b, was, sizeof was);
        describe(r, now, sizeof now);
        r->differs_from_base = 1;
        dc_ghg_note(r, "method differs from FY%d's (%s)", base_year, was);
        if (!first_of_rule(t, k) || r->scenario) continue;
        dc_diag_warn(diag, g->facilities_file[0] ? g->facilities_file : NULL, 0, 0, rules[r->rule].sector,
                     "FY%d rests on %s, but the base year FY%d on %s: the change between them is partly the "
                     "method's. Give the base year the same data (e.g. the same facilities' FY%d figures) so that "
                     "it is recomputed by the same method, as the 算定手法編 asks", r->year, now, base_year, was,
                     base_year);
    }
}

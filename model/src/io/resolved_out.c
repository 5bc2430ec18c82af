/* scenario.resolved.yaml: every parameter as used, itself a valid scenario. */
#include <stdio.h>

#include "decarb.h"
#include "params.h"
#include "writers.h"

static void write_section(const dc_scenario *s, FILE *fp, dc_psection sec, int item, const char *indent,
                          int first_dash)
{
    char value[DC_PATH_MAX + 64];
    for (size_t i = 0; i < dc_n_params; i++) {
        const dc_param *p = &dc_params[i];
        if (p->section != sec) continue;
        dc_param_format(p, s, item, value, sizeof value);
        fprintf(fp, "%s%s: %s%s%s\n", first_dash ? "  - " : indent, p->key, value, *p->unit ? "  # " : "",
                p->unit);
        first_dash = 0;
    }
}

int dc_write_resolved_yaml(const dc_scenario *s, FILE *fp)
{
    fprintf(fp, "# Every parameter decarb %s used for %s\n", DC_VERSION, s->file);
    write_section(s, fp, S_TOP, 0, "", 0);
    for (int sec = S_WEATHER; sec < S_COUNT; sec++) {
        int n = sec == S_PV ? s->n_pv : sec == S_LOAD ? s->n_loads : 1;
        fprintf(fp, "%s:%s\n", dc_section_names[sec], dc_section_is_list(sec) && n == 0 ? " []" : "");
        for (int item = 0; item < n; item++)
            write_section(s, fp, sec, item, dc_section_is_list(sec) ? "    " : "  ", dc_section_is_list(sec));
    }
    return ferror(fp) ? -1 : 0;
}

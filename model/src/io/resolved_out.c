/* scenario.resolved.yaml: every parameter as used, itself a valid scenario. */
#include <stdio.h>

#include "params.h"
#include "writers.h"

static void write_keys(const dc_scenario *s, FILE *fp, dc_psection sec, int item, const char *indent, int dash)
{
    char value[DC_NAMES_MAX + DC_PATH_MAX];
    for (size_t i = 0; i < dc_n_params; i++) {
        const dc_param *p = &dc_params[i];
        if (p->section != sec) continue;
        dc_param_format(p, s, item, value, sizeof value);
        fprintf(fp, "%s%s: %s%s%s\n", dash ? "  - " : indent, p->key, value, p->unit && *p->unit ? "  # " : "",
                p->unit ? p->unit : "");
        dash = 0;
    }
}

int dc_write_resolved_yaml(const dc_scenario *s, FILE *fp)
{
    fprintf(fp, "# Every parameter decarb %s used for %s\n", DC_VERSION, s->file);
    write_keys(s, fp, S_TOP, 0, "", 0);
    for (int sec = S_WEATHER; sec < S_COUNT; sec++) {
        int list = dc_section_is_list(sec), n = list ? s->list[sec].n : 1;
        fprintf(fp, "%s:%s\n", dc_sections[sec].name, list && n == 0 ? " []" : "");
        for (int item = 0; item < n; item++) write_keys(s, fp, sec, item, list ? "    " : "  ", list);
    }
    return ferror(fp) ? -1 : 0;
}

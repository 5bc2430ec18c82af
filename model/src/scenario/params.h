/* The parameter table: one row per scenario key, with type, unit, default,
 * range and help. Parsing, defaults, --set, validation messages, the
 * resolved-scenario writer and `decarb params` all read it. */
#ifndef DC_PARAMS_H
#define DC_PARAMS_H

#include <stddef.h>

#include "scenario.h"

typedef enum { P_NUMBER, P_INTEGER, P_TEXT, P_PATH, P_CHOICE, P_ORDER, P_INTLIST } dc_ptype;
typedef enum { S_TOP, S_WEATHER, S_SITE, S_GRID, S_BATTERY, S_DISPATCH, S_GHG, S_PV, S_LOAD, S_COUNT } dc_psection;

enum {
    P_REQUIRED = 1,  /* no default */
    P_AUTO = 2,      /* "auto" allowed: NaN (numbers) or 0 (integers) */
    P_UNLIMITED = 4, /* "unlimited" allowed: INFINITY */
    P_OPEN_LOW = 8,  /* lower bound excluded */
    P_OPEN_HIGH = 16 /* upper bound excluded */
};

typedef struct {
    dc_psection section;
    const char *key;
    dc_ptype type;
    size_t offset;       /* in dc_scenario, or in the item struct for lists */
    size_t size;         /* text: buffer size; order, int list: offset of the count */
    const char *unit;
    double def;          /* numbers, integers, choice index */
    const char *def_text;/* text, path and order defaults */
    double lo, hi;
    const char *const *choices;
    unsigned flags;
    const char *help;
} dc_param;

extern const dc_param dc_params[];
extern const size_t dc_n_params;
extern const char *const dc_section_names[S_COUNT];

int dc_section_is_list(dc_psection s);
/* Row for section + key, or NULL. */
const dc_param *dc_param_find(dc_psection s, const char *key);
/* Where a row's value lives for list item `item` (ignored for other sections). */
void *dc_param_ptr(const dc_param *p, dc_scenario *s, int item);
const void *dc_param_cptr(const dc_param *p, const dc_scenario *s, int item);
/* Set every row of a section (item for lists) to its default. */
void dc_params_default(dc_scenario *s, dc_psection sec, int item);

/* Parse text into the row's slot; on error returns -1 and writes a message
 * (without location) to err. dir resolves relative paths. */
int dc_param_parse(const dc_param *p, dc_scenario *s, int item, const char *text,
                   const char *dir, char *err, size_t errlen);
/* The value as scenario text (YAML scalar or flow sequence). */
void dc_param_format(const dc_param *p, const dc_scenario *s, int item, char *buf, size_t len);
#endif

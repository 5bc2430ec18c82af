/* The parameter table: one row per scenario key, with type, unit, default,
 * range and help, and one row per section (single or list). Parsing,
 * defaults, --set, validation messages, the resolved-scenario writer and
 * `decarb params` all read it. */
#ifndef DC_PARAMS_H
#define DC_PARAMS_H

#include <stddef.h>

#include "scenario.h"

typedef enum { P_NUMBER, P_INTEGER, P_TEXT, P_PATH, P_CHOICE, P_NAMES, P_INTLIST, P_NUMLIST } dc_ptype;

enum {
    P_REQUIRED = 1,  /* no default */
    P_AUTO = 2,      /* "auto" allowed: NaN (numbers) or 0 (integers) */
    P_UNLIMITED = 4, /* "unlimited" allowed: INFINITY */
    P_OPEN_LOW = 8,  /* lower bound excluded */
    P_OPEN_HIGH = 16,/* upper bound excluded */
    P_WHOLE_PCT = 32 /* a percent that cannot be below 1: a fraction there is a typing mistake */
};

typedef struct {
    dc_psection section;
    const char *key;
    dc_ptype type;
    size_t offset;       /* in dc_scenario, or in the item struct for lists */
    size_t size;         /* text, path, names: buffer size; int/number lists: offset of the count */
    const char *unit;
    double def;          /* numbers, integers, choice index */
    const char *def_text;/* text, path and names defaults */
    double lo, hi;
    const char *const *choices;
    int max_count;       /* int and number lists: most values; text: most characters (0 = the buffer) */
    unsigned flags;
    const char *help;
} dc_param;

/* A section of the scenario file. */
typedef struct {
    const char *name;      /* YAML key */
    const char *kind;      /* lists: the kind of one item (site, pv, load, battery); else NULL */
    size_t item_size;      /* lists: bytes of one item; 0 for single sections */
    int max_items;         /* lists: most items accepted */
    int has_site;          /* items name their site (char site[] after the name) */
    int dispatchable;      /* items may be named in dispatch orders */
    const char *help;
} dc_section;

/* A key that stands for another section: `site` for `location`, and the
 * single-battery `battery` section for the batteries item it names. */
typedef struct {
    const char *name;
    dc_psection section;
    const char *item;      /* lists: the item's name; NULL for single sections */
} dc_section_alias;

extern const dc_param dc_params[];
extern const size_t dc_n_params;
extern const dc_section dc_sections[S_COUNT];
extern const dc_section_alias dc_section_aliases[];
extern const size_t dc_n_section_aliases;

int dc_section_is_list(dc_psection s);
/* Section by YAML key (aliases included, *item set for list aliases); -1. */
int dc_section_lookup(const char *key, const char **item);
/* Row for section + key, or NULL. */
const dc_param *dc_param_find(dc_psection s, const char *key);
/* Where a row's value lives for list item `item` (ignored for other sections). */
void *dc_param_ptr(const dc_param *p, dc_scenario *s, int item);
const void *dc_param_cptr(const dc_param *p, const dc_scenario *s, int item);
/* Set every row of a section to its default: in s for single sections, in
 * the item struct `item` for lists. */
void dc_params_default_single(dc_scenario *s, dc_psection sec);
void dc_params_default_item(dc_psection sec, void *item);
/* Where a key's value was written; for list items the item's own start
 * when the key took its default; line 0 when unknown. */
dc_pos dc_param_pos(const dc_scenario *s, dc_psection sec, int item, const char *key);
/* 1 when the key was written in the file (not a default). */
int dc_param_given(const dc_scenario *s, dc_psection sec, int item, const char *key);
/* An error about a key of an item (or of a single section), at the place
 * its value was written: "file:line:col: field: message". */
void dc_scenario_error(const dc_scenario *s, dc_diag *diag, dc_psection sec, int item, const char *key,
                       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same as a warning. */
void dc_scenario_warn(const dc_scenario *s, dc_diag *diag, dc_psection sec, int item, const char *key,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Shortest text that reads back as exactly v. */
void dc_format_double(double v, char *buf, size_t len);
/* "pv_arrays[2].tilt_deg", "grid.export_limit_kw", "year", or for an item
 * written under an alias "battery.energy_kwh". key may be NULL. */
void dc_field_name(const dc_scenario *s, dc_psection sec, int item, const char *key, char *buf, size_t n);

/* Parse text into the row's slot; on error returns -1 and writes a message
 * (without location) to err. dir resolves relative paths. */
int dc_param_parse(const dc_param *p, dc_scenario *s, int item, const char *text,
                   const char *dir, char *err, size_t errlen);
/* The value as scenario text (YAML scalar or flow sequence). */
void dc_param_format(const dc_param *p, const dc_scenario *s, int item, char *buf, size_t len);
/* Closest known key of a section (and section names at top level), or NULL. */
const char *dc_param_suggest(dc_psection sec, const char *key);
/* The row of a key as dc_scenario_set takes it ("batteries.hall.energy_kwh")
 * and its item; NULL for an unknown key or item. */
const dc_param *dc_scenario_key_param(const dc_scenario *s, const char *key, int *item);
/* What a change of p makes stale: dc_scenario_key_scope's answer (DC_SCOPE_*). */
int dc_param_scope(const dc_param *p);
/* What a change of p makes stale (dc_scenario_key_scope's answer, named). */
const char *dc_param_scope_name(const dc_param *p);
#endif

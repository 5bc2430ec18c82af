/* Sweep files: a base scenario and axes over its parameter keys (a list
 * of values, or a linear or logarithmic range), combined as a product or
 * zipped. Every value is tried on the base scenario when the file is read,
 * so an unknown key or a bad value is an error at the axis's line. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <yaml.h>

#include "diag.h"
#include "fmt.h"
#include "outages.h"
#include "params.h"
#include "validate.h"
#include "yamltext.h"

enum { MAX_AXES = 16, MAX_VALUES = 100000, VALUE_LEN = 256 };
#define MAX_CASES 100000000.0

typedef struct {
    char key[DC_NAME_MAX];
    char (*values)[VALUE_LEN];
    size_t n;
    int line, col;
    int is_range, log_scale;   /* a range: sampled between lo and hi */
    double lo, hi;
    double resolution;         /* sizing: the step of the answer; 0 = (hi - lo) / 1000 */
    int whole;                 /* the key takes whole numbers (a count): sampled and sized on whole values */
    int is_path;               /* a file or folder key: a relative value is beside the sweep file */
} axis;

typedef enum { COMBINE_PRODUCT, COMBINE_ZIP, COMBINE_SOBOL, COMBINE_RANDOM } combine;

struct dc_sweep {
    char file[DC_PATH_MAX], name[DC_NAME_MAX], base[DC_PATH_MAX];
    int combine;               /* combine */
    double samples;            /* sobol, random: how many cases */
    unsigned long seed;        /* random */
    double *u;                 /* sobol, random: [case][axis] in [0, 1) */
    axis axes[MAX_AXES];
    size_t n_axes, n_cases;
    axis sets[MAX_AXES];       /* set: keys held at one value in every case, as if written in the base */
    size_t n_sets;
    dc_target target;          /* sizing: what the sizes must reach (metric NONE: a plain sweep) */
    double *hourly;            /* cases whose every output is written too */
    size_t n_hourly;
    int hourly_line, hourly_col;
    int base_line, base_col;   /* where base: names the scenario */
    int target_line, target_col; /* where target: is */
    int site_line, site_col;   /* where a resilience or outage target names its site */
    int outage_line, outage_col; /* where an outage target names its outage */
};

typedef struct {
    const char *file;
    dc_diag *diag;
    yaml_document_t *doc;
    dc_sweep *w;
    int errors;
} reader;

static int error_at(reader *r, const yaml_node_t *n, const char *field, const char *fmt, const char *a)
{
    r->errors++;
    dc_diag_add(r->diag, r->file, n ? (int)n->start_mark.line + 1 : 0, n ? (int)n->start_mark.column + 1 : 0, field,
                fmt, a);
    return -1;
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int number(reader *r, const yaml_node_t *n, const char *field, double *out)
{
    const char *t = scalar(n);
    char *end;
    errno = 0;
    double v = t ? dc_parse_decimal(t, &end) : NAN;
    if (!t || end == t || *end || errno || !isfinite(v)) {
        error_at(r, n, field, "expected a number, got '%s'", t ? t : "a list or mapping");
        return -1;
    }
    *out = v;
    return 0;
}

static int add_value(axis *a, const char *text)
{
    if (a->n >= MAX_VALUES) return -1;
    if (!(a->n & (a->n - 1))) { /* grow at powers of two */
        void *p = realloc(a->values, (a->n ? 2 * a->n : 1) * sizeof *a->values);
        if (!p) return -1;
        a->values = p;
    }
    snprintf(a->values[a->n++], VALUE_LEN, "%s", text);
    return 0;
}

/* from, to, steps, scale: linear or log (both ends above zero). */
static void range(reader *r, axis *a, const yaml_node_t *map, double from, double to, const yaml_node_t *steps_n,
                  const char *scale)
{
    double steps;
    if (number(r, steps_n, "steps", &steps)) return;
    if (steps < 1 || steps > MAX_VALUES || steps != floor(steps)) {
        error_at(r, steps_n, "steps", "%s: give a whole number of values from 1 to 100000", scalar(steps_n));
        return;
    }
    int log_scale = scale && !strcmp(scale, "log");
    if (scale && !log_scale && strcmp(scale, "linear")) {
        error_at(r, map, "scale", "'%s' is not linear or log", scale);
        return;
    }
    if (log_scale && (from <= 0 || to <= 0)) {
        error_at(r, map, "scale", "%s: a log range needs both ends above zero", "from/to");
        return;
    }
    a->is_range = 1, a->log_scale = log_scale, a->lo = from, a->hi = to;
    a->n = (size_t)steps; /* values made when asked for: memory does not grow with the steps */
}

/* Text of value j of an axis: a range's j-th step, or the listed value;
 * ring: a small set of buffers, so a few values may be used together. */
static const char *value_text(const axis *a, size_t j)
{
    static _Thread_local char ring[8][64];
    static _Thread_local unsigned next;
    if (!a->is_range) return a->values[j];
    double f = a->n > 1 ? (double)j / (double)(a->n - 1) : 0;
    double v = a->log_scale ? a->lo * pow(a->hi / a->lo, f) : a->lo + (a->hi - a->lo) * f;
    char *buf = ring[next++ % 8];
    snprintf(buf, sizeof ring[0], "%.10g", v);
    return buf;
}

static const yaml_node_t *value_of(reader *r, const yaml_node_t *map, const char *key, const yaml_node_t **key_node)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
        if (scalar(k) && !strcmp(scalar(k), key)) {
            if (key_node) *key_node = k;
            return yaml_document_get_node(r->doc, p->value);
        }
    }
    return NULL;
}

static int read_axis(reader *r, const yaml_node_t *n)
{
    static const char *const KEYS[] = {"key", "values", "from", "to", "steps", "scale", "resolution", NULL};
    if (n->type != YAML_MAPPING_NODE) return error_at(r, n, "axes", "%s", "each axis is a mapping with key: and values:");
    if (r->w->n_axes == MAX_AXES) return error_at(r, n, "axes", "%s", "at most 16 axes");
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
        int known = 0;
        for (int i = 0; KEYS[i] && scalar(k); i++) known |= !strcmp(KEYS[i], scalar(k));
        if (!known)
            error_at(r, k, "axes", "unknown key '%s' (key, values, from, to, steps, scale, resolution)",
                     scalar(k) ? scalar(k) : "?");
    }
    axis *a = &r->w->axes[r->w->n_axes++];
    memset(a, 0, sizeof *a);
    a->line = (int)n->start_mark.line + 1, a->col = (int)n->start_mark.column + 1;
    const char *key = scalar(value_of(r, n, "key", NULL));
    if (!key || !*key) return error_at(r, n, "key", "%s", "each axis names a parameter key (see decarb params)");
    for (size_t k = 0; k + 1 < r->w->n_axes; k++) /* one column each in sweep.csv and sweep.h5 */
        if (!strcmp(r->w->axes[k].key, key))
            return error_at(r, n, "key", "'%s' is already an axis: each key once", key);
    snprintf(a->key, sizeof a->key, "%s", key);
    const yaml_node_t *values = value_of(r, n, "values", NULL), *from = value_of(r, n, "from", NULL);
    if (values && from) return error_at(r, n, "values", "%s", "give values: [..] or from:, to:, not both");
    if (values && values->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = values->data.sequence.items.start; it < values->data.sequence.items.top; it++) {
            const char *t = scalar(yaml_document_get_node(r->doc, *it));
            if (!t) return error_at(r, values, "values", "%s", "values are single values");
            if (add_value(a, t)) r->errors++;
        }
    } else if (from) {
        double lo, hi;
        const yaml_node_t *to = value_of(r, n, "to", NULL);
        if (!to) return error_at(r, n, "to", "%s", "a range needs from:, to: and steps:");
        if (number(r, from, "from", &lo) || number(r, to, "to", &hi)) return -1;
        const yaml_node_t *steps = value_of(r, n, "steps", NULL);
        if (!steps && (r->w->combine >= COMBINE_SOBOL || r->w->target.metric)) { /* sampled, sized: the ends */
            static yaml_node_t two = {.type = YAML_SCALAR_NODE, .data.scalar = {.value = (yaml_char_t *)"2", .length = 1}};
            steps = &two;
        }
        if (!steps)
            return error_at(r, n, "steps", "%s", "a range needs steps: (how many values; a size file has a target:)");
        range(r, a, n, lo, hi, steps, scalar(value_of(r, n, "scale", NULL)));
    } else {
        return error_at(r, n, "values", "%s", "give values: [..] or from:, to:, steps:");
    }
    if (!a->n && !r->errors) error_at(r, n, "values", "%s", "an axis without values");
    const yaml_node_t *res = value_of(r, n, "resolution", NULL);
    if (res && !number(r, res, "resolution", &a->resolution) && !(a->resolution > 0))
        error_at(r, res, "resolution", "%s: the size step is above zero", scalar(res));
    if (r->w->target.metric && (!a->is_range || a->log_scale || a->lo >= a->hi))
        error_at(r, n, a->key, "%s", "sizing varies each key over a range: from: (smaller) to: (larger), linear "
                                     "(a key held at one value goes under set:)");
    return 0;
}

static int metric_of(const char *t)
{
    static const char *const NAMES[] = {"", "net_zero", "self_sufficiency", "resilience", "outage"};
    for (int k = 1; t && k < 5; k++)
        if (!strcmp(t, NAMES[k])) return k;
    return 0;
}

/* An outage target: the outage's name, and neither a share nor hours
 * (the outage's own hours, every critical kWh served). */
static void read_outage_target(reader *r, const yaml_node_t *v, const yaml_node_t *pct, const yaml_node_t *hours)
{
    dc_target *t = &r->w->target;
    const yaml_node_t *name = value_of(r, v, "outage", NULL);
    if (name && scalar(name)) {
        snprintf(t->outage, sizeof t->outage, "%s", scalar(name));
        r->w->outage_line = (int)name->start_mark.line + 1, r->w->outage_col = (int)name->start_mark.column + 1;
    }
    if (t->metric != DC_TARGET_OUTAGE) {
        if (name) error_at(r, name, "outage", "%s", "only with metric: outage");
        return;
    }
    if (!t->outage[0]) error_at(r, v, "outage", "%s", "missing required key: the name of one of the base's outages");
    if (pct) error_at(r, pct, "at_least_pct", "%s", "an outage target is every critical kWh served: no share");
    if (hours) error_at(r, hours, "hours", "%s", "an outage target lasts the outage's own hours");
}

/* target: net_zero, or a mapping {metric, at_least_pct, site, hours, outage}. */
static void read_target(reader *r, const yaml_node_t *v)
{
    static const char *const KEYS[] = {"metric", "at_least_pct", "site", "hours", "outage", NULL};
    dc_target *t = &r->w->target;
    if (v) r->w->target_line = (int)v->start_mark.line + 1, r->w->target_col = (int)v->start_mark.column + 1;
    const yaml_node_t *metric = v && v->type == YAML_MAPPING_NODE ? value_of(r, v, "metric", NULL) : v;
    t->metric = metric_of(scalar(metric));
    if (!t->metric) {
        error_at(r, metric ? metric : v, "target",
                 "'%s': the target is net_zero, self_sufficiency, resilience or outage",
                 scalar(metric) ? scalar(metric) : "?");
        return;
    }
    if (v->type != YAML_MAPPING_NODE) {
        static const char *const NEEDS[] = {"", "", "at_least_pct:", "site:, hours: and at_least_pct:",
                                            "outage: (and site:)"};
        char msg[160];
        snprintf(msg, sizeof msg, "%s: give a mapping with %s", scalar(v), NEEDS[t->metric]);
        if (t->metric != DC_TARGET_NET_ZERO) error_at(r, v, "target", "%s", msg);
        return;
    }
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        const yaml_node_t *kn = yaml_document_get_node(r->doc, p->key);
        const char *k = scalar(kn);
        int known = 0;
        for (int i = 0; KEYS[i] && k; i++) known |= !strcmp(KEYS[i], k);
        if (!known) error_at(r, kn, "target", "unknown key '%s' (metric, at_least_pct, site, hours, outage)", k ? k : "?");
        for (yaml_node_pair_t *q = v->data.mapping.pairs.start; known && q < p; q++) {
            const char *before = scalar(yaml_document_get_node(r->doc, q->key));
            if (before && !strcmp(k, before)) error_at(r, kn, k, "%s", "given twice");
        }
    }
    const yaml_node_t *pct = value_of(r, v, "at_least_pct", NULL), *site = value_of(r, v, "site", NULL),
                      *hours = value_of(r, v, "hours", NULL);
    read_outage_target(r, v, pct, hours);
    if (t->metric == DC_TARGET_OUTAGE) pct = hours = NULL; /* said above */
    double h = 0;
    if (pct && !number(r, pct, "at_least_pct", &t->at_least_pct) && !(t->at_least_pct > 0 && t->at_least_pct <= 100))
        error_at(r, pct, "at_least_pct", "%s: a share above 0 and at most 100 %%", scalar(pct));
    if (site && scalar(site)) {
        snprintf(t->site, sizeof t->site, "%s", scalar(site));
        r->w->site_line = (int)site->start_mark.line + 1, r->w->site_col = (int)site->start_mark.column + 1;
    }
    if (hours && !number(r, hours, "hours", &h) && h != 24 && h != 72 && h != 168)
        error_at(r, hours, "hours", "%s: the survival scan counts 24, 72 or 168 hours", scalar(hours));
    t->hours = h == 24 || h == 72 || h == 168 ? (int)h : 0; /* any other value is refused above */
    if (t->metric != DC_TARGET_NET_ZERO && t->metric != DC_TARGET_OUTAGE && !pct)
        error_at(r, v, "at_least_pct", "%s", "missing required key: the share to reach [%]");
    if (t->metric == DC_TARGET_RESILIENCE && (!t->site[0] || !t->hours))
        error_at(r, v, "site", "%s", "missing required key: resilience needs site: and hours:");
}

static int combine_of(const char *t)
{
    static const char *const NAMES[] = {"product", "zip", "sobol", "random"};
    for (int k = 0; k < 4; k++)
        if (!strcmp(t, NAMES[k])) return k;
    return -1;
}

static void samples(reader *r, const yaml_node_t *v)
{
    double n;
    if (number(r, v, "samples", &n)) return;
    if (n < 1 || n > 1e6 || n != floor(n)) error_at(r, v, "samples", "%s: give a whole number from 1 to 1000000", scalar(v));
    else r->w->samples = n;
}

static void seed(reader *r, const yaml_node_t *v)
{
    double n;
    if (number(r, v, "seed", &n)) return;
    if (n < 0 || n > 4294967295.0 || n != floor(n)) error_at(r, v, "seed", "%s: a whole number from 0", scalar(v));
    else r->w->seed = (unsigned long)n;
}

/* path as written, or beside the sweep file when relative. */
static void beside(const char *file, const char *path, char *out, size_t len)
{
    const char *slash = strrchr(file, '/');
    if (path[0] == '/' || !slash) snprintf(out, len, "%s", path);
    else snprintf(out, len, "%.*s/%s", (int)(slash - file), file, path);
}

/* hourly: [case numbers] whose every output file is written. */
static void read_hourly(reader *r, const yaml_node_t *v)
{
    dc_sweep *w = r->w;
    if (v->type != YAML_SEQUENCE_NODE) {
        error_at(r, v, "hourly", "%s", "a list of case numbers, e.g. [0, 17]");
        return;
    }
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    free(w->hourly); /* a key given twice is reported; the last list is kept whole */
    w->n_hourly = 0;
    w->hourly = calloc(n + 1, sizeof *w->hourly);
    w->hourly_line = (int)v->start_mark.line + 1, w->hourly_col = (int)v->start_mark.column + 1;
    for (yaml_node_item_t *it = v->data.sequence.items.start; w->hourly && it < v->data.sequence.items.top; it++) {
        const yaml_node_t *c = yaml_document_get_node(r->doc, *it);
        double k;
        if (number(r, c, "hourly", &k)) continue;
        if (k < 0 || k != floor(k)) error_at(r, c, "hourly", "%s: case numbers are whole numbers from 0", scalar(c));
        else w->hourly[w->n_hourly++] = k;
    }
}

/* A value of set: as --set takes it: a scalar, or a list of scalars
 * written [a, b]. */
static int set_value_text(reader *r, const yaml_node_t *v, char *out, size_t len)
{
    if (scalar(v)) return snprintf(out, len, "%s", scalar(v)) >= (int)len ? -1 : 0;
    if (!v || v->type != YAML_SEQUENCE_NODE) return -1;
    size_t at = (size_t)snprintf(out, len, "[");
    for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top && at < len; it++) {
        const char *t = scalar(yaml_document_get_node(r->doc, *it));
        if (!t) return -1;
        at += (size_t)snprintf(out + at, len - at, "%s%s", it == v->data.sequence.items.start ? "" : ", ", t);
    }
    return at + 1 < len && snprintf(out + at, len - at, "]") == 1 ? 0 : -1;
}

/* set: key: value, ... : keys every case holds at one value. */
static void read_sets(reader *r, const yaml_node_t *v)
{
    if (v->type != YAML_MAPPING_NODE) {
        error_at(r, v, "set", "%s", "a mapping of keys to values: set: {sites.pond.export_limit_kw: 2000}");
        return;
    }
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(r->doc, p->key), *val = yaml_document_get_node(r->doc, p->value);
        if (r->w->n_sets == MAX_AXES) {
            error_at(r, k, "set", "%s", "at most 16 keys");
            return;
        }
        axis *a = &r->w->sets[r->w->n_sets];
        char text[VALUE_LEN];
        if (!scalar(k) || !*scalar(k) || snprintf(a->key, sizeof a->key, "%s", scalar(k)) >= (int)sizeof a->key) {
            error_at(r, k, "set", "%s", "each key is a key of decarb params, as --set writes it");
            continue;
        }
        for (size_t j = 0; j < r->w->n_sets; j++)
            if (!strcmp(r->w->sets[j].key, a->key)) error_at(r, k, a->key, "%s", "given twice");
        if (set_value_text(r, val, text, sizeof text) || add_value(a, text)) {
            error_at(r, val, a->key, "%s", "a single value, or a list of single values");
            continue;
        }
        a->line = (int)k->start_mark.line + 1, a->col = (int)k->start_mark.column + 1;
        r->w->n_sets++;
    }
}

/* A key is set: or an axis, not both. */
static void sets_apart_from_axes(reader *r)
{
    for (size_t j = 0; j < r->w->n_sets; j++)
        for (size_t k = 0; k < r->w->n_axes; k++)
            if (!strcmp(r->w->sets[j].key, r->w->axes[k].key)) {
                dc_diag_add(r->diag, r->file, r->w->sets[j].line, r->w->sets[j].col, r->w->sets[j].key, "%s",
                            "is an axis too: give it in one place");
                r->errors++;
            }
}

/* The keys every sweep and size file needs; -1 after any error. */
static int base_and_axes(reader *r, const yaml_node_t *root, const yaml_node_t *axes)
{
    if (!r->w->base[0]) error_at(r, root, "base", "%s", "missing required key: the base scenario file");
    if (!axes) error_at(r, root, "axes", "%s", "missing required key: at least one axis");
    else if (axes->type == YAML_SEQUENCE_NODE && axes->data.sequence.items.start == axes->data.sequence.items.top)
        error_at(r, axes, "axes", "%s", "an empty list: give at least one axis");
    return r->errors ? -1 : 0;
}

static int read_root(reader *r, const yaml_node_t *root)
{
    static const char *const KEYS[] = {"base", "name", "combine", "samples", "seed", "axes", "target", "hourly", "set",
                                       NULL};
    if (!root || root->type != YAML_MAPPING_NODE)
        return error_at(r, root, NULL, "%s", "a sweep file is a mapping: base:, axes:, combine:");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(r->doc, p->key), *v = yaml_document_get_node(r->doc, p->value);
        const char *key = scalar(k);
        int known = 0;
        for (int i = 0; KEYS[i] && key; i++) known |= !strcmp(KEYS[i], key);
        for (yaml_node_pair_t *q = root->data.mapping.pairs.start; key && q < p; q++)
            if (scalar(yaml_document_get_node(r->doc, q->key)) && !strcmp(scalar(yaml_document_get_node(r->doc, q->key)), key))
                error_at(r, k, key, "%s", "given twice");
        if (!known)
            error_at(r, k, NULL, "unknown key '%s' (base, name, combine, samples, seed, axes, target, hourly, set)",
                     key ? key : "?");
        else if (!strcmp(key, "axes")) continue; /* after combine: a sampled axis needs no steps */
        else if (!strcmp(key, "set")) read_sets(r, v);
        else if (!strcmp(key, "target")) read_target(r, v);
        else if (!strcmp(key, "hourly")) read_hourly(r, v);
        else if (!strcmp(key, "samples")) samples(r, v);
        else if (!strcmp(key, "seed")) seed(r, v);
        else if (!scalar(v)) error_at(r, v, key, "%s", "expected a single value");
        else if (!strcmp(key, "base")) {
            beside(r->file, scalar(v), r->w->base, sizeof r->w->base);
            r->w->base_line = (int)v->start_mark.line + 1, r->w->base_col = (int)v->start_mark.column + 1;
        }
        else if (!strcmp(key, "name") && !dc_folder_name_ok(scalar(v)))
            error_at(r, v, "name", "%s", DC_FOLDER_NAME_RULE);
        else if (!strcmp(key, "name")) snprintf(r->w->name, sizeof r->w->name, "%s", scalar(v));
        else if (combine_of(scalar(v)) >= 0) r->w->combine = combine_of(scalar(v));
        else error_at(r, v, "combine", "'%s' is not product, zip, sobol or random", scalar(v));
    }
    const yaml_node_t *axes = value_of(r, root, "axes", NULL);
    if (axes && axes->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *it = axes->data.sequence.items.start; it < axes->data.sequence.items.top; it++)
            read_axis(r, yaml_document_get_node(r->doc, *it));
    else if (axes) error_at(r, axes, "axes", "%s", "a list of axes");
    sets_apart_from_axes(r);
    static const char *const CASE_KEYS[] = {"combine", "samples", "seed", "hourly", NULL};
    for (int i = 0; r->w->target.metric && CASE_KEYS[i]; i++) { /* else the solver would pass them over */
        const yaml_node_t *n = value_of(r, root, CASE_KEYS[i], NULL);
        if (n) error_at(r, n, CASE_KEYS[i], "%s", "a size file's runs are the solver's: combine, samples, seed and "
                                                  "hourly are for decarb sweep");
    }
    if (r->w->target.metric) return r->errors ? -1 : base_and_axes(r, root, axes);
    /* A key given with a bad value has its own error: "missing" only when absent. */
    if (r->w->combine >= COMBINE_SOBOL && !value_of(r, root, "samples", NULL))
        error_at(r, root, "samples", "%s", "missing required key: sobol and random sweeps take samples: N");
    const yaml_node_t *n_node = value_of(r, root, "samples", NULL), *seed_node = value_of(r, root, "seed", NULL);
    if (n_node && r->w->combine < COMBINE_SOBOL) /* else the whole product would run */
        error_at(r, n_node, "samples", "%s", "only sampled sweeps take samples: add combine: sobol (or random)");
    if (seed_node && r->w->combine != COMBINE_RANDOM)
        error_at(r, seed_node, "seed", "%s", "only combine: random draws with a seed (sobol's sequence is fixed)");
    return base_and_axes(r, root, axes);
}

/* Cases of the axes combined; 0 with an error when they do not fit. */
static size_t count_cases(reader *r)
{
    dc_sweep *w = r->w;
    if (w->combine >= COMBINE_SOBOL) return (size_t)w->samples;
    int zip = w->combine == COMBINE_ZIP;
    double n = zip ? (double)w->axes[0].n : 1;
    for (size_t k = 0; k < w->n_axes; k++) {
        if (zip && w->axes[k].n != w->axes[0].n) {
            r->errors++;
            dc_diag_add(r->diag, r->file, w->axes[k].line, w->axes[k].col, "values",
                        "%zu values, but the first axis has %zu: zipped axes have as many values each", w->axes[k].n,
                        w->axes[0].n);
            return 0;
        }
        if (!zip) n *= (double)w->axes[k].n;
    }
    if (n > MAX_CASES) {
        r->errors++;
        dc_diag_add(r->diag, r->file, 0, 0, "axes", "%.0f cases: at most 100,000,000", n);
        return 0;
    }
    return (size_t)n;
}

/* The points of a sampled sweep in the unit cube: Sobol's sequence (GSL,
 * Bratley & Fox) or a seeded Mersenne Twister. */
static int sample(dc_sweep *w)
{
    if (w->combine < COMBINE_SOBOL) return 0;
    w->u = malloc(w->n_cases * w->n_axes * sizeof *w->u);
    if (!w->u) return -1;
    if (w->combine == COMBINE_SOBOL) {
        gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)w->n_axes);
        if (!q) return -1;
        for (size_t i = 0; i < w->n_cases; i++) gsl_qrng_get(q, w->u + i * w->n_axes);
        gsl_qrng_free(q);
        return 0;
    }
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    if (!g) return -1;
    gsl_rng_set(g, w->seed);
    for (size_t i = 0; i < w->n_cases * w->n_axes; i++) w->u[i] = gsl_rng_uniform(g);
    gsl_rng_free(g);
    return 0;
}

/* An outage target's outage is one of the base's, and cuts off its site
 * when it names one (else every run would fail for want of its rows). */
static void check_target_outage(reader *r, const dc_scenario *base)
{
    const dc_target *t = &r->w->target;
    const dc_outage_item *o = DC_CITEMS(base, S_OUTAGES, dc_outage_item);
    char known[512] = "";
    for (int k = 0, at = 0; k < base->list[S_OUTAGES].n; k++) {
        if (!strcmp(o[k].name, t->outage)) {
            if (!t->site[0] || dc_outage_covers(base, k, t->site)) return;
            r->errors++;
            dc_diag_add(r->diag, r->file, r->w->site_line, r->w->site_col, "site",
                        "outage '%s' does not cut off site '%s' (its sites: %s)", t->outage, t->site,
                        o[k].sites[0] ? o[k].sites : "every site");
            return;
        }
        if (at < (int)sizeof known)
            at += snprintf(known + at, sizeof known - (size_t)at, "%s%s", k ? ", " : "", o[k].name);
    }
    r->errors++;
    dc_diag_add(r->diag, r->file, r->w->outage_line, r->w->outage_col, "outage",
                "'%s' is not an outage of the base scenario (%s)", t->outage, known[0] ? known : "it has none");
}

/* A resilience or outage target's site is one of the base's sites (else
 * every run would fail for want of its survival scan or outage rows). */
static int check_target_site(reader *r, const dc_scenario *base)
{
    const dc_target *t = &r->w->target;
    if (t->metric != DC_TARGET_RESILIENCE && !(t->metric == DC_TARGET_OUTAGE && t->site[0])) return 0;
    const dc_site_item *sites = DC_CITEMS(base, S_SITES, dc_site_item);
    char known[512] = "";
    for (int k = 0, at = 0; k < base->list[S_SITES].n; k++) {
        if (!strcmp(sites[k].name, t->site)) return 0;
        if (at < (int)sizeof known)
            at += snprintf(known + at, sizeof known - (size_t)at, "%s%s", k ? ", " : "", sites[k].name);
    }
    r->errors++;
    dc_diag_add(r->diag, r->file, r->w->site_line, r->w->site_col, "site",
                "'%s' is not a site of the base scenario (%s)", t->site, known);
    return -1;
}

/* What the target reads that the base must have, and no range axis can
 * give it: the 先行地域 table (net_zero), the survival scan (resilience). */
static void check_target_base(reader *r, const dc_scenario *base)
{
    const dc_target *t = &r->w->target;
    const char *why = t->metric == DC_TARGET_NET_ZERO && !base->leading.area[0]
                          ? "net_zero reads the 先行地域 table: the base scenario has no leading_area.area"
                      : t->metric == DC_TARGET_RESILIENCE && !base->resilience.scan
                          ? "resilience reads the survival scan: the base scenario needs resilience.scan: true"
                          : NULL;
    if (!why) return;
    r->errors++;
    dc_diag_add(r->diag, r->file, r->w->target_line, r->w->target_col, "target", "%s", why);
}

/* A message of dc_scenario_set without its "--set: KEY: " (the axis's
 * own line and key say where). */
static const char *after_set_key(const char *msg, const char *key)
{
    size_t k = strlen(key);
    if (strncmp(msg, "--set: ", 7) || strncmp(msg + 7, key, k) || strncmp(msg + 7 + k, ": ", 2)) return msg;
    return msg + 7 + k + 2;
}

/* "key=value" for dc_scenario_set; a relative path beside the sweep file. */
static const char *setting(const dc_sweep *w, const axis *a, const char *value, char *buf, size_t len)
{
    char path[DC_PATH_MAX + VALUE_LEN];
    if (a->is_path && value[0] && value[0] != '/') beside(w->file, value, path, sizeof path), value = path;
    snprintf(buf, len, "%s=%s", a->key, value);
    return buf;
}

/* An axis over a file or folder (weather.file, a profile_file, ...):
 * its relative values are beside the sweep file, as base: is, wherever
 * the sweep is started from (dc_sweep_setting); each value is tried so. */
static void mark_paths(const dc_scenario *base, axis *a)
{
    int item;
    const dc_param *p = dc_scenario_key_param(base, a->key, &item);
    a->is_path = p && p->type == P_PATH;
    a->whole = p && p->type == P_INTEGER;
}

/* A range over a whole-number key (a count of cars): its steps (a product
 * or zip) must land on whole numbers; sampled and sized, its ends and
 * resolution must be whole. */
static void check_whole(reader *r, const axis *a)
{
    if (!a->whole || !a->is_range) return;
    int sampled = r->w->combine >= COMBINE_SOBOL || r->w->target.metric;
    if (a->lo != floor(a->lo) || a->hi != floor(a->hi) || a->resolution != floor(a->resolution)) {
        dc_diag_add(r->diag, r->file, a->line, a->col, a->key, "a whole-number key: give whole from:, to:%s",
                    r->w->target.metric ? " and resolution:" : "");
        r->errors++;
        return;
    }
    for (size_t j = 0; !sampled && j < a->n; j++) {
        double v = strtod(value_text(a, j), NULL);
        if (v == floor(v)) continue;
        dc_diag_add(r->diag, r->file, a->line, a->col, a->key, "a whole-number key: the range's value %zu is %s; "
                    "choose steps: so that (to - from) / (steps - 1) is whole, or give values: [...]", j + 1,
                    value_text(a, j));
        r->errors++;
        return;
    }
}

/* The set: keys on the base, each error at its key's line; -1 after any. */
static int apply_sets(reader *r, dc_scenario *base)
{
    dc_diag *d = dc_diag_create();
    int bad = 0;
    for (size_t k = 0; k < r->w->n_sets; k++) {
        axis *a = &r->w->sets[k];
        char set[DC_NAME_MAX + DC_PATH_MAX + VALUE_LEN + 2];
        mark_paths(base, a);
        if (dc_scenario_set(base, setting(r->w, a, a->values[0], set, sizeof set), d) == DC_OK) continue;
        bad = -1, r->errors++;
        dc_diag_add(r->diag, r->file, a->line, a->col, a->key, "%s",
                    dc_diag_count(d) ? after_set_key(dc_diag_message(d, dc_diag_count(d) - 1), a->key) : "not accepted");
    }
    if (!bad && r->w->n_sets && dc_scenario_validate(base, d) != DC_OK) { /* a value the whole scenario refuses */
        bad = -1, r->errors++;
        dc_diag_add(r->diag, r->file, r->w->sets[0].line, r->w->sets[0].col, "set", "%s",
                    dc_diag_count(d) ? dc_diag_message(d, dc_diag_count(d) - 1) : "the base refuses these settings");
    }
    dc_diag_destroy(&d);
    return bad;
}

/* Every value of every axis tried on the base scenario, errors at the axis. */
static void try_values(reader *r)
{
    dc_scenario *base = NULL;
    struct stat file;
    int bad = stat(r->w->base, &file) != 0 || access(r->w->base, R_OK) != 0; /* said at the sweep file's line */
    if (bad || !S_ISREG(file.st_mode)) {
        r->errors++;
        dc_diag_add(r->diag, r->file, r->w->base_line, r->w->base_col, "base", "cannot read the base scenario %s: %s",
                    r->w->base, bad ? strerror(errno) : "not a file");
        return;
    }
    dc_diag *d = dc_diag_create();
    if (dc_scenario_load(r->w->base, &base, r->diag) != DC_OK) {
        r->errors++;
        dc_diag_destroy(&d);
        return;
    }
    if (apply_sets(r, base)) {
        dc_scenario_destroy(&base);
        dc_diag_destroy(&d);
        return;
    }
    if (check_target_site(r, base) == 0 && r->w->target.metric == DC_TARGET_OUTAGE && r->w->target.outage[0])
        check_target_outage(r, base);
    check_target_base(r, base);
    for (size_t k = 0; k < r->w->n_axes; k++) mark_paths(base, &r->w->axes[k]), check_whole(r, &r->w->axes[k]);
    for (size_t k = 0; k < r->w->n_axes; k++) {
        const axis *a = &r->w->axes[k];
        for (size_t j = 0; j < a->n; j++) {
            if (a->is_range && j > 0 && j + 1 < a->n) continue; /* a range: its ends */
            dc_scenario *s = dc_scenario_copy(base);
            char set[DC_NAME_MAX + DC_PATH_MAX + VALUE_LEN + 2];
            setting(r->w, a, value_text(a, j), set, sizeof set);
            dc_status st = s ? dc_scenario_set(s, set, d) : DC_ERR_NOMEM;
            dc_scenario_destroy(&s);
            if (st == DC_OK) continue;
            r->errors++;
            dc_diag_add(r->diag, r->file, a->line, a->col, a->key, "%s",
                        dc_diag_count(d) ? after_set_key(dc_diag_message(d, dc_diag_count(d) - 1), a->key)
                                         : "not accepted");
            break; /* one error per axis */
        }
    }
    dc_scenario_destroy(&base);
    dc_diag_destroy(&d);
}

static void name_from_file(dc_sweep *w)
{
    const char *slash = strrchr(w->file, '/'), *stem = slash ? slash + 1 : w->file;
    size_t n = strcspn(stem, ".");
    snprintf(w->name, sizeof w->name, "%.*s", (int)(n < 200 ? n : 200), stem);
}

dc_status dc_sweep_load(const char *path, dc_sweep **out, dc_diag *diag)
{
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!path) return DC_ERR_ARG;
    size_t len;
    char *text = dc_yaml_text(path, "sweep file", &len, diag);
    if (!text) return DC_ERR_IO;
    if (dc_yaml_utf8(path, text, len, diag)) return free(text), DC_ERR_SCENARIO;
    dc_sweep *w = calloc(1, sizeof *w);
    yaml_parser_t parser;
    yaml_document_t doc;
    reader r = {path, diag, &doc, w, 0};
    if (!w || !yaml_parser_initialize(&parser)) return free(text), free(w), DC_ERR_NOMEM;
    snprintf(w->file, sizeof w->file, "%s", path);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len); /* a NUL byte is not the end */
    if (!yaml_parser_load(&parser, &doc)) {
        r.errors++;
        dc_diag_add(diag, path, (int)parser.problem_mark.line + 1, (int)parser.problem_mark.column + 1, NULL,
                    "YAML syntax error: %s%s", parser.problem ? parser.problem : "unknown",
                    dc_yaml_hint(text, len, parser.problem_mark.index));
    } else {
        read_root(&r, yaml_document_get_root_node(&doc));
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    free(text);
    if (!w->name[0]) name_from_file(w);
    if (!r.errors) w->n_cases = count_cases(&r);
    for (size_t k = 0; !r.errors && k < w->n_hourly; k++)
        if (w->hourly[k] >= (double)w->n_cases) {
            r.errors++;
            dc_diag_add(diag, path, w->hourly_line, w->hourly_col, "hourly", "case %.0f: the sweep has cases 0 to %zu",
                        w->hourly[k], w->n_cases - 1);
        }
    if (!r.errors && sample(w)) r.errors++, dc_diag_add(diag, path, 0, 0, "samples", "no memory for the samples");
    if (!r.errors) try_values(&r);
    if (r.errors) {
        dc_sweep_destroy(&w);
        return DC_ERR_SCENARIO;
    }
    *out = w;
    return DC_OK;
}

void dc_sweep_destroy(dc_sweep **w)
{
    if (!w || !*w) return;
    for (size_t k = 0; k < (*w)->n_axes; k++) free((*w)->axes[k].values);
    for (size_t k = 0; k < (*w)->n_sets; k++) free((*w)->sets[k].values);
    free((*w)->u);
    free((*w)->hourly);
    free(*w);
    *w = NULL;
}

size_t dc_sweep_cases(const dc_sweep *w) { return w ? w->n_cases : 0; }
size_t dc_sweep_axes(const dc_sweep *w) { return w ? w->n_axes : 0; }
const char *dc_sweep_axis_key(const dc_sweep *w, size_t a) { return w && a < w->n_axes ? w->axes[a].key : NULL; }
const char *dc_sweep_base(const dc_sweep *w) { return w ? w->base : NULL; }
const char *dc_sweep_name(const dc_sweep *w) { return w ? w->name : NULL; }

int dc_sweep_hourly(const dc_sweep *w, size_t i)
{
    for (size_t k = 0; w && k < w->n_hourly; k++)
        if (w->hourly[k] == (double)i) return 1;
    return 0;
}

int dc_sweep_target(const dc_sweep *w, dc_target *out)
{
    if (!w || !out) return 0;
    *out = w->target;
    return w->target.metric != DC_TARGET_NONE;
}

int dc_sweep_axis_range(const dc_sweep *w, size_t a, double *lo, double *hi, double *resolution)
{
    if (!w || a >= w->n_axes || !w->axes[a].is_range || !lo || !hi || !resolution) return -1;
    const axis *x = &w->axes[a];
    *lo = x->lo, *hi = x->hi;
    *resolution = x->resolution > 0 ? x->resolution : (x->hi - x->lo) / 1000;
    if (x->whole && !(x->resolution > 0)) *resolution = fmax(1.0, round(*resolution)); /* whole steps */
    return 0;
}

int dc_sweep_axis_whole(const dc_sweep *w, size_t a) { return w && a < w->n_axes && w->axes[a].whole; }

/* A sampled value: within a range (linear or log), or one of a list. The
 * text lives in a small ring of per-thread buffers, so a few calls may be
 * used together. */
static const char *sampled(const dc_sweep *w, size_t i, size_t a)
{
    static _Thread_local char ring[8][64];
    static _Thread_local unsigned next;
    const axis *x = &w->axes[a];
    double u = w->u[i * w->n_axes + a];
    if (!x->is_range) return x->values[(size_t)(u * (double)x->n) < x->n ? (size_t)(u * (double)x->n) : x->n - 1];
    double v = x->log_scale ? x->lo * pow(x->hi / x->lo, u) : x->lo + (x->hi - x->lo) * u;
    if (x->whole) { /* whole values: each as likely (linear), or each decade (log) */
        double k = x->log_scale ? floor(x->lo * pow((x->hi + 1) / x->lo, u)) : x->lo + floor(u * (x->hi - x->lo + 1));
        v = fmin(k, x->hi);
    }
    char *buf = ring[next++ % 8];
    snprintf(buf, sizeof ring[0], "%.10g", v);
    return buf;
}

/* Product: the last axis varies fastest; zip: the same index on each. */
const char *dc_sweep_value(const dc_sweep *w, size_t i, size_t a)
{
    if (!w || i >= w->n_cases || a >= w->n_axes) return NULL;
    if (w->combine >= COMBINE_SOBOL) return sampled(w, i, a);
    if (w->combine == COMBINE_ZIP) return value_text(&w->axes[a], i);
    for (size_t k = w->n_axes; k-- > a + 1;) i /= w->axes[k].n;
    return value_text(&w->axes[a], i % w->axes[a].n);
}

const char *dc_sweep_setting(const dc_sweep *w, size_t i, size_t a, char *buf, size_t len)
{
    if (!w || a >= w->n_axes || i >= w->n_cases || !buf || !len) return NULL;
    return setting(w, &w->axes[a], dc_sweep_value(w, i, a), buf, len);
}

size_t dc_sweep_sets(const dc_sweep *w) { return w ? w->n_sets : 0; }

const char *dc_sweep_set(const dc_sweep *w, size_t k, char *buf, size_t len)
{
    if (!w || k >= w->n_sets || !buf || !len) return NULL;
    return setting(w, &w->sets[k], w->sets[k].values[0], buf, len);
}

/* The YAML scenario loader: the only user of libyaml. Every problem of a
 * file is reported, each with file:line:column and the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "params.h"
#include "validate.h"

typedef struct {
    const char *file;
    dc_diag *diag;
    yaml_document_t *doc;
    dc_scenario *s;
    int errors;
} loader;

static void error_at(loader *l, const yaml_node_t *n, const char *field, const char *msg)
{
    l->errors++;
    dc_diag_add(l->diag, l->file, n ? (int)n->start_mark.line + 1 : 0,
                n ? (int)n->start_mark.column + 1 : 0, field, "%s", msg);
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];
    if (la >= 63 || lb >= 63) return 99;
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

/* Keys that differ only by a unit suffix ("tilt" for "tilt_deg") are close. */
static size_t key_distance(const char *typed, const char *known)
{
    size_t n = strlen(typed);
    if (n >= 3 && strncmp(typed, known, n) == 0 && known[n] == '_') return 1;
    return edit_distance(typed, known);
}

/* Closest known key of a section (and section names at top level). */
static const char *suggest(dc_psection sec, const char *key)
{
    const char *best = NULL;
    size_t best_d = strlen(key) / 3 + 2;
    for (size_t i = 0; i < dc_n_params; i++) {
        if (dc_params[i].section != sec) continue;
        size_t d = key_distance(key, dc_params[i].key);
        if (d < best_d) best_d = d, best = dc_params[i].key;
    }
    for (int k = 1; sec == S_TOP && k < S_COUNT; k++) {
        size_t d = edit_distance(key, dc_section_names[k]);
        if (d < best_d) best_d = d, best = dc_section_names[k];
    }
    return best;
}

static void unknown_key(loader *l, const yaml_node_t *kn, dc_psection sec, const char *where)
{
    const char *key = (const char *)kn->data.scalar.value, *hint = suggest(sec, key);
    char msg[256];
    snprintf(msg, sizeof msg, "unknown key '%s'%s%s%s", key, hint ? " (did you mean '" : "",
             hint ? hint : "", hint ? "'?)" : "");
    error_at(l, kn, where, msg);
}

static void field_name(dc_psection sec, int item, const char *key, char *buf, size_t n)
{
    if (dc_section_is_list(sec)) snprintf(buf, n, "%s[%d].%s", dc_section_names[sec], item, key);
    else if (sec == S_TOP) snprintf(buf, n, "%s", key);
    else snprintf(buf, n, "%s.%s", dc_section_names[sec], key);
}

/* Text of a scalar, or of a flow sequence joined by commas (orders). */
static int node_text(loader *l, const yaml_node_t *n, const dc_param *p, char *buf, size_t len)
{
    if (n->type == YAML_SCALAR_NODE) {
        snprintf(buf, len, "%s", (const char *)n->data.scalar.value);
        return 0;
    }
    if (n->type == YAML_SEQUENCE_NODE && (p->type == P_ORDER || p->type == P_INTLIST)) {
        buf[0] = '\0';
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            const yaml_node_t *e = yaml_document_get_node(l->doc, *it);
            if (!e || e->type != YAML_SCALAR_NODE) return -1;
            size_t used = strlen(buf);
            snprintf(buf + used, len - used, "%s%s", used ? "," : "", (const char *)e->data.scalar.value);
        }
        return 0;
    }
    return -1;
}

static void apply(loader *l, const dc_param *p, const yaml_node_t *vn, int item, const char *field)
{
    char text[DC_PATH_MAX], err[DC_PATH_MAX + 128];
    if (node_text(l, vn, p, text, sizeof text)) {
        error_at(l, vn, field, p->type == P_ORDER     ? "expected a list of names"
                               : p->type == P_INTLIST ? "expected a list of years"
                                                      : "expected a single value, not a list or mapping");
        return;
    }
    if (!text[0] && p->type != P_TEXT && p->type != P_PATH && p->type != P_INTLIST) {
        error_at(l, vn, field, "no value given");
        return;
    }
    if (dc_param_parse(p, l->s, item, text, l->s->dir, err, sizeof err)) error_at(l, vn, field, err);
}

static void check_required(loader *l, dc_psection sec, int item, const unsigned char *seen,
                           const yaml_node_t *at)
{
    for (size_t i = 0; i < dc_n_params; i++) {
        const dc_param *p = &dc_params[i];
        if (p->section != sec || !(p->flags & P_REQUIRED) || seen[i]) continue;
        char field[128];
        field_name(sec, item, p->key, field, sizeof field);
        error_at(l, at, field, "missing required key");
    }
}

/* One mapping of a section (or of one list item). */
static void read_mapping(loader *l, const yaml_node_t *map, dc_psection sec, int item,
                         unsigned char *seen)
{
    char where[96];
    if (dc_section_is_list(sec)) snprintf(where, sizeof where, "%s[%d]", dc_section_names[sec], item);
    else snprintf(where, sizeof where, "%s", dc_section_names[sec]);
    if (map->type != YAML_MAPPING_NODE) {
        error_at(l, map, where, "expected a mapping of key: value");
        return;
    }
    for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top; pr++) {
        const yaml_node_t *kn = yaml_document_get_node(l->doc, pr->key);
        const yaml_node_t *vn = yaml_document_get_node(l->doc, pr->value);
        if (!kn || !vn || kn->type != YAML_SCALAR_NODE) {
            error_at(l, kn, where, "keys must be plain text");
            continue;
        }
        const dc_param *p = dc_param_find(sec, (const char *)kn->data.scalar.value);
        if (!p) {
            unknown_key(l, kn, sec, where);
            continue;
        }
        char field[128];
        field_name(sec, item, p->key, field, sizeof field);
        if (seen[p - dc_params]++) {
            error_at(l, kn, field, "key given twice");
            continue;
        }
        if (!dc_section_is_list(sec)) l->s->key_line[p - dc_params] = (int)kn->start_mark.line + 1;
        apply(l, p, vn, item, field);
    }
    check_required(l, sec, item, seen, map);
}

static void read_list(loader *l, const yaml_node_t *seq, dc_psection sec)
{
    int *count = sec == S_PV ? &l->s->n_pv : &l->s->n_loads;
    int *lines = sec == S_PV ? l->s->pv_line : l->s->load_line;
    if (seq->type != YAML_SEQUENCE_NODE) {
        error_at(l, seq, dc_section_names[sec], "expected a list (items starting with '- ')");
        return;
    }
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        const yaml_node_t *n = yaml_document_get_node(l->doc, *it);
        if (*count >= DC_MAX_ITEMS) {
            error_at(l, n, dc_section_names[sec], "too many items (at most 256)");
            return;
        }
        int item = (*count)++;
        unsigned char seen[256] = {0};
        dc_params_default(l->s, sec, item);
        lines[item] = (int)n->start_mark.line + 1;
        read_mapping(l, n, sec, item, seen);
    }
}

static int section_of(const char *key)
{
    for (int k = 1; k < S_COUNT; k++)
        if (strcmp(key, dc_section_names[k]) == 0) return k;
    return -1;
}

static void read_root(loader *l, const yaml_node_t *root)
{
    unsigned char seen[256] = {0}, seen_section[S_COUNT] = {0};
    if (!root || root->type != YAML_MAPPING_NODE) {
        error_at(l, root, NULL, "a scenario is a mapping of key: value (is the file empty?)");
        return;
    }
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
        const yaml_node_t *kn = yaml_document_get_node(l->doc, pr->key);
        const yaml_node_t *vn = yaml_document_get_node(l->doc, pr->value);
        if (!kn || !vn || kn->type != YAML_SCALAR_NODE) {
            error_at(l, kn, NULL, "keys must be plain text");
            continue;
        }
        const char *key = (const char *)kn->data.scalar.value;
        int sec = section_of(key);
        if (sec < 0) {
            const dc_param *p = dc_param_find(S_TOP, key);
            if (!p) unknown_key(l, kn, S_TOP, NULL);
            else if (seen[p - dc_params]++) error_at(l, kn, key, "key given twice");
            else {
                l->s->key_line[p - dc_params] = (int)kn->start_mark.line + 1;
                apply(l, p, vn, 0, key);
            }
            continue;
        }
        if (seen_section[sec]++) {
            error_at(l, kn, key, "section given twice");
            continue;
        }
        if (dc_section_is_list(sec)) read_list(l, vn, sec);
        else read_mapping(l, vn, sec, 0, seen);
    }
    for (int sec = S_WEATHER; sec < S_COUNT; sec++)
        if (!seen_section[sec] && !dc_section_is_list(sec)) check_required(l, sec, 0, seen, root);
}

static void set_paths(dc_scenario *s, const char *path)
{
    snprintf(s->file, sizeof s->file, "%s", path);
    const char *slash = strrchr(path, '/');
    if (slash) snprintf(s->dir, sizeof s->dir, "%.*s", (int)(slash - path), path);
    else snprintf(s->dir, sizeof s->dir, ".");
    if (slash && slash == path) snprintf(s->dir, sizeof s->dir, "/");
    const char *base = slash ? slash + 1 : path;
    size_t len = strcspn(base, ".");
    snprintf(s->name, sizeof s->name, "%.*s", (int)(len < 63 ? len : 63), base);
}

void dc_scenario_defaults(dc_scenario *s)
{
    for (int sec = S_TOP; sec < S_COUNT; sec++)
        if (!dc_section_is_list(sec)) dc_params_default(s, sec, 0);
}

static int parse_file(loader *l, FILE *fp)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) return -1;
    yaml_parser_set_input_file(&parser, fp);
    if (!yaml_parser_load(&parser, &doc)) {
        char msg[512];
        snprintf(msg, sizeof msg, "YAML syntax error: %s%s%s", parser.problem ? parser.problem : "unknown",
                 parser.context ? " " : "", parser.context ? parser.context : "");
        l->errors++;
        dc_diag_add(l->diag, l->file, (int)parser.problem_mark.line + 1,
                    (int)parser.problem_mark.column + 1, NULL, "%s", msg);
        yaml_parser_delete(&parser);
        return -1;
    }
    l->doc = &doc;
    read_root(l, yaml_document_get_root_node(&doc));
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return 0;
}

dc_status dc_scenario_load(const char *path, dc_scenario **out, dc_diag *diag)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dc_diag_add(diag, path, 0, 0, NULL, "cannot open scenario file");
        return DC_ERR_IO;
    }
    dc_scenario *s = calloc(1, sizeof *s);
    if (!s) {
        fclose(fp);
        return DC_ERR_NOMEM;
    }
    dc_scenario_defaults(s);
    set_paths(s, path);
    loader l = {path, diag, NULL, s, 0};
    parse_file(&l, fp);
    fclose(fp);
    if (l.errors == 0) l.errors += dc_validate(s, diag);
    if (l.errors) {
        free(s);
        return DC_ERR_SCENARIO;
    }
    *out = s;
    return DC_OK;
}

void dc_scenario_destroy(dc_scenario **s)
{
    if (!s) return;
    free(*s);
    *s = NULL;
}

const char *dc_scenario_name(const dc_scenario *s) { return s->name; }

/* The YAML scenario loader (sweep.c reads sweep files). Every problem of a
 * file is reported, each with file:line:column and the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "params.h"
#include "utf8.h"
#include "validate.h"
#include "yamltext.h"

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

static void unknown_key(loader *l, const yaml_node_t *kn, dc_psection sec, const char *where)
{
    const char *key = (const char *)kn->data.scalar.value, *hint = dc_param_suggest(sec, key);
    char msg[256];
    if (!strcmp(key, "<<")) /* libyaml reads YAML 1.1's merge key as a plain key */
        snprintf(msg, sizeof msg, "'<<' (a YAML merge key) is not read: write the keys out in each item");
    else
        snprintf(msg, sizeof msg, "unknown key '%s'%s%s%s", key, hint ? " (did you mean '" : "", hint ? hint : "",
                 hint ? "'?)" : "");
    error_at(l, kn, where, msg);
}

/* Text of a scalar, or of a flow sequence joined by commas (orders). */
static int node_text(loader *l, const yaml_node_t *n, const dc_param *p, char *buf, size_t len)
{
    if (n->type == YAML_SCALAR_NODE) {
        snprintf(buf, len, "%s", (const char *)n->data.scalar.value);
        return 0;
    }
    if (n->type == YAML_SEQUENCE_NODE && (p->type == P_NAMES || p->type == P_INTLIST || p->type == P_NUMLIST)) {
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
        error_at(l, vn, field, p->type == P_NAMES     ? "expected a list of names"
                               : p->type == P_INTLIST ? "expected a list of years"
                               : p->type == P_NUMLIST ? "expected a list of numbers"
                                                      : "expected a single value, not a list or mapping");
        return;
    }
    if (!text[0] && p->type != P_TEXT && p->type != P_PATH && p->type != P_INTLIST && p->type != P_NAMES &&
        p->type != P_NUMLIST) {
        error_at(l, vn, field, "no value given");
        return;
    }
    if (dc_param_parse(p, l->s, item, text, l->s->dir, err, sizeof err)) error_at(l, vn, field, err);
}

static void check_required(loader *l, dc_psection sec, int item, const unsigned char *seen,
                           const yaml_node_t *at, int named)
{
    for (size_t i = 0; i < dc_n_params; i++) {
        const dc_param *p = &dc_params[i];
        if (p->section != sec || !(p->flags & P_REQUIRED) || seen[i]) continue;
        if (named && !strcmp(p->key, "name")) continue;
        char field[128];
        dc_field_name(l->s, sec, item, p->key, field, sizeof field);
        error_at(l, at, field, "missing required key");
    }
}

static dc_pos pos_of(const yaml_node_t *n)
{
    return (dc_pos){(int)n->start_mark.line + 1, (int)n->start_mark.column + 1};
}

/* Remember where a value was written, for messages about it later. */
static void note_pos(loader *l, dc_psection sec, int item, const dc_param *p, const yaml_node_t *vn)
{
    size_t row = (size_t)(p - dc_params);
    if (dc_section_is_list(sec)) dc_item_pos(l->s, sec, item)[DC_POS_KEYS + row] = pos_of(vn);
    else l->s->key_pos[row] = pos_of(vn);
}

/* One mapping of a section (or of one list item); named: the item already
 * has its name (a single-item alias such as `battery:`). */
static void read_mapping(loader *l, const yaml_node_t *map, dc_psection sec, int item, unsigned char *seen,
                         int named)
{
    char where[96];
    dc_field_name(l->s, sec, item, NULL, where, sizeof where);
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
        dc_field_name(l->s, sec, item, p->key, field, sizeof field);
        if (seen[p - dc_params]++) {
            error_at(l, kn, field, "key given twice");
            continue;
        }
        note_pos(l, sec, item, p, vn);
        apply(l, p, vn, item, field);
    }
    check_required(l, sec, item, seen, map, named);
}

/* A new item of a list section, with its line; -1 when the list is full. */
static int new_item(loader *l, dc_psection sec, const yaml_node_t *n)
{
    int item = dc_list_append(l->s, sec);
    if (item < 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "too many items (at most %d)", dc_sections[sec].max_items);
        error_at(l, n, dc_sections[sec].name, msg);
        return -1;
    }
    dc_item_pos(l->s, sec, item)[DC_POS_ITEM] = pos_of(n);
    return item;
}

static void read_list(loader *l, const yaml_node_t *seq, dc_psection sec)
{
    if (seq->type != YAML_SEQUENCE_NODE) {
        error_at(l, seq, dc_sections[sec].name, "expected a list (items starting with '- ')");
        return;
    }
    unsigned char *seen = malloc(dc_n_params);
    if (!seen) {
        l->errors++;
        return;
    }
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        const yaml_node_t *n = yaml_document_get_node(l->doc, *it);
        int item = n ? new_item(l, sec, n) : -1;
        if (item < 0) break;
        memset(seen, 0, dc_n_params);
        read_mapping(l, n, sec, item, seen, 0);
    }
    free(seen);
}

/* `battery:` of decarb 0.1: one item of `batteries` with a fixed name. */
static void read_alias_item(loader *l, const yaml_node_t *map, dc_psection sec, const char *name)
{
    unsigned char *seen = calloc(dc_n_params, 1);
    int item = seen ? new_item(l, sec, map) : -1;
    if (item >= 0) {
        snprintf((char *)dc_list_item(l->s, sec, item), DC_NAME_MAX, "%s", name);
        for (size_t k = 0; k < dc_n_section_aliases; k++) /* messages say "battery.x", as written */
            if (dc_section_aliases[k].section == sec && dc_section_aliases[k].item == name)
                dc_item_pos(l->s, sec, item)[DC_POS_ALIAS].line = (int)k + 1;
        read_mapping(l, map, sec, item, seen, 1);
    }
    free(seen);
}

static void read_top_key(loader *l, const yaml_node_t *kn, const yaml_node_t *vn, unsigned char *seen)
{
    const char *key = (const char *)kn->data.scalar.value;
    const dc_param *p = dc_param_find(S_TOP, key);
    if (!p) unknown_key(l, kn, S_TOP, NULL);
    else if (seen[p - dc_params]++) error_at(l, kn, key, "key given twice");
    else {
        note_pos(l, S_TOP, 0, p, vn);
        apply(l, p, vn, 0, key);
    }
}

/* The axes: key of a sweep or size file (it has base: and axes:, neither
 * a scenario key), else NULL: such a file given as a scenario gets one
 * error that says what it is, not one per key. */
static const yaml_node_t *sweep_file_key(const loader *l, const yaml_node_t *root)
{
    const yaml_node_t *axes = NULL;
    int base = 0;
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
        const yaml_node_t *kn = yaml_document_get_node(l->doc, pr->key);
        if (!kn || kn->type != YAML_SCALAR_NODE) continue;
        base |= !strcmp((const char *)kn->data.scalar.value, "base");
        if (!strcmp((const char *)kn->data.scalar.value, "axes")) axes = kn;
    }
    return base ? axes : NULL;
}

static void read_root(loader *l, const yaml_node_t *root)
{
    unsigned char seen_section[S_COUNT] = {0}, *seen = calloc(dc_n_params, 1);
    if (!seen) {
        l->errors++;
        return;
    }
    if (!root || root->type != YAML_MAPPING_NODE) {
        error_at(l, root, NULL, !root ? "a scenario is a mapping of key: value (is the file empty?)"
                                : root->type == YAML_SEQUENCE_NODE ? "a scenario is a mapping of key: value, not a list"
                                                                  : "a scenario is a mapping of key: value, not a single value");
        free(seen);
        return;
    }
    const yaml_node_t *axes = sweep_file_key(l, root);
    if (axes) {
        error_at(l, axes, NULL, "a sweep file (base: and axes:), not a scenario: `decarb sweep FILE` runs it "
                                "(`decarb size FILE` when it has a target:)");
        free(seen);
        return;
    }
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
        const yaml_node_t *kn = yaml_document_get_node(l->doc, pr->key);
        const yaml_node_t *vn = yaml_document_get_node(l->doc, pr->value);
        if (!kn || !vn || kn->type != YAML_SCALAR_NODE) {
            error_at(l, kn, NULL, "keys must be plain text");
            continue;
        }
        const char *key = (const char *)kn->data.scalar.value, *alias_item;
        int sec = dc_section_lookup(key, &alias_item);
        if (sec < 0) read_top_key(l, kn, vn, seen);
        else if (alias_item) read_alias_item(l, vn, sec, alias_item);
        else if (seen_section[sec]++) error_at(l, kn, key, "section given twice");
        else if (dc_section_is_list(sec)) read_list(l, vn, sec);
        else read_mapping(l, vn, sec, 0, seen, 0);
    }
    for (int sec = S_WEATHER; sec < S_COUNT; sec++)
        if (!seen_section[sec] && !dc_section_is_list(sec)) check_required(l, sec, 0, seen, root, 0);
    free(seen);
}

static void set_paths(dc_scenario *s, const char *path)
{
    snprintf(s->file, sizeof s->file, "%s", path);
    const char *slash = strrchr(path, '/');
    if (slash) snprintf(s->dir, sizeof s->dir, "%.*s", (int)(slash - path), path);
    else snprintf(s->dir, sizeof s->dir, ".");
    if (slash && slash == path) snprintf(s->dir, sizeof s->dir, "/");
    const char *base = slash ? slash + 1 : path, *dot = strrchr(base, '.');
    char stem[DC_PATH_MAX];
    int keep = dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml")) ? (int)(dot - base) : (int)strlen(base);
    snprintf(stem, sizeof stem, "%.*s", keep, base); /* town.v1.yaml and town.v2.yaml stay apart */
    size_t len = dc_utf8_prefix(stem, DC_NAME_CHARS, sizeof s->name - 1);
    snprintf(s->name, sizeof s->name, "%.*s", (int)len, stem);
}

/* Limits of a scenario's shape, checked on the event stream before a
 * document is built, so that a hostile file costs bounded time and memory. */
enum { MAX_DEPTH = 32, MAX_SEQUENCE = 10000, MAX_MAPPING = 2000 };

static int too_big(loader *l, const yaml_event_t *ev, const char *what)
{
    l->errors++;
    dc_diag_add(l->diag, l->file, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, NULL,
                "%s: not a scenario file", what);
    return -1;
}

/* Counts a node in the collection it sits in; -1 past a limit. */
static int count_child(loader *l, const yaml_event_t *ev, long *children, const int *is_map, int depth)
{
    if (depth == 0) return 0;
    long most = is_map[depth] ? 2L * MAX_MAPPING : MAX_SEQUENCE;
    if (++children[depth] <= most) return 0;
    return too_big(l, ev, is_map[depth] ? "a mapping of more than 2000 keys" : "a list of more than 10000 items");
}

/* One pass over the events: depth, items per list, keys per mapping. */
static int prescan(loader *l, const char *text, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    long children[MAX_DEPTH + 2];
    int is_map[MAX_DEPTH + 2], depth = 0, rc = 0, done = 0;
    if (!yaml_parser_initialize(&parser)) return -1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    while (!done && rc == 0 && yaml_parser_parse(&parser, &ev)) {
        yaml_event_type_t t = ev.type;
        int node = t == YAML_SCALAR_EVENT || t == YAML_ALIAS_EVENT || t == YAML_SEQUENCE_START_EVENT ||
                   t == YAML_MAPPING_START_EVENT;
        if (node) rc = count_child(l, &ev, children, is_map, depth);
        if (rc == 0 && (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)) {
            if (++depth > MAX_DEPTH) rc = too_big(l, &ev, "nested more than 32 levels deep");
            else children[depth] = 0, is_map[depth] = t == YAML_MAPPING_START_EVENT;
        }
        if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) depth--;
        done = t == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser); /* a syntax error is reported by the full parse */
    return rc;
}

static int parse_text(loader *l, const char *text, size_t len)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    if (dc_yaml_utf8(l->file, text, len, l->diag)) return l->errors++, -1;
    if (prescan(l, text, len) || !yaml_parser_initialize(&parser)) return -1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        char msg[512];
        snprintf(msg, sizeof msg, "YAML syntax error: %s%s%s%s", parser.problem ? parser.problem : "unknown",
                 parser.context ? " " : "", parser.context ? parser.context : "",
                 dc_yaml_hint(text, len, parser.problem_mark.index));
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
    if (!out) return DC_ERR_ARG;
    *out = NULL;
    if (!path) return DC_ERR_ARG;
    size_t len;
    char *text = dc_yaml_text(path, "scenario file", &len, diag);
    if (!text) return DC_ERR_IO;
    dc_scenario *s = dc_scenario_new();
    if (!s) {
        free(text);
        return DC_ERR_NOMEM;
    }
    set_paths(s, path);
    loader l = {path, diag, NULL, s, 0};
    parse_text(&l, text, len);
    free(text);
    if (l.errors == 0) l.errors += dc_validate(s, diag);
    s->validated = l.errors == 0;
    if (l.errors) {
        dc_scenario_destroy(&s);
        return DC_ERR_SCENARIO;
    }
    *out = s;
    return DC_OK;
}

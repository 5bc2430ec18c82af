/* Reading and writing parameter values as text, defaults, the public
 * parameter listing and did-you-mean hints: everything the parameter table
 * drives, for any section. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "params.h"
#include "fmt.h"
#include "utf8.h"

static int choice_index(const char *const *choices, const char *text)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(choices[i], text) == 0) return i;
    return -1;
}

static void choice_list(const char *const *choices, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int i = 0; choices[i]; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? ", " : "", choices[i]);
    }
}

/* Unit suffixes accepted for a row's unit, with their factor to it. */
typedef struct {
    const char *unit, *alt;
    double factor;
} unit_alias;

static const unit_alias UNIT_ALIASES[] = {
    {"kW", "W", 1e-3}, {"kW", "MW", 1e3}, {"kWh", "Wh", 1e-3}, {"kWh", "MWh", 1e3},
    {"kWh", "GWh", 1e6}, {"kWh", "kWh/year", 1}, {"kWh", "MWh/year", 1e3},
    {"kg-CO2/kWh", "t-CO2/kWh", 1e3}, {"kg-CO2/kWh", "t-CO2/MWh", 1}, {"kg-CO2/kWh", "t-CO2/千kWh", 1},
    {"kg-CO2/kWh", "kg-CO2/MWh", 1e-3}, {"kg-CO2/kWh", "g-CO2/kWh", 1e-3},
};

static int unit_factor(const char *want, const char *got, double *factor)
{
    if (strcmp(want, got) == 0) return (*factor = 1.0), 0;
    for (size_t i = 0; i < sizeof UNIT_ALIASES / sizeof UNIT_ALIASES[0]; i++)
        if (strcmp(UNIT_ALIASES[i].unit, want) == 0 && strcmp(UNIT_ALIASES[i].alt, got) == 0)
            return (*factor = UNIT_ALIASES[i].factor), 0;
    return -1;
}

static const char *unit_of(const dc_param *p) { return p->unit ? p->unit : ""; }

/* Why text is not a number, when a user's habit explains it. */
static const char *number_hint(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        if (c[0] == 0xEF && (c[1] == 0xBC || c[1] == 0xBD)) return "; use half-width digits (半角数字)";
    const char *comma = strchr(text, ',');
    if (comma && comma > text && comma[1] >= '0' && comma[1] <= '9') return "; write it without thousands separators";
    return "";
}

static int parse_number(const dc_param *p, const char *text, double *out, char *err, size_t n)
{
    if ((p->flags & P_AUTO) && strcmp(text, "auto") == 0) return (*out = NAN), 0;
    if ((p->flags & P_UNLIMITED) && (!strcmp(text, "unlimited") || !strcmp(text, ".inf")))
        return (*out = INFINITY), 0;
    char *end;
    errno = 0;
    double v = dc_parse_decimal(text, &end);
    if (end == text || errno == ERANGE || !isfinite(v)) {
        snprintf(err, n, "expected a number%s%s, got '%s'%s", *unit_of(p) ? " in " : "", unit_of(p), text,
                 number_hint(text));
        return -1;
    }
    if (*end == ',' && end[1] >= '0' && end[1] <= '9') {
        snprintf(err, n, "'%s' is not a number%s", text, number_hint(text));
        return -1;
    }
    while (*end == ' ') end++;
    double factor = 1.0;
    if (*end && unit_factor(unit_of(p), end, &factor)) {
        snprintf(err, n, "unit '%s' does not fit: this value is in %s", end,
                 *unit_of(p) ? unit_of(p) : "no unit (a plain number)");
        return -1;
    }
    if (!isfinite(v * factor)) { /* 1e306 MWh is no number in kWh */
        snprintf(err, n, "'%s' is too large", text);
        return -1;
    }
    *out = v * factor;
    return 0;
}

static int check_range(const dc_param *p, double v, char *err, size_t n)
{
    if (isnan(v) || isinf(v)) return 0;
    int low = (p->flags & P_OPEN_LOW) ? v <= p->lo : v < p->lo;
    int high = (p->flags & P_OPEN_HIGH) ? v >= p->hi : v > p->hi;
    if (!low && !high) return 0;
    snprintf(err, n, "%g%s%s is out of range %s%g, %g%s", v, *unit_of(p) ? " " : "", unit_of(p),
             (p->flags & P_OPEN_LOW) ? "(" : "[", p->lo, p->hi, (p->flags & P_OPEN_HIGH) ? ")" : "]");
    return -1;
}

static int parse_integer(const dc_param *p, const char *text, int *out, char *err, size_t n)
{
    if ((p->flags & P_AUTO) && strcmp(text, "auto") == 0) return (*out = 0), 0;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < INT_MIN || v > INT_MAX) {
        snprintf(err, n, "expected a whole number, got '%s'%s", text, number_hint(text));
        return -1;
    }
    if (check_range(p, (double)v, err, n)) return -1;
    *out = (int)v;
    return 0;
}

/* A key that names a folder ends in _dir (load_shapes_dir,
 * statistics_dir); every other path key names a file. */
static int names_folder(const dc_param *p)
{
    size_t k = strlen(p->key);
    return k >= 4 && !strcmp(p->key + k - 4, "_dir");
}

static int parse_path(const dc_param *p, char *dst, const char *text, const char *dir, char *err, size_t n)
{
    if (!*text && (p->flags & P_REQUIRED)) return snprintf(err, n, "required: give the file's path"), -1;
    if (!*text) return (dst[0] = '\0'), 0;
    int len = text[0] == '/' || !dir || !*dir ? snprintf(dst, p->size, "%s", text)
                                               : snprintf(dst, p->size, "%s/%s", dir, text);
    if (len < 0 || (size_t)len >= p->size) {
        snprintf(err, n, "path is too long");
        return -1;
    }
    char full[PATH_MAX];
    struct stat st;
    if (access(dst, R_OK) != 0 || !realpath(dst, full) || stat(full, &st) != 0) {
        snprintf(err, n, "cannot read '%s': %s", dst, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode) != names_folder(p)) {
        snprintf(err, n, "'%s' is %s", dst, names_folder(p) ? "a file, not a folder" : "a folder, not a file");
        return -1;
    }
    if (strlen(full) < p->size) memcpy(dst, full, strlen(full) + 1); /* absolute: resolved file runs anywhere */
    return 0;
}

/* Names are written into CSV headers, HDF5 paths and --set keys. */
static int check_name(const char *name, char *err, size_t n)
{
    const char *bad = strpbrk(name, "/,\".:[]");
    for (const unsigned char *c = (const unsigned char *)name; *c && !bad; c++)
        if (*c < 0x20 || *c == 0x7f) bad = (const char *)c;
    if (!*name) return snprintf(err, n, "a name may not be empty"), -1;
    if (bad) return snprintf(err, n, "'%s': a name may not hold / , \" . : [ ] or control characters", name), -1;
    if (name[0] == ' ' || name[strlen(name) - 1] == ' ')
        return snprintf(err, n, "'%s': a name may not start or end with a space", name), -1;
    return 0;
}

/* Split "[a, b]", "a, b" or "a" at commas; calls each(token) for each. */
static int split_list(const char *text, char *buf, size_t len, char **tokens, int max, int *count,
                      char *err, size_t n)
{
    snprintf(buf, len, "%s", text);
    char *t = buf + strspn(buf, " ");
    if (*t == '[') t++;
    char *end = t + strlen(t);
    while (end > t && (end[-1] == ' ' || end[-1] == ']')) *--end = '\0';
    *count = 0;
    if (!*t) return 0;
    for (char *save, *tok = strtok_r(t, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        tok += strspn(tok, " ");
        char *e = tok + strlen(tok);
        while (e > tok && e[-1] == ' ') *--e = '\0';
        if (*count >= max) return snprintf(err, n, "at most %d values", max), -1;
        tokens[(*count)++] = tok;
    }
    return 0;
}

enum { MAX_TOKENS = 256 };

static int parse_names(const dc_param *p, char *dst, const char *text, char *err, size_t n)
{
    char buf[DC_NAMES_MAX + 64], *tok[MAX_TOKENS], joined[DC_NAMES_MAX] = "";
    int k;
    if (split_list(text, buf, sizeof buf, tok, MAX_TOKENS, &k, err, n)) return -1;
    for (int i = 0; i < k; i++) {
        if (check_name(tok[i], err, n)) return -1;
        if (dc_utf8_chars(tok[i], strlen(tok[i])) > DC_NAME_CHARS || strlen(tok[i]) >= DC_NAME_MAX)
            return snprintf(err, n, "'%s' is longer than %d characters", tok[i], DC_NAME_CHARS), -1;
        for (int j = 0; j < i; j++)
            if (!strcmp(tok[i], tok[j])) return snprintf(err, n, "'%s' is listed twice", tok[i]), -1;
        size_t used = strlen(joined);
        if (used + strlen(tok[i]) + 2 > p->size) return snprintf(err, n, "list is too long"), -1;
        snprintf(joined + used, sizeof joined - used, "%s%s", i ? "," : "", tok[i]);
    }
    memcpy(dst, joined, strlen(joined) + 1);
    return 0;
}

/* A list of numbers into the struct at base (the scenario, or a list item). */
static int parse_numbers_at(const dc_param *p, char *base, const char *text, char *err, size_t n)
{
    char buf[4096], *tok[MAX_TOKENS];
    int k;
    if (split_list(text, buf, sizeof buf, tok, p->max_count, &k, err, n)) return -1;
    int *count = (int *)(base + p->size);
    for (int i = 0; i < k; i++) {
        if (p->type == P_INTLIST) {
            if (parse_integer(p, tok[i], (int *)(base + p->offset) + i, err, n)) return -1;
        } else {
            double v;
            if (parse_number(p, tok[i], &v, err, n) || check_range(p, v, err, n)) return -1;
            ((double *)(base + p->offset))[i] = v;
        }
    }
    *count = k;
    return 0;
}

static int parse_numbers(const dc_param *p, dc_scenario *s, int item, const char *text, char *err, size_t n)
{
    char *base = dc_section_is_list(p->section) ? (char *)dc_list_item(s, p->section, item) : (char *)s;
    return parse_numbers_at(p, base, text, err, n);
}

static int parse_choice(const dc_param *p, int *slot, const char *text, char *err, size_t n)
{
    int idx = choice_index(p->choices, text);
    if (idx < 0) {
        char names[256];
        choice_list(p->choices, names, sizeof names);
        snprintf(err, n, "'%s' is not one of: %s", text, names);
        return -1;
    }
    *slot = idx;
    return 0;
}

static int is_name_key(const dc_param *p)
{
    return dc_section_is_list(p->section) && (!strcmp(p->key, "name") || !strcmp(p->key, "site"));
}

int dc_param_parse(const dc_param *p, dc_scenario *s, int item, const char *text, const char *dir, char *err,
                   size_t n)
{
    void *slot = dc_param_ptr(p, s, item);
    double v;
    switch (p->type) {
    case P_NUMBER:
        if (parse_number(p, text, &v, err, n) || check_range(p, v, err, n)) return -1;
        *(double *)slot = v;
        return 0;
    case P_INTEGER: return parse_integer(p, text, slot, err, n);
    case P_TEXT: {
        size_t chars = dc_utf8_chars(text, strlen(text)), most = p->max_count ? (size_t)p->max_count : p->size - 1;
        if (chars == (size_t)-1) return snprintf(err, n, "not UTF-8 text"), -1;
        if (chars > most || strlen(text) >= p->size) return snprintf(err, n, "longer than %zu characters", most), -1;
        if (is_name_key(p) && *text && check_name(text, err, n)) return -1;
        memcpy(slot, text, strlen(text) + 1);
        return 0;
    }
    case P_PATH: return parse_path(p, slot, text, dir, err, n);
    case P_CHOICE: return parse_choice(p, slot, text, err, n);
    case P_NAMES: return parse_names(p, slot, text, err, n);
    case P_INTLIST:
    case P_NUMLIST: return parse_numbers(p, s, item, text, err, n);
    }
    return -1;
}

static void default_value(const dc_param *p, char *base)
{
    char err[256];
    void *slot = base + p->offset;
    switch (p->type) {
    case P_NUMBER: *(double *)slot = p->def; break;
    case P_INTEGER:
    case P_CHOICE: *(int *)slot = (int)p->def; break;
    case P_TEXT:
    case P_PATH: snprintf(slot, p->size, "%s", p->def_text ? p->def_text : ""); break;
    case P_NAMES: parse_names(p, slot, p->def_text, err, sizeof err); break;
    case P_INTLIST:
    case P_NUMLIST:
        *(int *)(base + p->size) = 0;
        if (p->def_text && p->def_text[0]) parse_numbers_at(p, base, p->def_text, err, sizeof err);
        break;
    }
}

void dc_params_default_single(dc_scenario *s, dc_psection sec)
{
    for (size_t i = 0; i < dc_n_params; i++)
        if (dc_params[i].section == sec) default_value(&dc_params[i], (char *)s);
}

void dc_params_default_item(dc_psection sec, void *item)
{
    for (size_t i = 0; i < dc_n_params; i++)
        if (dc_params[i].section == sec) default_value(&dc_params[i], item);
}

/* YAML double-quoted scalar. */
static void quote(const char *text, char *buf, size_t len)
{
    size_t k = 0;
    if (len < 3) return;
    buf[k++] = '"';
    for (const char *c = text; *c && k + 3 < len; c++) {
        if (*c == '"' || *c == '\\') buf[k++] = '\\';
        buf[k++] = *c;
    }
    buf[k++] = '"';
    buf[k] = '\0';
}

/* Flow sequence of a list value. */
static void format_list(const dc_param *p, const dc_scenario *s, int item, char *buf, size_t len)
{
    const char *base = dc_section_is_list(p->section) ? dc_list_item(s, p->section, item) : (const char *)s;
    size_t used = (size_t)snprintf(buf, len, "[");
    if (p->type == P_NAMES) {
        const char *joined = base + p->offset;
        char name[DC_NAME_MAX], q[2 * DC_NAME_MAX + 4];
        for (int k = 0; k < dc_names_count(joined) && used < len; k++) {
            dc_names_get(joined, k, name);
            quote(name, q, sizeof q);
            used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "", q);
        }
    } else {
        int count = *(const int *)(base + p->size);
        for (int k = 0; k < count && used < len; k++) {
            if (p->type == P_INTLIST)
                used += (size_t)snprintf(buf + used, len - used, "%s%d", k ? ", " : "", ((const int *)(base + p->offset))[k]);
            else {
                char num[40];
                dc_format_double(((const double *)(base + p->offset))[k], num, sizeof num);
                used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "", num);
            }
        }
    }
    if (used < len) snprintf(buf + used, len - used, "]");
}

void dc_format_double(double v, char *buf, size_t len)
{
    for (int prec = 1; prec <= 17; prec++) { /* 92.2, not 92.200000000000003 */
        snprintf(buf, len, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) return;
    }
}

void dc_param_format(const dc_param *p, const dc_scenario *s, int item, char *buf, size_t len)
{
    const void *slot = dc_param_cptr(p, s, item);
    switch (p->type) {
    case P_NUMBER: {
        double v = *(const double *)slot;
        if (isnan(v)) snprintf(buf, len, "auto");
        else if (isinf(v)) snprintf(buf, len, "unlimited");
        else dc_format_double(v, buf, len);
        return;
    }
    case P_INTEGER:
        if ((p->flags & P_AUTO) && *(const int *)slot == 0) snprintf(buf, len, "auto");
        else snprintf(buf, len, "%d", *(const int *)slot);
        return;
    case P_TEXT:
    case P_PATH: quote(slot, buf, len); return;
    case P_CHOICE: snprintf(buf, len, "%s", p->choices[*(const int *)slot]); return;
    case P_NAMES:
    case P_INTLIST:
    case P_NUMLIST: format_list(p, s, item, buf, len); return;
    }
}

/* Public listing (decarb params). */
size_t dc_param_count(void) { return dc_n_params; }

static const char *type_name(dc_ptype t)
{
    static const char *const names[] = {[P_NUMBER] = "number", [P_INTEGER] = "integer", [P_TEXT] = "text",
                                        [P_PATH] = "path",     [P_CHOICE] = "choice",   [P_NAMES] = "names",
                                        [P_INTLIST] = "years", [P_NUMLIST] = "numbers"};
    _Static_assert(sizeof names / sizeof names[0] == P_NUMLIST + 1, "a name per parameter type");
    return names[t];
}

static void default_text(const dc_param *p, char *buf, size_t len)
{
    if (p->flags & P_REQUIRED) snprintf(buf, len, "required");
    else if (p->type == P_NUMBER && isnan(p->def)) snprintf(buf, len, "auto");
    else if (p->type == P_NUMBER && isinf(p->def)) snprintf(buf, len, "unlimited");
    else if (p->type == P_NUMBER) snprintf(buf, len, "%g", p->def);
    else if (p->type == P_INTEGER && (p->flags & P_AUTO)) snprintf(buf, len, "auto");
    else if (p->type == P_INTEGER) snprintf(buf, len, "%d", (int)p->def);
    else if (p->type == P_CHOICE) snprintf(buf, len, "%s", p->choices[(int)p->def]);
    else snprintf(buf, len, "%s", p->def_text && *p->def_text ? p->def_text : "\"\"");
}

int dc_param_get(size_t i, dc_param_info *out)
{
    if (i >= dc_n_params || !out) return -1;
    const dc_param *p = &dc_params[i];
    out->type = type_name(p->type);
    out->unit = unit_of(p);
    out->help = p->help;
    out->key = p->key;
    out->section = dc_sections[p->section].name;
    out->is_list = dc_section_is_list(p->section);
    out->stale = dc_param_scope_name(p);
    default_text(p, out->deflt, sizeof out->deflt);
    if (p->choices) choice_list(p->choices, out->range, sizeof out->range);
    else if (p->type == P_NUMBER || p->type == P_INTEGER || p->type == P_INTLIST || p->type == P_NUMLIST)
        snprintf(out->range, sizeof out->range, "%s%g, %g%s", (p->flags & P_OPEN_LOW) ? "(" : "[", p->lo, p->hi,
                 (p->flags & P_OPEN_HIGH) ? ")" : "]");
    else snprintf(out->range, sizeof out->range, "-");
    return 0;
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

const char *dc_param_suggest(dc_psection sec, const char *key)
{
    const char *best = NULL;
    size_t best_d = strlen(key) / 3 + 2;
    for (size_t i = 0; i < dc_n_params; i++) {
        if (dc_params[i].section != sec) continue;
        size_t d = key_distance(key, dc_params[i].key);
        if (d < best_d) best_d = d, best = dc_params[i].key;
    }
    for (int k = 1; sec == S_TOP && k < S_COUNT; k++) {
        size_t d = edit_distance(key, dc_sections[k].name);
        if (d < best_d) best_d = d, best = dc_sections[k].name;
    }
    for (size_t k = 0; sec == S_TOP && k < dc_n_section_aliases; k++) {
        size_t d = edit_distance(key, dc_section_aliases[k].name);
        if (d < best_d) best_d = d, best = dc_section_aliases[k].name;
    }
    return best;
}

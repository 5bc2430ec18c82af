/* List sections as data: items of any section grow, copy and free through
 * one path, sized by the section table. */
#include <stdlib.h>
#include <string.h>

#include "params.h"

static size_t pos_per_item(void) { return dc_n_params + DC_POS_KEYS; }

dc_pos *dc_item_pos(const dc_scenario *s, dc_psection sec, int i)
{
    return s->list[sec].pos + (size_t)i * pos_per_item();
}

void *dc_list_item(const dc_scenario *s, dc_psection sec, int i)
{
    return s->list[sec].items + (size_t)i * dc_sections[sec].item_size;
}

static int grow(dc_list *l, size_t item_size)
{
    if (l->n < l->cap) return 0;
    int cap = l->cap ? 2 * l->cap : 8;
    char *items = realloc(l->items, (size_t)cap * item_size);
    if (!items) return -1;
    l->items = items;
    dc_pos *pos = realloc(l->pos, (size_t)cap * pos_per_item() * sizeof *pos);
    if (!pos) return -1;
    l->pos = pos;
    l->cap = cap;
    return 0;
}

int dc_list_append(dc_scenario *s, dc_psection sec)
{
    dc_list *l = &s->list[sec];
    size_t size = dc_sections[sec].item_size;
    if (!size || l->n >= dc_sections[sec].max_items || grow(l, size)) return -1;
    int i = l->n++;
    void *item = dc_list_item(s, sec, i);
    memset(item, 0, size);
    dc_params_default_item(sec, item);
    memset(l->pos + (size_t)i * pos_per_item(), 0, pos_per_item() * sizeof *l->pos);
    return i;
}

int dc_list_find(const dc_scenario *s, dc_psection sec, const char *name)
{
    for (int i = 0; dc_section_is_list(sec) && i < s->list[sec].n; i++)
        if (strcmp((const char *)dc_list_item(s, sec, i), name) == 0) return i;
    return -1;
}

void dc_list_remove(dc_scenario *s, dc_psection sec, int i)
{
    dc_list *l = &s->list[sec];
    size_t size = dc_sections[sec].item_size, per = pos_per_item();
    if (i < 0 || i >= l->n) return;
    memmove(l->items + (size_t)i * size, l->items + (size_t)(i + 1) * size, (size_t)(l->n - i - 1) * size);
    memmove(l->pos + (size_t)i * per, l->pos + (size_t)(i + 1) * per, (size_t)(l->n - i - 1) * per * sizeof *l->pos);
    l->n--;
}

static void free_lists(dc_scenario *s)
{
    for (int k = 0; k < S_COUNT; k++) {
        free(s->list[k].items);
        free(s->list[k].pos);
    }
    free(s->key_pos);
}

dc_scenario *dc_scenario_new(void)
{
    dc_scenario *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->key_pos = calloc(dc_n_params, sizeof *s->key_pos);
    if (!s->key_pos) {
        free(s);
        return NULL;
    }
    for (int sec = S_TOP; sec < S_COUNT; sec++)
        if (!dc_section_is_list(sec)) dc_params_default_single(s, sec);
    return s;
}

static int copy_list(dc_list *dst, const dc_list *src, size_t item_size)
{
    *dst = (dc_list){0};
    if (src->n == 0) return 0;
    dst->items = malloc((size_t)src->n * item_size);
    dst->pos = malloc((size_t)src->n * pos_per_item() * sizeof *dst->pos);
    if (!dst->items || !dst->pos) return -1;
    memcpy(dst->items, src->items, (size_t)src->n * item_size);
    memcpy(dst->pos, src->pos, (size_t)src->n * pos_per_item() * sizeof *dst->pos);
    dst->n = dst->cap = src->n;
    return 0;
}

dc_scenario *dc_scenario_copy(const dc_scenario *s)
{
    dc_scenario *c = malloc(sizeof *c);
    if (!c) return NULL;
    *c = *s;
    memset(c->list, 0, sizeof c->list);
    c->key_pos = malloc(dc_n_params * sizeof *c->key_pos);
    int bad = !c->key_pos;
    if (c->key_pos) memcpy(c->key_pos, s->key_pos, dc_n_params * sizeof *c->key_pos);
    for (int k = 0; k < S_COUNT && !bad; k++) bad = copy_list(&c->list[k], &s->list[k], dc_sections[k].item_size);
    if (bad) {
        free_lists(c);
        free(c);
        return NULL;
    }
    return c;
}

dc_scenario *dc_scenario_clone(const dc_scenario *s) { return s ? dc_scenario_copy(s) : NULL; }

void dc_scenario_destroy(dc_scenario **s)
{
    if (!s || !*s) return;
    free_lists(*s);
    free(*s);
    *s = NULL;
}

const char *dc_scenario_name(const dc_scenario *s) { return s ? s->name : NULL; }
int dc_scenario_has_area(const dc_scenario *s) { return s && s->leading.area[0]; }
int dc_scenario_has_resilience(const dc_scenario *s) { return s && (s->list[S_OUTAGES].n > 0 || s->resilience.scan); }

int dc_names_count(const char *joined)
{
    if (!joined || !*joined) return 0;
    int n = 1;
    for (const char *c = joined; *c; c++) n += *c == ',';
    return n;
}

int dc_names_get(const char *joined, int k, char *out)
{
    out[0] = '\0';
    for (int i = 0; i < k && joined; i++) {
        joined = strchr(joined, ',');
        if (joined) joined++;
    }
    if (!joined) return -1;
    size_t len = strcspn(joined, ",");
    if (len >= DC_NAME_MAX) len = DC_NAME_MAX - 1;
    memcpy(out, joined, len);
    out[len] = '\0';
    return 0;
}

#include "topology.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "params.h"

const char *const DC_SINGLE_SITE_NAME = "main";

typedef struct {
    const dc_scenario *s;
    dc_topology *t;
    dc_diag *diag;
    int errors;
} builder;

/* Count and report an error at the key's place in the file. */
#define fail(ctx, ...) ((ctx)->errors++, dc_scenario_error((ctx)->s, (ctx)->diag, __VA_ARGS__))


/* Labels whose contract needs an explicit limit (key given in the file). */
static const struct {
    const char *label;
    int import_needed, export_needed;
} CONTRACT_NEEDS[] = {
    {"high_voltage", 1, 0}, {"高圧", 1, 0}, {"extra_high_voltage", 1, 0}, {"特別高圧", 1, 0},
    {"generator", 0, 1},    {"発電所", 0, 1},
};

static void check_contract(builder *b, dc_psection sec, int item, const char *contract)
{
    for (size_t k = 0; k < sizeof CONTRACT_NEEDS / sizeof CONTRACT_NEEDS[0]; k++) {
        if (strcmp(contract, CONTRACT_NEEDS[k].label)) continue;
        if (CONTRACT_NEEDS[k].import_needed && !dc_param_given(b->s, sec, item, "import_limit_kw"))
            fail(b, sec, item, "contract", "a '%s' contract needs import_limit_kw (契約電力 or receiving capacity; "
                "'unlimited' to study energy only)", contract);
        if (CONTRACT_NEEDS[k].export_needed && !dc_param_given(b->s, sec, item, "export_limit_kw"))
            fail(b, sec, item, "contract", "a '%s' contract needs export_limit_kw (the connection capacity, "
                "連系容量)", contract);
    }
}

static double or_default(double v, double deflt) { return isnan(v) ? deflt : v; }

static int add_site(dc_topology *t, const char *name, const char *contract, int origin, int item)
{
    dc_topo_site *grown = realloc(t->site, (size_t)(t->n_sites + 1) * sizeof *grown);
    if (!grown) return -1;
    t->site = grown;
    dc_topo_site *st = &t->site[t->n_sites];
    memset(st, 0, sizeof *st);
    snprintf(st->name, sizeof st->name, "%s", name);
    snprintf(st->contract, sizeof st->contract, "%s", contract);
    st->origin = origin;
    st->item = item;
    st->wire = -1;
    st->import_kw = st->export_kw = INFINITY;
    return t->n_sites++;
}

static int find_site(const dc_topology *t, const char *name)
{
    for (int k = 0; k < t->n_sites; k++)
        if (!strcmp(t->site[k].name, name)) return k;
    return -1;
}

static void declared_sites(builder *b)
{
    const dc_scenario *s = b->s;
    const dc_site_item *it = DC_CITEMS(s, S_SITES, dc_site_item);
    if (b->t->single && add_site(b->t, DC_SINGLE_SITE_NAME, "", DC_SITE_ONLY, -1) < 0) b->errors++;
    if (b->t->single) {
        b->t->site[0].import_kw = s->grid.import_limit_kw;
        b->t->site[0].export_kw = s->grid.export_limit_kw;
    }
    for (int i = 0; i < s->list[S_SITES].n; i++) {
        int k = add_site(b->t, it[i].name, it[i].contract, DC_SITE_DECLARED, i);
        if (k < 0) {
        b->errors++;
        return;
    }
        b->t->site[k].import_kw = or_default(it[i].import_limit_kw, s->grid.import_limit_kw);
        b->t->site[k].export_kw = or_default(it[i].export_limit_kw, s->grid.export_limit_kw);
    }
}

/* A site on a private wire meters behind the wire's connection: only the
 * others must give the limits their contract needs. */
static void site_contracts(builder *b)
{
    for (int k = 0; k < b->t->n_sites; k++) {
        const dc_topo_site *st = &b->t->site[k];
        if (st->origin == DC_SITE_DECLARED && st->wire < 0) check_contract(b, S_SITES, st->item, st->contract);
    }
}

static int is_offsite(const dc_scenario *s, dc_psection sec, int i)
{
    return sec == S_PV && DC_CITEMS(s, S_PV, dc_pv_item)[i].contract == DC_CONTRACT_OFFSITE_PPA;
}

/* The site of item i of a section with sites; -1 after reporting. */
static int resolve_site(builder *b, dc_psection sec, int i)
{
    const dc_scenario *s = b->s;
    const char *item = dc_list_item(s, sec, i), *site = item + DC_NAME_MAX;
    int declared = s->list[S_SITES].n;
    if (b->t->single) {
        if (!*site || !strcmp(site, DC_SINGLE_SITE_NAME)) return 0;
        fail(b, sec, i, "site", "unknown site '%s': the scenario has no sites section, so everything is behind "
            "its one meter ('%s')", site, DC_SINGLE_SITE_NAME);
        return -1;
    }
    if (!*site && is_offsite(s, sec, i)) {
        if (find_site(b->t, item) >= 0) {
            fail(b, sec, i, "name", "an off-site PPA array without a site becomes a site named '%s', "
                "but a site of that name exists", item);
            return -1;
        }
        return add_site(b->t, item, "generator", DC_SITE_GENERATOR, -1);
    }
    if (!*site && declared == 1) return 0;
    if (!*site) {
        fail(b, sec, i, "site", "name the site: the scenario has %d sites", declared);
        return -1;
    }
    int k = find_site(b->t, site);
    if (k < 0 || b->t->site[k].origin == DC_SITE_GENERATOR)
        fail(b, sec, i, "site", "unknown site '%s' (not in the sites section)", site);
    return k < 0 || b->t->site[k].origin == DC_SITE_GENERATOR ? -1 : k;
}

static void item_sites(builder *b)
{
    for (int sec = 0; sec < S_COUNT; sec++) {
        if (!dc_sections[sec].has_site) continue;
        int n = b->s->list[sec].n;
        b->t->item_site[sec] = malloc(((size_t)n + 1) * sizeof(int));
        if (!b->t->item_site[sec]) {
        b->errors++;
        return;
    }
        for (int i = 0; i < n; i++) b->t->item_site[sec][i] = resolve_site(b, sec, i);
    }
}

static void wire_member(builder *b, int w, int k, const char *name)
{
    dc_topology *t = b->t;
    int st = find_site(t, name);
    const dc_wire_item *wi = &DC_CITEMS(b->s, S_WIRES, dc_wire_item)[w];
    if (st < 0 || t->site[st].origin != DC_SITE_DECLARED)
        {
            fail(b, S_WIRES, w, "sites", "unknown site '%s' (not in the sites section)", name);
            return;
        }
    if (t->site[st].wire >= 0)
        {
            fail(b, S_WIRES, w, "sites", "site '%s' is already on private wire '%s'", name,
                   t->wire[t->site[st].wire].name);
            return;
        }
    int item = t->site[st].item;
    const char *own = dc_param_given(b->s, S_SITES, item, "import_limit_kw")   ? "import_limit_kw"
                      : dc_param_given(b->s, S_SITES, item, "export_limit_kw") ? "export_limit_kw"
                                                                               : NULL;
    if (own)
        fail(b, S_SITES, item, own, "site '%s' is on private wire '%s': its grid limits are the wire's "
            "(private_wires[].import_limit_kw, export_limit_kw)", name, wi->name);
    t->site[st].wire = w;
    t->wire[w].sites[k] = st;
}

static void wires(builder *b)
{
    const dc_scenario *s = b->s;
    int n = s->list[S_WIRES].n;
    if (b->t->single && n > 0)
        {
            fail(b, S_WIRES, 0, NULL, "private wires join sites: list the sites in a sites section first");
            return;
        }
    b->t->wire = calloc((size_t)n + 1, sizeof *b->t->wire);
    if (!b->t->wire) {
        b->errors++;
        return;
    }
    b->t->n_wires = n;
    for (int w = 0; w < n; w++) {
        const dc_wire_item *wi = &DC_CITEMS(s, S_WIRES, dc_wire_item)[w];
        dc_topo_wire *tw = &b->t->wire[w];
        snprintf(tw->name, sizeof tw->name, "%s", wi->name);
        tw->import_kw = or_default(wi->import_limit_kw, s->grid.import_limit_kw);
        tw->export_kw = or_default(wi->export_limit_kw, s->grid.export_limit_kw);
        tw->n_sites = dc_names_count(wi->sites);
        tw->sites = calloc((size_t)tw->n_sites + 1, sizeof *tw->sites);
        if (!tw->sites) {
        b->errors++;
        return;
    }
        if (tw->n_sites < 2) fail(b, S_WIRES, w, "sites", "a private wire joins two or more sites");
        char name[DC_NAME_MAX];
        for (int k = 0; k < tw->n_sites; k++) {
            dc_names_get(wi->sites, k, name);
            wire_member(b, w, k, name);
        }
        check_contract(b, S_WIRES, w, wi->contract);
    }
}

static void check_buyer_shares(builder *b, int i, const dc_pv_item *p, int n)
{
    double sum = 0;
    for (int k = 0; k < p->n_buyer_shares; k++) sum += p->buyer_shares_pct[k];
    if (p->n_buyer_shares && p->n_buyer_shares != n)
        fail(b, S_PV, i, "buyer_shares_pct", "give one share per buyer, in the order of buyers");
    if (sum > 100 + 1e-9) fail(b, S_PV, i, "buyer_shares_pct", "shares add up to more than 100 %%");
}

static void buyers_of(builder *b, int i, int gen_site)
{
    const dc_pv_item *p = &DC_CITEMS(b->s, S_PV, dc_pv_item)[i];
    int n = dc_names_count(p->buyers);
    char name[DC_NAME_MAX];
    if (n == 0)
        {
            fail(b, S_PV, i, "buyers", "an offsite_ppa array sells to buyers: list the sites that buy its "
                   "output");
            return;
        }
    for (int k = 0; k < n; k++) {
        dc_names_get(p->buyers, k, name);
        int st = find_site(b->t, name);
        if (st < 0 || b->t->site[st].origin != DC_SITE_DECLARED)
            fail(b, S_PV, i, "buyers", "unknown site '%s' (not in the sites section)", name);
        else if (st == gen_site) fail(b, S_PV, i, "buyers", "site '%s' generates the output; it cannot buy it", name);
        else b->t->buyers[i][b->t->n_buyers[i]++] = st;
    }
    check_buyer_shares(b, i, p, n);
}

/* A generating site sells everything through its own connection. */
static void generator_site(builder *b, int i, int st)
{
    const dc_scenario *s = b->s;
    if (b->t->site[st].wire >= 0)
        fail(b, S_PV, i, "site", "site '%s' is on a private wire; an off-site PPA generator needs its own grid "
            "connection", b->t->site[st].name);
    for (int k = 0; k < s->list[S_LOADS].n; k++)
        if (b->t->item_site[S_LOADS][k] == st)
            fail(b, S_PV, i, "site", "site '%s' sells its output to buyers through the grid; it cannot also "
                "hold loads (load '%s')", b->t->site[st].name, DC_CITEMS(s, S_LOADS, dc_load_item)[k].name);
}

static void offsite_arrays(builder *b)
{
    const dc_scenario *s = b->s;
    int n = s->list[S_PV].n;
    b->t->buyers = calloc((size_t)n + 1, sizeof *b->t->buyers);
    b->t->n_buyers = calloc((size_t)n + 1, sizeof *b->t->n_buyers);
    if (!b->t->buyers || !b->t->n_buyers) {
        b->errors++;
        return;
    }
    for (int i = 0; i < n; i++) {
        const dc_pv_item *p = &DC_CITEMS(s, S_PV, dc_pv_item)[i];
        int st = b->t->item_site[S_PV][i];
        if (p->contract != DC_CONTRACT_OFFSITE_PPA) {
            if (*p->buyers) fail(b, S_PV, i, "buyers", "only offsite_ppa arrays have buyers");
            continue;
        }
        if (b->t->single) {
            dc_pos at = dc_param_pos(s, S_PV, i, "contract");
            char field[64];
            dc_field_name(b->s, S_PV, i, "contract", field, sizeof field);
            dc_diag_warn(b->diag, s->file, at.line, at.col, field,
                         "'%s' is offsite_ppa, but without a sites section it is netted behind the one meter; "
                         "declare sites to sell it to buyers through the grid", p->name);
            continue;
        }
        if (st < 0) continue;
        generator_site(b, i, st);
        buyers_of(b, i, st);
    }
}

/* One name of an order: grid, a dispatchable type, or an instance. */
static int order_entry(const dc_scenario *s, const char *name, dc_order_entry *e)
{
    if (!strcmp(name, "grid")) return (*e = (dc_order_entry){DC_ORDER_GRID, -1, -1}), 0;
    for (int sec = 0; sec < S_COUNT; sec++) {
        if (!dc_sections[sec].dispatchable) continue;
        if (!strcmp(name, dc_sections[sec].kind)) return (*e = (dc_order_entry){DC_ORDER_TYPE, sec, -1}), 0;
        int i = dc_list_find(s, sec, name);
        if (i >= 0) return (*e = (dc_order_entry){DC_ORDER_ITEM, sec, i}), 0;
    }
    return -1;
}

static void resolve_order(builder *b, const char *joined, const char *key, dc_order_entry *out, int *n)
{
    char name[DC_NAME_MAX], known[256] = "grid";
    for (int sec = 0; sec < S_COUNT; sec++)
        if (dc_sections[sec].dispatchable)
            snprintf(known + strlen(known), sizeof known - strlen(known), ", %s", dc_sections[sec].kind);
    *n = 0;
    for (int k = 0; k < dc_names_count(joined) && *n < DC_MAX_ORDER; k++) {
        dc_names_get(joined, k, name);
        if (order_entry(b->s, name, &out[*n]) == 0) (*n)++;
        else fail(b, S_DISPATCH, 0, key, "unknown resource '%s': name a resource, or a type (%s)", name, known);
    }
}

int dc_topology_build(const dc_scenario *s, dc_topology *t, dc_diag *diag)
{
    memset(t, 0, sizeof *t);
    builder b = {s, t, diag, 0};
    t->single = s->list[S_SITES].n == 0;
    declared_sites(&b);
    wires(&b);
    site_contracts(&b);
    item_sites(&b);
    if (b.errors == 0) offsite_arrays(&b);
    resolve_order(&b, s->dispatch.deficit, "deficit_order", t->deficit, &t->n_deficit);
    resolve_order(&b, s->dispatch.surplus, "surplus_order", t->surplus, &t->n_surplus);
    return b.errors;
}

void dc_topology_free(dc_topology *t)
{
    for (int w = 0; t->wire && w < t->n_wires; w++) free(t->wire[w].sites);
    for (int sec = 0; sec < S_COUNT; sec++) free(t->item_site[sec]);
    free(t->wire);
    free(t->site);
    free(t->buyers);
    free(t->n_buyers);
    memset(t, 0, sizeof *t);
}

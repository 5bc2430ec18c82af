/* Wires the engine from a scenario: sites and buses from the topology,
 * one grid connection per bus, an instance per item of every bound type,
 * loads summed per site, dispatch orders expanded per bus, and every
 * series registered in output order (town, private wires, then each site
 * followed by its loads and resources). */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "crew.h"
#include "dayrules_in.h"
#include "demand.h"
#include "diag.h"
#include "meterfmt.h"
#include "model.h"
#include "outages.h"
#include "params.h"
#include "types.h"

const dc_flow_desc dc_flow_table[F_COUNT] = {
#define DC_FLOW_ROW(id, name, unit, help, agg) [id] = {name, unit, help, agg},
    DC_FLOWS(DC_FLOW_ROW)
#undef DC_FLOW_ROW
};

/* Where a load's demand goes: its series, and its temperature response's
 * when it has one (registered with it, filled with it). */
typedef struct {
    double *kwh, *resp;
    int site;
} load_rows;

typedef struct {
    dc_model *m;
    const dc_inputs *in;
    dc_diag *diag;
    dc_build_env env;
    unsigned char (*has)[F_COUNT]; /* per site: which flows it records */
    const double *zeros;           /* n_steps zeros: inputs of sites without loads or profiles */
    dc_day_rules days;             /* お盆 and school vacations */
    load_rows *loads;              /* per load item */
} builder;

static void *alloc(builder *b, size_t n) { return dc_pool_alloc(&b->m->pool, n); }

/* Which flows a site records: only those that can be non-zero there. */
static void site_needs(builder *b)
{
    const dc_scenario *s = b->m->s;
    const dc_topology *t = &b->m->topo;
    for (int k = 0; k < t->n_sites; k++) {
        unsigned char *h = b->has[k];
        h[F_GRID_IMPORT] = h[F_GRID_EXPORT] = h[F_RESIDUAL] = 1;
        h[F_WIRE_IN] = h[F_WIRE_OUT] = t->site[k].wire >= 0;
    }
    for (int i = 0; i < s->list[S_LOADS].n; i++) b->has[t->item_site[S_LOADS][i]][F_DEMAND] = 1;
    for (int i = 0; i < s->list[S_PV].n; i++) {
        b->has[t->item_site[S_PV][i]][F_PV] = b->has[t->item_site[S_PV][i]][F_CURTAILED] = 1;
        for (int k = 0; k < t->n_buyers[i]; k++) b->has[t->buyers[i][k]][F_OFFSITE_PPA_IN] = 1;
    }
    for (int j = 0; j < dc_n_bindings; j++) { /* stores and generators by their role */
        int role = dc_bindings[j].type->role, sec = dc_bindings[j].section;
        for (int i = 0; i < s->list[sec].n; i++) {
            unsigned char *h = b->has[t->item_site[sec][i]];
            if (role == DC_ROLE_STORE) h[F_STORAGE_CHARGE] = h[F_STORAGE_DISCHARGE] = h[F_STORAGE_LEVEL] = 1;
            if (role == DC_ROLE_GENERATOR) h[F_GENERATION] = 1;
        }
    }
    for (int k = 0; k < t->n_sites; k++) b->has[k][F_UNSERVED] = b->has[k][F_DEMAND];
    for (int o = 0; o < s->list[S_OUTAGES].n; o++)
        for (int k = 0; k < t->n_sites; k++)
            if (dc_outage_covers(s, o, t->site[k].name)) b->has[k][F_SHED] = 1;
}

static dc_status register_town(builder *b)
{
    dc_model *m = b->m;
    for (int k = 0; k < F_COUNT; k++) {
        const dc_flow_desc *d = &dc_flow_table[k];
        m->eng.town[k] = dc_registry_add(&m->reg, DC_LEVEL_TOWN, "town", "", -1, d->name, d->unit, d->help, d->agg);
        if (!m->eng.town[k]) return DC_ERR_NOMEM;
    }
    double *ghi = dc_registry_add(&m->reg, DC_LEVEL_TOWN, "town", "", -1, "ghi", "W/m2",
                                  "global horizontal irradiance, mean over the step", DC_AGG_MEAN);
    double *temp = dc_registry_add(&m->reg, DC_LEVEL_TOWN, "town", "", -1, "temp_air", "degC",
                                   "dry-bulb air temperature", DC_AGG_MEAN);
    if (!ghi || !temp) return DC_ERR_NOMEM;
    memcpy(ghi, m->weather.ghi, (size_t)m->ta.n * sizeof *ghi);
    memcpy(temp, m->weather.temp_c, (size_t)m->ta.n * sizeof *temp);
    return DC_OK;
}

static dc_status register_site(builder *b, int k, const double *zeros)
{
    dc_model *m = b->m;
    dc_site *st = &m->eng.site[k];
    for (int f = 0; f < F_COUNT; f++) {
        const dc_flow_desc *d = &dc_flow_table[f];
        if (!b->has[k][f]) continue;
        st->f[f] = dc_registry_add(&m->reg, DC_LEVEL_SITE, "site", st->name, k, d->name, d->unit, d->help, d->agg);
        if (!st->f[f]) return DC_ERR_NOMEM;
    }
    st->demand = st->f[F_DEMAND] ? st->f[F_DEMAND] : zeros;
    st->crit = zeros;
    for (int i = 0; i < m->s->list[S_LOADS].n; i++)
        if (m->topo.item_site[S_LOADS][i] == k && DC_CITEMS(m->s, S_LOADS, dc_load_item)[i].critical) {
            double *crit = alloc(b, ((size_t)m->ta.n + 1) * sizeof *crit);
            if (!crit) return DC_ERR_NOMEM;
            st->crit = crit; /* filled by the critical loads */
            break;
        }
    st->pv = st->f[F_PV] ? st->f[F_PV] : zeros;
    return DC_OK;
}

/* A load's year into its series: 0, or as dc_demand_from_shape fails.
 * Reads only shared inputs, so loads fill side by side. */
static int fill_load(const builder *b, int i, const load_rows *l)
{
    const dc_model *m = b->m;
    const dc_load_item *p = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[i];
    const dc_load_input *li = &b->in->loads[i];
    dc_demand_params dp = {p->annual_kwh, p->saving_pct, &b->days, dc_load_closed_rule(p)};
    if (li->profile) return dc_demand_from_profile(&dp, li->profile, m->ta.n, l->kwh);
    int rc = dc_demand_from_shape(&dp, &li->shape, &m->ta, l->kwh);
    if (rc || !l->resp) return rc;
    dc_temp_response r = {p->cooling_base_c, p->cooling_kw_per_k, p->heating_base_c, p->heating_kw_per_k};
    dc_demand_temperature(&dp, &r, m->weather.temp_c, m->ta.n, m->step_h, l->resp);
    for (int t = 0; t < m->ta.n; t++) l->kwh[t] += l->resp[t];
    return 0;
}

/* A filled load into its site's demand (and critical demand); or why it
 * could not be filled. */
static dc_status add_load(builder *b, int i, const load_rows *l, int rc)
{
    dc_model *m = b->m;
    const dc_load_item *p = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[i];
    if (rc) {
        dc_pos at = dc_param_pos(m->s, S_LOADS, i, NULL);
        dc_diag_add(b->diag, m->s->file, at.line, at.col, p->name, "%s",
                    rc == -2 ? "load shape or profile values too large to add up over the year"
                             : "load shape or profile sums to zero");
        return DC_ERR_LOAD;
    }
    double *demand = m->eng.site[l->site].f[F_DEMAND]; /* registered: the site has loads */
    for (int t = 0; t < m->ta.n; t++) demand[t] += l->kwh[t];
    if (p->critical) {
        double *crit = (double *)m->eng.site[l->site].crit;
        for (int t = 0; t < m->ta.n; t++) crit[t] += l->kwh[t];
    }
    return DC_OK;
}

/* A load's series registered; filled here, or with env.defer on the crew
 * beside the PV arrays (finish_deferred). */
static dc_status build_load(builder *b, int i, int site)
{
    dc_model *m = b->m;
    const dc_load_item *p = &DC_CITEMS(m->s, S_LOADS, dc_load_item)[i];
    const dc_load_input *li = &b->in->loads[i];
    load_rows *l = &b->loads[i];
    l->site = site;
    l->kwh = dc_registry_add(&m->reg, DC_LEVEL_RESOURCE, "load", p->name, site, "demand", "kWh",
                             "demand of this load after savings", DC_AGG_SUM);
    if (!l->kwh) return DC_ERR_NOMEM;
    if (li->profile && li->profile_n != m->ta.n) {
        char field[64];
        dc_field_name(m->s, S_LOADS, i, "profile_file", field, sizeof field);
        dc_diag_add(b->diag, p->profile_file, 0, 0, field, "%d values, but the scenario year has %d steps%s",
                    li->profile_n, m->ta.n, dc_profile_length_hint(li->profile_n, m->ta.n));
        return DC_ERR_LOAD;
    }
    if (!li->profile && (p->cooling_kw_per_k > 0 || p->heating_kw_per_k > 0)) {
        l->resp = dc_registry_add(&m->reg, DC_LEVEL_RESOURCE, "load", p->name, site, "temperature_response", "kWh",
                                  "part of the demand that follows the dry-bulb temperature (after savings)",
                                  DC_AGG_SUM);
        if (!l->resp) return DC_ERR_NOMEM;
    }
    return b->env.defer ? DC_OK : add_load(b, i, l, fill_load(b, i, l));
}

/* A new instance of a bound type at a site. */
static dc_status make_instance(builder *b, const dc_binding *bind, int item, int site)
{
    dc_model *m = b->m;
    int r = m->eng.n_inst++;
    dc_instance *in = &m->eng.inst[r];
    in->type = bind->type;
    in->site = site;
    in->bus = m->eng.site[site].bus;
    snprintf(in->name, sizeof in->name, "%s", (const char *)dc_list_item(m->s, bind->section, item));
    in->state = alloc(b, bind->type->size);
    m->inst_of[bind->section][item] = r;
    if (!in->state) return DC_ERR_NOMEM;
    dc_status st = bind->make(in->state, &b->env, item, site);
    in->grid_forming = st == DC_OK && in->type->forms_grid && in->type->forms_grid(in->state);
    return st;
}

static dc_status build_site(builder *b, int k, const double *zeros)
{
    dc_model *m = b->m;
    dc_status st = register_site(b, k, zeros);
    for (int i = 0; st == DC_OK && i < m->s->list[S_LOADS].n; i++)
        if (m->topo.item_site[S_LOADS][i] == k) st = build_load(b, i, k);
    for (int j = 0; j < dc_n_bindings && st == DC_OK; j++) {
        const dc_binding *bind = &dc_bindings[j];
        for (int i = 0; st == DC_OK && i < m->s->list[bind->section].n; i++)
            if (m->topo.item_site[bind->section][i] == k) st = make_instance(b, bind, i, k);
    }
    return st;
}

static int count_instances(const dc_model *m, int n_buses)
{
    int n = n_buses;
    for (int j = 0; j < dc_n_bindings; j++) n += m->s->list[dc_bindings[j].section].n;
    return n;
}

/* Buses: each site with its own connection, then each private wire. */
static dc_status build_buses(builder *b)
{
    dc_model *m = b->m;
    dc_engine *e = &m->eng;
    const dc_topology *t = &m->topo;
    int own = 0;
    for (int k = 0; k < t->n_sites; k++) own += t->site[k].wire < 0;
    e->n_buses = own + t->n_wires;
    e->bus = alloc(b, (size_t)e->n_buses * sizeof *e->bus);
    m->cyc = alloc(b, (size_t)e->n_buses * sizeof *m->cyc);
    if (!e->bus || !m->cyc) return DC_ERR_NOMEM;
    int next = 0;
    for (int k = 0; k < t->n_sites; k++) {
        dc_site *st = &e->site[k];
        snprintf(st->name, sizeof st->name, "%s", t->site[k].name);
        st->bus = t->site[k].wire < 0 ? next++ : own + t->site[k].wire;
        dc_bus *bus = &e->bus[st->bus];
        if (t->site[k].wire < 0) snprintf(bus->name, sizeof bus->name, "%s", st->name);
    }
    for (int w = 0; w < t->n_wires; w++) {
        snprintf(e->bus[own + w].name, sizeof e->bus[own + w].name, "%s", t->wire[w].name);
        e->bus[own + w].wire = 1;
    }
    return DC_OK;
}

static dc_status bus_members(builder *b, dc_bus *bus, int bi)
{
    dc_engine *e = &b->m->eng;
    bus->sites = alloc(b, ((size_t)e->n_sites + 1) * sizeof(int));
    if (!bus->sites) return DC_ERR_NOMEM;
    for (int k = 0; k < e->n_sites; k++)
        if (e->site[k].bus == bi) bus->sites[bus->n_sites++] = k;
    return DC_OK;
}

/* The grid connection of each bus, with the limits of its site or wire. */
static dc_status build_grids(builder *b)
{
    dc_model *m = b->m;
    dc_engine *e = &m->eng;
    for (int bi = 0; bi < e->n_buses; bi++) {
        dc_bus *bus = &e->bus[bi];
        if (bus_members(b, bus, bi)) return DC_ERR_NOMEM;
        int site = bus->wire ? -1 : bus->sites[0];
        const dc_topo_wire *w = bus->wire ? &m->topo.wire[bi - (e->n_buses - m->topo.n_wires)] : NULL;
        double imp = w ? w->import_kw : m->topo.site[site].import_kw;
        double exp = w ? w->export_kw : m->topo.site[site].export_kw;
        int r = e->n_inst++;
        e->inst[r] = (dc_instance){.type = &dc_grid_type, .site = site, .bus = bi};
        snprintf(e->inst[r].name, sizeof e->inst[r].name, "%s", bus->name);
        e->inst[r].state = alloc(b, dc_grid_type.size);
        if (!e->inst[r].state) return DC_ERR_NOMEM;
        dc_grid_make(e->inst[r].state, imp, exp, m->step_h);
        bus->grid = r;
    }
    return DC_OK;
}

/* Per-site and per-bus lists of the dispatched and profile instances. */
static dc_status instance_lists(builder *b)
{
    dc_engine *e = &b->m->eng;
    size_t cap = ((size_t)e->n_inst + 1) * sizeof(int);
    for (int k = 0; k < e->n_sites; k++) {
        dc_site *st = &e->site[k];
        if (!(st->res = alloc(b, cap)) || !(st->prof = alloc(b, cap))) return DC_ERR_NOMEM;
    }
    for (int bi = 0; bi < e->n_buses; bi++)
        if (!(e->bus[bi].res = alloc(b, cap)) ||
            !(e->bus[bi].mem = alloc(b, ((size_t)e->n_inst + 1) * sizeof(dc_member))))
            return DC_ERR_NOMEM;
    for (int r = 0; r < e->n_inst; r++) {
        dc_instance *in = &e->inst[r];
        if (in->type->role == DC_ROLE_PROFILE) {
            dc_site *s = &e->site[in->site];
            s->prof[s->n_prof++] = r;
            if (!s->taken && (!(s->taken = alloc(b, ((size_t)e->n_steps + 1) * sizeof(double))) ||
                              !(s->sent = alloc(b, ((size_t)e->n_steps + 1) * sizeof(double)))))
                return DC_ERR_NOMEM;
            continue;
        }
        if (in->site >= 0) e->site[in->site].res[e->site[in->site].n_res++] = r;
        e->bus[in->bus].res[e->bus[in->bus].n_res++] = r;
    }
    return DC_OK;
}

/* Append instance r when it is on the bus and not listed yet. */
static void add_once(const dc_model *m, int bi, int r, int *out, int *k)
{
    if (r < 0 || m->eng.inst[r].bus != bi) return;
    for (int j = 0; j < *k; j++)
        if (out[j] == r) return;
    out[(*k)++] = r;
}

/* One order of the scenario, expanded for one bus: a type stands for
 * every instance of it on the bus, in file order. */
static int expand_order(const dc_model *m, int bi, const dc_order_entry *o, int n, int *out)
{
    int k = 0;
    for (int j = 0; j < n; j++) {
        if (o[j].kind == DC_ORDER_GRID) add_once(m, bi, m->eng.bus[bi].grid, out, &k);
        else if (o[j].kind == DC_ORDER_ITEM) add_once(m, bi, m->inst_of[o[j].section][o[j].item], out, &k);
        else
            for (int i = 0; i < m->s->list[o[j].section].n; i++) add_once(m, bi, m->inst_of[o[j].section][i], out, &k);
    }
    return k;
}

static dc_status orders(builder *b)
{
    dc_model *m = b->m;
    for (int bi = 0; bi < m->eng.n_buses; bi++) {
        dc_bus *bus = &m->eng.bus[bi];
        size_t cap = ((size_t)m->eng.n_inst + 1) * sizeof(int);
        size_t slots = ((size_t)m->eng.n_inst + 1) * sizeof(dc_slot *);
        if (!(bus->deficit = alloc(b, cap)) || !(bus->surplus = alloc(b, cap)) ||
            !(bus->deficit_slot = alloc(b, slots)) || !(bus->surplus_slot = alloc(b, slots)))
            return DC_ERR_NOMEM;
        bus->n_deficit = expand_order(m, bi, m->topo.deficit, m->topo.n_deficit, bus->deficit);
        bus->n_surplus = expand_order(m, bi, m->topo.surplus, m->topo.n_surplus, bus->surplus);
    }
    return DC_OK;
}

/* Where the engine's settlement writes array i's sales: the array's own
 * sold series, so that no copy is made of it every year (pv_settle_year). */
static double *sold_series(builder *b, int i)
{
    char name[4 * DC_NAME_MAX];
    const char *item = dc_list_item(b->m->s, S_PV, i); /* an item begins with its name */
    snprintf(name, sizeof name, "pv:%s:sold_to_buyers", item);
    const dc_series *sold = dc_registry_find(&b->m->reg, name);
    return sold ? sold->v : alloc(b, ((size_t)b->m->ta.n + 1) * sizeof(double));
}

static dc_status buyers(builder *b)
{
    dc_model *m = b->m;
    for (int i = 0; i < m->s->list[S_PV].n; i++) {
        int n = m->topo.n_buyers[i];
        dc_instance *in = &m->eng.inst[m->inst_of[S_PV][i]];
        const dc_pv_item *p = &DC_CITEMS(m->s, S_PV, dc_pv_item)[i];
        if (!n) continue;
        in->buyers = alloc(b, (size_t)n * sizeof(int));
        m->eng.sold[m->inst_of[S_PV][i]] = sold_series(b, i);
        in->out = alloc(b, ((size_t)m->ta.n + 1) * sizeof(double));
        if (!m->eng.sold[m->inst_of[S_PV][i]] || !in->out) return DC_ERR_NOMEM;
        in->shares = p->n_buyer_shares ? alloc(b, (size_t)n * sizeof(double)) : NULL;
        in->buyer_import = alloc(b, (size_t)n * sizeof *in->buyer_import);
        in->buyer_ppa = alloc(b, (size_t)n * sizeof *in->buyer_ppa);
        in->offers = alloc(b, ((size_t)m->eng.n_inst + 1) * sizeof *in->offers);
        if (!in->buyers || (p->n_buyer_shares && !in->shares) || !in->buyer_import || !in->buyer_ppa || !in->offers)
            return DC_ERR_NOMEM;
        in->n_buyers = n;
        for (int k = 0; k < n; k++) {
            in->buyers[k] = m->topo.buyers[i][k];
            if (in->shares) in->shares[k] = p->buyer_shares_pct[k] / 100.0;
        }
    }
    return DC_OK;
}

/* Minutes since 1970-01-01 00:00 JST of a step's start. */
static long step_minute(const dc_stamp *t)
{
    return dc_days_from_civil(t->year, t->month, t->day) * 1440L + t->hour * 60 + t->minute;
}

/* Each bus's grid availability: down in every step an outage touches at
 * one of its sites (a private wire has one connection). */
static int outages(builder *b)
{
    dc_model *m = b->m;
    dc_engine *e = &m->eng;
    const dc_scenario *s = m->s;
    long step_min = (long)(e->step_h * 60 + 0.5);
    for (int o = 0; o < s->list[S_OUTAGES].n; o++) {
        const dc_outage_item *it = &DC_CITEMS(s, S_OUTAGES, dc_outage_item)[o];
        long from, to;
        if (dc_instant_parse(it->start, &from)) continue; /* validated */
        to = from + (long)(it->hours * 60 + 0.5);
        for (int k = 0; k < e->n_sites; k++) {
            if (!dc_outage_covers(s, o, e->site[k].name)) continue;
            dc_bus *bus = &e->bus[e->site[k].bus];
            if (!bus->grid_up) {
                if (!(bus->grid_up = alloc(b, (size_t)e->n_steps + 1))) return -1;
                memset(bus->grid_up, 1, (size_t)e->n_steps + 1);
            }
            for (int i = 0; i < e->n_steps; i++) {
                long t0 = step_minute(&e->t[i]);
                if (t0 < to && t0 + step_min > from) bus->grid_up[i] = 0;
            }
        }
    }
    return 0;
}

/* Profile supply of each site, and the per-bus sums of the inputs. */
void dc_model_sum_profiles(dc_model *m, int site)
{
    dc_engine *e = &m->eng;
    dc_site *s = &e->site[site];
    if (!s->n_prof) return;
    memset(s->f[F_PV], 0, (size_t)e->n_steps * sizeof *s->f[F_PV]);
    for (int j = 0; j < s->n_prof; j++) {
        const dc_instance *in = &e->inst[s->prof[j]];
        for (int i = 0; i < e->n_steps; i++) s->f[F_PV][i] += in->type->offer(in->state, i);
    }
}

/* What a settlement compares with to find the steps that moved
 * (engine.c: moved_steps): each site's import, and a buyer's purchases;
 * and each site's blocks that runs touched (dc_site). */
static int settle_memory(builder *b)
{
    dc_engine *e = &b->m->eng;
    size_t n = ((size_t)e->n_steps + 1) * sizeof(double);
    e->buyer_sites = alloc(b, ((size_t)e->n_sites + 1) * sizeof(int));
    e->moved = alloc(b, ((size_t)e->n_steps + 1) * sizeof(int));
    e->moved_at = alloc(b, (size_t)e->n_steps + 1);
    if (!e->buyer_sites || !e->moved || !e->moved_at) return -1;
    for (int k = 0; k < e->n_sites; k++) {
        dc_site *s = &e->site[k];
        if (s->f[F_GRID_IMPORT] && !(s->seen_import = alloc(b, n))) return -1;
        if (s->f[F_OFFSITE_PPA_IN] && !(s->kept_ppa = alloc(b, n))) return -1;
        size_t blocks = (size_t)dc_engine_blocks(e) + 1;
        if (!(s->touched = alloc(b, blocks)) || !(s->changed = alloc(b, blocks))) return -1;
        s->touched_all = s->changed_all = 1;
    }
    return 0;
}

static dc_status sum_inputs(builder *b)
{
    dc_engine *e = &b->m->eng;
    for (int k = 0; k < e->n_sites; k++) dc_model_sum_profiles(b->m, k);
    if (outages(b)) return DC_ERR_NOMEM;
    for (int bi = 0; bi < e->n_buses; bi++) {
        dc_bus *bus = &e->bus[bi];
        size_t n = ((size_t)e->n_steps + 1) * sizeof(double);
        int summed = bus->n_sites > 1 || bus->grid_up; /* else its site's own series (sum_bus_inputs) */
        if ((summed && !(bus->sums = alloc(b, 2 * n))) || (!dc_bus_passive(bus) && !(bus->sink = alloc(b, n))))
            return DC_ERR_NOMEM;
    }
    size_t ni = ((size_t)e->n_inst + 1) * sizeof(int);
    e->sellers = alloc(b, ni);
    e->active_buses = alloc(b, ((size_t)e->n_buses + 1) * sizeof(int));
    e->work = alloc(b, ((size_t)e->n_buses + 1) * sizeof(int));
    e->all_sites = alloc(b, ((size_t)e->n_sites + 1) * sizeof(int));
    e->scratch[0] = alloc(b, ((size_t)e->n_steps + 1) * sizeof(double));
    e->scratch[1] = alloc(b, ((size_t)e->n_steps + 1) * sizeof(double));
    if (!e->sellers || !e->active_buses || !e->work || !e->all_sites || !e->scratch[0] || !e->scratch[1] ||
        settle_memory(b))
        return DC_ERR_NOMEM;
    for (int k = 0; k < e->n_sites; k++) e->all_sites[k] = k;
    return dc_engine_prepare(e) ? DC_ERR_NOMEM : DC_OK;
}

/* The connection flows of each private wire; plain sites reuse their own. */
static dc_status register_buses(builder *b)
{
    dc_model *m = b->m;
    dc_engine *e = &m->eng;
    for (int bi = 0; bi < e->n_buses; bi++) {
        dc_bus *bus = &e->bus[bi];
        if (bus->wire) {
            bus->grid_import = dc_registry_add(&m->reg, DC_LEVEL_WIRE, "wire", bus->name, -1, "grid_import", "kWh",
                                               "energy from the grid at the point of connection", DC_AGG_SUM);
            bus->grid_export = dc_registry_add(&m->reg, DC_LEVEL_WIRE, "wire", bus->name, -1, "grid_export", "kWh",
                                               "energy to the grid at the point of connection", DC_AGG_SUM);
            bus->residual = dc_registry_add(&m->reg, DC_LEVEL_WIRE, "wire", bus->name, -1, "balance_residual",
                                            "kWh", "supply reported by the wire's resources minus demand served",
                                            DC_AGG_MAXABS);
            if (!bus->grid_import || !bus->grid_export || !bus->residual) return DC_ERR_NOMEM;
        }
    }
    return DC_OK;
}

static dc_status allocate(builder *b)
{
    dc_model *m = b->m;
    dc_engine *e = &m->eng;
    int n = m->ta.n, own = 0;
    for (int k = 0; k < m->topo.n_sites; k++) own += m->topo.site[k].wire < 0;
    int n_inst = count_instances(m, own + m->topo.n_wires);
    e->n_steps = n;
    e->step_h = m->step_h;
    e->t = m->ta.t;
    e->tolerance = DC_BALANCE_TOLERANCE_KWH;
    if (e->threads < 1) e->threads = 1; /* dc_model_create_on set it */
    e->n_sites = m->topo.n_sites;
    e->site = alloc(b, ((size_t)e->n_sites + 1) * sizeof *e->site);
    e->inst = alloc(b, ((size_t)n_inst + 1) * sizeof *e->inst);
    e->slot = alloc(b, ((size_t)n_inst + 1) * sizeof *e->slot);
    e->sold = alloc(b, ((size_t)n_inst + 1) * sizeof *e->sold);
    b->zeros = alloc(b, ((size_t)n + 1) * sizeof(double));
    m->level0 = alloc(b, ((size_t)e->n_sites + 1) * sizeof(double));
    m->inst_of = alloc(b, S_COUNT * sizeof *m->inst_of);
    b->has = alloc(b, ((size_t)e->n_sites + 1) * sizeof *b->has);
    b->loads = alloc(b, ((size_t)m->s->list[S_LOADS].n + 1) * sizeof *b->loads);
    e->zeros = b->zeros;
    if (!e->site || !e->inst || !e->slot || !e->sold || !b->zeros || !m->level0 ||
        !m->inst_of || !b->has || !b->loads)
        return DC_ERR_NOMEM;
    for (int sec = 0; sec < S_COUNT; sec++) {
        m->inst_of[sec] = alloc(b, ((size_t)m->s->list[sec].n + 1) * sizeof(int));
        if (!m->inst_of[sec]) return DC_ERR_NOMEM;
        for (int i = 0; i < m->s->list[sec].n; i++) m->inst_of[sec][i] = -1;
    }
    return DC_OK;
}

/* The survival scan: a series per site with critical loads, and every
 * instance on such a site's bus keeps its state at each step's start. */
static dc_status scan_setup(builder *b)
{
    dc_model *m = b->m;
    dc_engine *e = &m->eng;
    m->survival = alloc(b, ((size_t)e->n_sites + 1) * sizeof *m->survival);
    e->snap = alloc(b, ((size_t)e->n_inst + 1) * sizeof *e->snap);
    if (!m->survival || !e->snap) return DC_ERR_NOMEM;
    memset(m->survival, 0, ((size_t)e->n_sites + 1) * sizeof *m->survival);
    memset(e->snap, 0, ((size_t)e->n_inst + 1) * sizeof *e->snap);
    for (int k = 0; k < e->n_sites; k++) {
        if (e->site[k].crit == b->zeros) continue;
        m->survival[k] = dc_registry_add(&m->reg, DC_LEVEL_SITE, "site", e->site[k].name, k, "survival_hours", "h",
                                         "hours the critical loads last if the grid goes down at this step's start "
                                         "(survival scan)", DC_AGG_MEAN);
        if (!m->survival[k]) return DC_ERR_NOMEM;
        dc_registry_detail(&m->reg, m->survival[k]);
        const dc_bus *bus = &e->bus[e->site[k].bus];
        for (int j = 0; j < bus->n_res; j++) {
            int r = bus->res[j];
            if (e->snap[r]) continue;
            if (!(e->snap[r] = alloc(b, (size_t)e->n_steps * e->inst[r].type->size))) return DC_ERR_NOMEM;
        }
    }
    return DC_OK;
}

/* Each meter's electricity factor: its own site's, else the grid's. */
static void site_factors(dc_topology *t, const dc_inputs *in)
{
    for (int k = 0; k < t->n_sites; k++) {
        int item = t->site[k].item;
        t->site[k].ef_kg_per_kwh = item >= 0 && item < in->n_site_ef ? in->site_ef[item].kg_per_kwh
                                                                      : in->grid_ef.kg_per_kwh;
    }
}

/* What the accounting after the run needs from the inputs. */
static dc_status keep_costs(builder *b)
{
    dc_model *m = b->m;
    size_t np = (size_t)m->s->list[S_PV].n, nb = (size_t)m->s->list[S_BATTERIES].n;
    m->grid_ef = b->in->grid_ef.kg_per_kwh;
    m->pv_cost = alloc(b, (np + 1) * sizeof *m->pv_cost);
    m->bat_cost = alloc(b, (nb + 1) * sizeof *m->bat_cost);
    if (!m->pv_cost || !m->bat_cost) return DC_ERR_NOMEM;
    if (b->in->pv_cost) memcpy(m->pv_cost, b->in->pv_cost, np * sizeof *m->pv_cost);
    if (b->in->bat_cost) memcpy(m->bat_cost, b->in->bat_cost, nb * sizeof *m->bat_cost);
    return DC_OK;
}

/* Each array's sold and used-on-site series, found once: totals of every
 * month and site read them. */
static dc_status pv_series(builder *b)
{
    dc_model *m = b->m;
    size_t np = (size_t)m->s->list[S_PV].n;
    m->pv_sold = alloc(b, (np + 1) * sizeof *m->pv_sold);
    m->pv_used = alloc(b, (np + 1) * sizeof *m->pv_used);
    if (!m->pv_sold || !m->pv_used) return DC_ERR_NOMEM;
    char name[4 * DC_NAME_MAX];
    for (size_t k = 0; k < np; k++) {
        const char *item = dc_list_item(m->s, S_PV, (int)k);
        snprintf(name, sizeof name, "pv:%s:sold_to_buyers", item);
        const dc_series *sold = dc_registry_find(&m->reg, name);
        snprintf(name, sizeof name, "pv:%s:used_on_site", item);
        const dc_series *used = dc_registry_find(&m->reg, name);
        m->pv_sold[k] = sold ? sold->v : NULL;
        m->pv_used[k] = used ? used->v : NULL;
    }
    return DC_OK;
}

static const double *col(const builder *b, const dc_site *s, int k) { return s->f[k] ? s->f[k] : b->zeros; }

/* Each site's series as the totals read them. */
static dc_status site_views(builder *b)
{
    dc_model *m = b->m;
    m->view = alloc(b, ((size_t)m->eng.n_sites + 1) * sizeof *m->view);
    size_t cells = (size_t)m->eng.n_sites * 13 + 1;
    m->tc = alloc(b, sizeof *m->tc);
    if (!m->view || !m->tc || !(m->tc->epoch = alloc(b, cells * sizeof *m->tc->epoch)) ||
        !(m->tc->t = alloc(b, cells * sizeof *m->tc->t)) ||
        !(m->tc->pv_at = alloc(b, ((size_t)m->s->list[S_PV].n + 1) * sizeof *m->tc->pv_at)) ||
        !(m->tc->pv = alloc(b, ((size_t)m->s->list[S_PV].n + 1) * sizeof *m->tc->pv)) ||
        pthread_mutex_init(&m->tc->lock, NULL))
        return DC_ERR_NOMEM;
    m->tc->ready = 1;
    m->tc->records = 1; /* what readers cache is stamped 0: not computed */
    m->zeros = b->zeros;
    for (int k = 0; k < m->eng.n_sites; k++) {
        const dc_site *s = &m->eng.site[k];
        m->view[k] = (dc_site_view){col(b, s, F_DEMAND), col(b, s, F_PV), col(b, s, F_GENERATION),
                                    col(b, s, F_STORAGE_CHARGE), col(b, s, F_STORAGE_DISCHARGE),
                                    col(b, s, F_GRID_IMPORT), col(b, s, F_GRID_EXPORT), col(b, s, F_WIRE_IN),
                                    col(b, s, F_WIRE_OUT), col(b, s, F_OFFSITE_PPA_IN), col(b, s, F_CURTAILED),
                                    col(b, s, F_UNSERVED), col(b, s, F_RESIDUAL), m->topo.site[k].ef_kg_per_kwh};
    }
    return DC_OK;
}

/* The work left (env.defer), taken job by job by the crew: each
 * instance's finish (the PV arrays), then each load's year. */
typedef struct {
    builder *b;
    int n, n_loads;
    int *inst, *item, *bind;
    dc_status *st;
    int *load_rc;
    atomic_int next;
} finishing;

static void finish_some(void *arg)
{
    finishing *f = arg;
    const dc_engine *e = &f->b->m->eng;
    for (int k; (k = atomic_fetch_add(&f->next, 1)) < f->n + f->n_loads;) {
        if (k >= f->n) f->load_rc[k - f->n] = fill_load(f->b, k - f->n, &f->b->loads[k - f->n]);
        else f->st[k] = dc_bindings[f->bind[k]].finish(e->inst[f->inst[k]].state, &f->b->env, f->item[k]);
    }
}

/* Every deferred job done; the loads into their sites in the order
 * build_site takes them (the sums of a step as without the crew). The
 * first failure: of the loads, built first, else in instance order. */
static dc_status finish_deferred(builder *b)
{
    dc_model *m = b->m;
    int n = m->eng.n_inst, n_loads = m->s->list[S_LOADS].n;
    finishing f = {b, 0, n_loads, alloc(b, ((size_t)n + 1) * sizeof(int)), alloc(b, ((size_t)n + 1) * sizeof(int)),
                   alloc(b, ((size_t)n + 1) * sizeof(int)), alloc(b, ((size_t)n + 1) * sizeof(dc_status)),
                   alloc(b, ((size_t)n_loads + 1) * sizeof(int)), 0};
    if (!f.inst || !f.item || !f.bind || !f.st || !f.load_rc) return DC_ERR_NOMEM;
    for (int j = 0; j < dc_n_bindings; j++)
        for (int i = 0; dc_bindings[j].finish && i < m->s->list[dc_bindings[j].section].n; i++)
            f.inst[f.n] = m->inst_of[dc_bindings[j].section][i], f.item[f.n] = i, f.bind[f.n++] = j;
    if (m->eng.crew) dc_crew_run(m->eng.crew, finish_some, &f);
    else finish_some(&f);
    for (int k = 0; k < m->topo.n_sites; k++) /* as build_site adds them: site by site */
        for (int i = 0; i < n_loads; i++) {
            dc_status st = b->loads[i].site == k ? add_load(b, i, &b->loads[i], f.load_rc[i]) : DC_OK;
            if (st != DC_OK) return st;
        }
    int first = -1;
    for (int k = 0; k < f.n; k++)
        if (f.st[k] != DC_OK && (first < 0 || f.inst[k] < f.inst[first])) first = k;
    return first < 0 ? DC_OK : f.st[first];
}

dc_status dc_model_build(dc_model *m, const dc_inputs *in, dc_diag *diag)
{
    builder b = {m, in, diag, {0}, NULL, NULL, {0}, NULL};
    dc_day_rules_from(m->s, &b.days);
    if (dc_topology_build(m->s, &m->topo, diag)) return DC_ERR_SCENARIO;
    site_factors(&m->topo, in);
    b.env = (dc_build_env){m->s, in, &m->topo, &m->ta, &m->weather, &m->sun, m->step_h, &m->reg, &m->pool, diag,
                            m->cache, &m->sun_key, !m->cache && m->eng.crew};
    dc_status st = allocate(&b);
    if (st == DC_OK) st = keep_costs(&b);
    if (st == DC_OK) st = build_buses(&b);
    if (st == DC_OK) st = build_grids(&b);
    if (st == DC_OK) site_needs(&b);
    if (st == DC_OK) st = register_town(&b);
    if (st == DC_OK) st = register_buses(&b);
    for (int k = 0; st == DC_OK && k < m->topo.n_sites; k++) st = build_site(&b, k, b.zeros);
    if (st == DC_OK && b.env.defer) st = finish_deferred(&b);
    if (st == DC_OK) st = instance_lists(&b);
    if (st == DC_OK) st = orders(&b);
    if (st == DC_OK) st = buyers(&b);
    if (st == DC_OK) st = sum_inputs(&b);
    if (st == DC_OK) st = pv_series(&b);
    if (st == DC_OK) st = site_views(&b);
    if (st == DC_OK) st = dc_totals_prepare(m);
    if (st == DC_OK && m->s->resilience.scan) st = scan_setup(&b);
    if (st == DC_OK && m->s->leading.area[0]) st = dc_netzero_prepare(m);
    return st;
}

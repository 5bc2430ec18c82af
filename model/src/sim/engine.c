#include "engine.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "crew.h"
#include "kernels.h"
#include "minmax.h"
#include "step.h"

/* ---- checks ---------------------------------------------------------- */

static void describe(const dc_engine *e, int i, const char *what, const char *name, double residual,
                     const char *detail, char *buf, size_t len)
{
    const dc_stamp *t = &e->t[i];
    snprintf(buf, len, "step %d (%04d-%02d-%02d %02d:%02d JST): %s '%s': residual %.9g kWh%s", i, t->year, t->month,
             t->day, t->hour, t->minute, what, name, residual, detail);
}

/* The instance of a site (or bus) whose report differs most from its request. */
static void worst_report(const dc_engine *e, const int *res, int n, char *buf, size_t len)
{
    int worst = -1;
    double gap = 0;
    for (int k = 0; k < n; k++) {
        double g = fabs(e->slot[res[k]].done - e->slot[res[k]].req);
        if (g > gap) gap = g, worst = res[k];
    }
    if (worst < 0 || gap <= e->tolerance) snprintf(buf, len, " (no resource misreported: dispatch does not close)");
    else
        snprintf(buf, len, "; resource %s '%s' did %.9g kWh where %.9g kWh was asked", e->inst[worst].type->name,
                 e->inst[worst].name, e->slot[worst].done, e->slot[worst].req);
}

/* Why a step failed goes into the bus's own buffer (buses may run side
 * by side). */
int dc_step_failed(const dc_engine *e, dc_bus *b, int i, const char *what, const char *name, double residual,
                   const int *res, int n)
{
    char detail[1024];
    worst_report(e, res, n, detail, sizeof detail);
    describe(e, i, what, name, residual, detail, b->error, sizeof b->error);
    return -1;
}

/* A ledger that did not close, into the bus's error. */
int dc_step_ledger_failed(const dc_engine *e, dc_bus *b, int i, int r, double residual)
{
    const dc_instance *in = &e->inst[r];
    char detail[512];
    snprintf(detail, sizeof detail, " in its ledger at site '%s': what it holds does not follow from "
             "what it reported", in->site >= 0 ? e->site[in->site].name : b->name);
    describe(e, i, in->type->name, in->name, residual, detail, b->error, sizeof b->error);
    return -1;
}

/* ---- the year's accounting ---------------------------------------------- */

/* What instance `in` sells at step i of the `out` its site's export
 * offers it: to its buyers, each at most its own grid import left open;
 * the rest is sold unmatched. Adds to the buyers' purchases; returns the
 * sale [kWh] (summed in a register: the buyers' stores might be its own
 * memory). */
static double sell_step(const dc_instance *in, int i, double out)
{
    double want = 0.0, sold = 0.0;
    for (int k = 0; k < in->n_buyers; k++) want += in->buyer_import[k][i] - in->buyer_ppa[k][i];
    double scale = want > out && want > 0 ? out / want : 1.0;
    for (int k = 0; k < in->n_buyers; k++) {
        double open = in->buyer_import[k][i] - in->buyer_ppa[k][i];
        double take = in->shares ? dc_min(in->shares[k] * out, open) : open * scale;
        in->buyer_ppa[k][i] += take;
        sold += take;
    }
    return sold;
}

/* Instance in's part of its generating site's export per step: by what
 * the site's selling profiles offer. It follows from that site alone, so
 * it is worked out again only when the site has changed (a sweep over a
 * buyer's battery keeps it). */
static void offered_out(const dc_engine *e, dc_instance *in)
{
    const dc_site *gen = &e->site[in->site];
    const double *exported = gen->f[F_GRID_EXPORT];
    if (in->out_epoch == gen->epoch) return;
    for (int i = 0; i < e->n_steps; i++) {
        double offered = 0.0;
        for (int k = 0; exported[i] > 0 && k < in->n_offers; k++)
            offered += in->offers[k]->type->offer(in->offers[k]->state, i);
        in->out[i] = offered > 0 ? exported[i] * in->type->offer(in->state, i) / offered : 0.0;
    }
    in->out_epoch = gen->epoch;
}

/* A seller's buyers' series and the selling profiles at its site. */
static void seller_rows(dc_engine *e, dc_instance *in)
{
    const dc_site *gen = &e->site[in->site];
    for (int k = 0; k < in->n_buyers; k++) {
        double *const *f = e->site[in->buyers[k]].f;
        in->buyer_import[k] = f[F_GRID_IMPORT];
        in->buyer_ppa[k] = f[F_OFFSITE_PPA_IN];
    }
    in->n_offers = 0;
    for (int k = 0; k < gen->n_prof; k++)
        if (e->inst[gen->prof[k]].n_buyers) in->offers[in->n_offers++] = &e->inst[gen->prof[k]];
}

/* The blocks in which a site's shares may have moved since its profiles'
 * records were last settled (each full run settles them, so they stand
 * as of the last settlement): those touched since; NULL: every one. */
static const unsigned char *touched_blocks(const dc_site *s) { return s->touched_all ? NULL : s->touched; }

/* Each profile's records from its site's shares (at one site, or all: -1).
 * A profile at a passive site ends every year the same way: it is settled
 * once, when the engine is prepared (fixed = 1); after each run only its
 * sales, which follow its buyers' imports, are (no shares given). So are
 * the profiles of a kept bus, whose shares stand from its last run. A
 * profile at an active site that sells nothing was settled by its bus's
 * job (settle_bus_profiles). */
static void settle_profiles(dc_engine *e, int fixed, int site)
{
    for (int r = 0; r < e->n_inst; r++) {
        dc_instance *in = &e->inst[r];
        if (in->type->role != DC_ROLE_PROFILE || (site >= 0 && in->site != site)) continue;
        const dc_site *s = &e->site[in->site];
        int standing = !s->active || e->bus[s->bus].kept; /* its shares did not change in this run */
        if (fixed ? s->active : !in->n_buyers) continue;
        int shares = fixed || !standing;
        dc_profile_year y = {e->n_steps, shares ? s->taken : NULL, shares ? s->sent : NULL,
                             in->n_buyers ? e->sold[r] : NULL, fixed ? NULL : touched_blocks(s), DC_BLOCK_STEPS};
        in->type->settle_year(in->state, &y);
    }
}

/* Every seller's sales at step i: the buyers' purchases from zero, then
 * seller by seller, each by the buyers' imports that step. */
static void sell_at(dc_engine *e, int i)
{
    for (int k = 0; k < e->n_buyer_sites; k++) e->site[e->buyer_sites[k]].f[F_OFFSITE_PPA_IN][i] = 0.0;
    for (int k = 0; k < e->n_sellers; k++) {
        int r = e->sellers[k];
        const dc_instance *in = &e->inst[r];
        e->sold[r][i] = e->site[in->site].f[F_GRID_EXPORT][i] > 0 ? sell_step(in, i, in->out[i]) : 0.0;
    }
}

static int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

/* at[i] = 1 where now[i] and was[i] differ in a bit, in the blocks a run
 * touched (NULL: every block); a block of eight steps is compared at
 * once (most are the same). */
static void mark_moved(unsigned char *restrict at, const double *restrict now, const double *restrict was, int n,
                       const unsigned char *touched)
{
    _Static_assert(DC_BLOCK_STEPS == 8, "a block is compared at once");
    int i = 0;
    for (int b = 0; i + 8 <= n; i += 8, b++) {
        if (touched && !touched[b]) continue;
        uint64_t x[8], y[8], d = 0;
        memcpy(x, now + i, sizeof x);
        memcpy(y, was + i, sizeof y);
        for (int k = 0; k < 8; k++) d |= x[k] ^ y[k];
        for (int k = 0; d && k < 8; k++) at[i + k] |= x[k] != y[k];
    }
    for (; i < n; i++) at[i] |= !same_bits(now[i], was[i]);
}

/* The steps in which an import moved since the last settlement, into
 * e->moved; their count. Every step (moved_all) when the last one's
 * imports and purchases were not kept or a seller's site has changed
 * since (its export and offers). Else the steps in which a changed site's
 * import moved, a changed buyer's purchases first put back as the last
 * sales left them (its own steps cleared them). A sweep over one buyer's
 * battery moves a few steps. */
static int moved_steps(dc_engine *e)
{
    int n = 0;
    e->sellers_moved = 0;
    for (int k = 0; k < e->n_sellers; k++) {
        const dc_site *gen = &e->site[e->inst[e->sellers[k]].site];
        e->sellers_moved |= gen->settled_epoch != gen->epoch;
    }
    e->moved_all = !e->remembered || e->sellers_moved;
    if (e->moved_all) return e->n_steps;
    memset(e->moved_at, 0, (size_t)e->n_steps);
    for (int k = 0; k < e->n_sites; k++) {
        dc_site *s = &e->site[k];
        if (s->settled_epoch == s->epoch) continue;
        if (s->kept_ppa) memcpy(s->f[F_OFFSITE_PPA_IN], s->kept_ppa, (size_t)e->n_steps * sizeof(double));
        if (s->seen_import) mark_moved(e->moved_at, s->f[F_GRID_IMPORT], s->seen_import, e->n_steps, touched_blocks(s));
    }
    int i = 0;
    for (; i + 8 <= e->n_steps; i += 8) { /* eight flags a word: most are none */
        uint64_t any;
        memcpy(&any, e->moved_at + i, sizeof any);
        for (int k = 0; any && k < 8; k++)
            if (e->moved_at[i + k]) e->moved[n++] = i + k;
    }
    for (; i < e->n_steps; i++)
        if (e->moved_at[i]) e->moved[n++] = i;
    return n;
}

/* Every seller's sales over the year: the buyers' purchases cleared, then
 * seller by seller (per step what sell_at does). A pass per seller, not
 * sell_at step by step: a capacity sweep settles every step of every
 * case, and its 1,000 cases took 410-430 ms that way against 376-386 ms. */
static void sell_year(dc_engine *e)
{
    for (int k = 0; k < e->n_buyer_sites; k++)
        memset(e->site[e->buyer_sites[k]].f[F_OFFSITE_PPA_IN], 0, (size_t)e->n_steps * sizeof(double));
    for (int k = 0; k < e->n_sellers; k++) {
        int r = e->sellers[k];
        const dc_instance *in = &e->inst[r];
        const double *exported = e->site[in->site].f[F_GRID_EXPORT];
        for (int i = 0; i < e->n_steps; i++) e->sold[r][i] = exported[i] > 0 ? sell_step(in, i, in->out[i]) : 0.0;
    }
}

/* to[i] = from[i] in the steps just settled. */
static void keep_moved(const dc_engine *e, double *to, const double *from)
{
    if (e->moved_all) memcpy(to, from, (size_t)e->n_steps * sizeof *to);
    for (int j = 0; !e->moved_all && j < e->n_moved; j++) to[e->moved[j]] = from[e->moved[j]];
}

/* What the next settlement compares with: each site's import and a
 * buyer's purchases in the steps just settled, and every site's epoch.
 * After a seller's change they are not kept (the next settlement settles
 * every step): a sweep over a seller's size changes it in every case. */
static void remember_settled(dc_engine *e)
{
    e->remembered = e->moved && !e->sellers_moved;
    for (int k = 0; k < e->n_sites; k++) {
        dc_site *s = &e->site[k];
        int ran = e->moved_all || s->settled_epoch != s->epoch; /* else its import is what it kept */
        if (e->remembered && s->seen_import && ran) keep_moved(e, s->seen_import, s->f[F_GRID_IMPORT]);
        if (e->remembered && s->kept_ppa) keep_moved(e, s->kept_ppa, s->f[F_OFFSITE_PPA_IN]);
        s->settled_epoch = s->epoch;
    }
}

/* The town's import at step i: the sites' in their order (dc_engine_town). */
static double town_import_at(const dc_engine *e, int i)
{
    double t = 0.0;
    for (int k = 0; k < e->n_sites; k++)
        if (e->site[k].f[F_GRID_IMPORT]) t += e->site[k].f[F_GRID_IMPORT][i];
    return t;
}

/* The town's import, when it stood at the settlement before, summed
 * again in the steps that moved only. */
static void town_import_moved(dc_engine *e)
{
    if (e->moved_all || !e->town_at || e->town_at != e->settles - 1) return;
    for (int j = 0; j < e->n_moved; j++) e->town[F_GRID_IMPORT][e->moved[j]] = town_import_at(e, e->moved[j]);
    e->town_at = e->settles;
}

/* At a site that ran since the last settlement, what the runs touched
 * becomes what this one found changed, and the next runs start touching
 * nothing; a site that did not run keeps what it had. */
static void turn_touched(dc_engine *e)
{
    int blocks = dc_engine_blocks(e);
    for (int k = 0; k < e->n_sites; k++) {
        dc_site *s = &e->site[k];
        if (s->turned_epoch == s->epoch) continue;
        unsigned char *was = s->changed;
        s->changed = s->touched, s->changed_all = s->touched_all || !s->touched;
        s->touched = was, s->touched_all = 0;
        if (was) memset(was, 0, (size_t)blocks);
        s->changed_before = s->changed_at, s->changed_at = e->settles, s->turned_epoch = s->epoch;
    }
}

/* The year's last step done: the steps that moved, the off-site sales in
 * them, the profiles' records, and the town's import. */
static void settle_year(dc_engine *e)
{
    for (int k = 0; k < e->n_sellers; k++) offered_out(e, &e->inst[e->sellers[k]]);
    e->moved_all = 1; /* without the memory to compare (an engine put together by hand): every step */
    e->n_moved = e->moved ? moved_steps(e) : e->n_steps;
    e->settles++;
    if (e->n_sellers && e->moved_all) sell_year(e);
    for (int j = 0; e->n_sellers && !e->moved_all && j < e->n_moved; j++) sell_at(e, e->moved[j]);
    remember_settled(e);
    settle_profiles(e, 0, -1);
    town_import_moved(e);
    turn_touched(e);
}

int dc_engine_settled(const dc_engine *e)
{
    for (int k = 0; k < e->n_sites; k++)
        if (e->site[k].settled_epoch != e->site[k].epoch) return 0;
    return e->settles > 0;
}

int dc_engine_moved(const dc_engine *e, unsigned long at, const int **steps)
{
    if (!at || at != e->settles - 1 || e->moved_all || !dc_engine_settled(e)) return -1;
    *steps = e->moved;
    return e->n_moved;
}

void dc_engine_redo_blocks(const dc_engine *e, unsigned long *at, dc_redo_fn redo, void *arg)
{
    if (*at && *at == e->settles && dc_engine_settled(e)) return; /* read at this settlement already */
    const int *steps;
    int moved = dc_engine_moved(e, *at, &steps), from = -1, to = -1;
    if (moved < 0) redo(arg, 0, dc_engine_blocks(e) - 1);
    for (int j = 0; j < moved; j++) { /* the moved steps' blocks, neighbours in one run */
        int b = steps[j] / DC_BLOCK_STEPS;
        if (b <= to + 1 && from >= 0) to = b;
        else {
            if (from >= 0) redo(arg, from, to);
            from = to = b;
        }
    }
    if (from >= 0) redo(arg, from, to);
    *at = dc_engine_settled(e) ? e->settles : 0;
}

void dc_engine_redo_site_blocks(const dc_engine *e, int site, unsigned long *at, dc_redo_fn redo, void *arg)
{
    const dc_site *s = &e->site[site];
    int settled = dc_engine_settled(e), blocks = dc_engine_blocks(e);
    int none = settled && *at && *at >= s->changed_at;
    int some = settled && *at && *at >= s->changed_before && !s->changed_all;
    *at = settled ? e->settles : 0;
    if (none) return;
    if (!some) {
        redo(arg, 0, blocks - 1);
        return;
    }
    for (int b = 0; b < blocks;) {
        uint64_t eight = 1; /* blocks b to b + 7 are none when 0 (most are) */
        if (b % 8 == 0 && b + 8 <= blocks) memcpy(&eight, s->changed + b, sizeof eight);
        if (!eight || !s->changed[b]) {
            b += eight ? 1 : 8;
            continue;
        }
        int to = b;
        while (to + 1 < blocks && s->changed[to + 1]) to++;
        redo(arg, b, to);
        b = to + 1;
    }
}

/* ---- passive buses, solved for the whole year at once ---------------------- */

/* A site alone on its connection with nothing to dispatch: the grid takes
 * or gives the difference within its limits. Nothing carries over from
 * one step to the next, so the year is solved when the engine is reset.
 * The grid connection's ceilings depend on the step only through whether
 * the grid is up. */
static void solve_passive(dc_engine *e, dc_bus *b)
{
    dc_site *s = &e->site[b->sites[0]];
    dc_site_rewritten(s);
    const dc_instance *grid = &e->inst[b->grid];
    dc_bounds up, down_b;
    dc_ctx c = {0, &e->t[0], e->step_h, 1, 1};
    grid->type->bounds(grid->state, &c, &up);
    c.grid_up = 0;
    grid->type->bounds(grid->state, &c, &down_b);
    double *imp = s->f[F_GRID_IMPORT], *exp = s->f[F_GRID_EXPORT], *res = s->f[F_RESIDUAL];
    double *uns = s->f[F_UNSERVED] ? s->f[F_UNSERVED] : e->scratch[0];
    double *cur = s->f[F_CURTAILED] ? s->f[F_CURTAILED] : e->scratch[1];
    const double *dem = s->demand, *pv = s->pv;
    const unsigned char *gu = b->grid_up;
    double *shed = s->f[F_SHED];
    for (int i = 0; i < e->n_steps; i++) {
        int down = gu && !gu[i];
        const dc_bounds *bd = down ? &down_b : &up;
        double need = down ? s->crit[i] : dem[i], sun = down ? 0.0 : pv[i]; /* no grid: PV stops */
        double net = sun - need;
        double want = -net, room = bd->max_supply, give = net, space = bd->max_absorb;
        double in = net < 0 ? (want < room ? want : room) : 0.0, out = net > 0 ? (give < space ? give : space) : 0.0;
        uns[i] = net < 0 ? -net - in : 0.0;
        cur[i] = (net > 0 ? net - out : 0.0) + pv[i] - sun;
        imp[i] = in, exp[i] = out;
        if (shed) shed[i] = dem[i] - need;
        res[i] = pv[i] - cur[i] + in - out - (need - uns[i]);
    }
    for (int i = 0; s->taken && i < e->n_steps; i++) step_profile_shares(s, i, cur[i], pv[i] - cur[i], exp[i]);
    b->passive_fail = e->n_steps;
    for (int i = 0; i < e->n_steps && b->passive_fail == e->n_steps; i++)
        if (!(fabs(res[i]) <= e->tolerance)) b->passive_fail = i;
    if (s->f[F_OFFSITE_PPA_IN]) memset(s->f[F_OFFSITE_PPA_IN], 0, (size_t)e->n_steps * sizeof(double));
}

/* The earliest failing step of the passive buses (solved already) is the
 * run's failure at that step. */
static void passive_failures(dc_engine *e)
{
    e->passive_fail = e->n_steps;
    for (int b = 0; b < e->n_buses; b++) {
        int i = e->bus[b].passive_fail;
        if (!e->bus[b].passive || i >= e->passive_fail) continue;
        const dc_site *s = &e->site[e->bus[b].sites[0]];
        e->passive_fail = i;
        describe(e, i, "site", s->name, s->f[F_RESIDUAL][i], " (the grid cannot balance its inputs)",
                 e->passive_error, sizeof e->passive_error);
    }
}

/* to[i] (from zero when first) plus each of the n (1 to 4) series, in
 * their order, step by step: the additions of n passes in one. */
static void add_four(double *restrict to, const double *const *v, int n, int first, int steps)
{
    const double *a = v[0], *b = n > 1 ? v[1] : NULL, *c = n > 2 ? v[2] : NULL, *d = n > 3 ? v[3] : NULL;
    for (int i = 0; i < steps; i++) {
        double t = (first ? 0.0 : to[i]) + a[i];
        if (b) t += b[i];
        if (c) t += c[i];
        if (d) t += d[i];
        to[i] = t;
    }
}

/* A sum of series from zero, in the order they are added, four at a time. */
typedef struct {
    double *to;
    const double *v[4];
    int n, started, steps;
} series_sum;

static void sum_add(series_sum *s, const double *v)
{
    s->v[s->n++] = v;
    if (s->n < 4) return;
    add_four(s->to, s->v, 4, !s->started, s->steps);
    s->started = 1, s->n = 0;
}

static void sum_end(series_sum *s)
{
    if (s->n) add_four(s->to, s->v, s->n, !s->started, s->steps);
    else if (!s->started) memset(s->to, 0, (size_t)s->steps * sizeof *s->to);
}

void dc_engine_town(dc_engine *e, int k)
{
    int settled = k == F_GRID_IMPORT && dc_engine_settled(e);
    if (settled && e->town_at == e->settles) return; /* kept by the settlements (town_import_moved) */
    if (k == F_GRID_IMPORT) e->town_at = settled ? e->settles : 0;
    series_sum sum = {e->town[k], {NULL}, 0, 0, e->n_steps};
    for (int s = 0; k != F_RESIDUAL && s < e->n_sites; s++)
        if (e->site[s].f[k]) sum_add(&sum, e->site[s].f[k]);
    for (int b = 0; k == F_RESIDUAL && b < e->n_buses; b++) {
        const dc_bus *bus = &e->bus[b];
        const double *r = bus->wire ? bus->residual : e->site[bus->sites[0]].f[F_RESIDUAL];
        if (r) sum_add(&sum, r);
    }
    sum_end(&sum);
}

/* ---- a run of steps ---------------------------------------------------- */

/* ---- the survival scan ------------------------------------------------ */

/* Hours a bus keeps its critical demand served with the grid down from
 * the start of step s, its instances as the run left them then; at most
 * max_steps steps (the year wraps around). */
static double survive_from(dc_engine *e, const dc_bus *b, int s, int max_steps, const double *crit)
{
    for (int k = 0; k < b->n_res; k++) {
        int r = b->res[k];
        if (e->snap[r]) memcpy(e->inst[r].state, e->snap[r] + (size_t)s * e->inst[r].type->size, e->inst[r].type->size);
    }
    int h = b->kernel ? b->kernel->survive(e, b, s, max_steps, crit) : step_survive(NULL, e, b, s, max_steps, crit);
    return h * e->step_h;
}

int dc_engine_survival(dc_engine *e, int bus, int max_steps, double *hours)
{
    const dc_bus *b = &e->bus[bus];
    double *crit = malloc(((size_t)e->n_steps + 1) * sizeof *crit);
    void **saved = malloc(((size_t)b->n_res + 1) * sizeof *saved);
    if (!crit || !saved) {
        free(crit);
        free(saved);
        return -1;
    }
    for (int i = 0; i < e->n_steps; i++) {
        crit[i] = 0.0;
        for (int k = 0; k < b->n_sites; k++) crit[i] += e->site[b->sites[k]].crit[i];
    }
    int ok = 1;
    for (int k = 0; k < b->n_res; k++) { /* work on copies: the run's states stay as the year left them */
        const dc_instance *in = &e->inst[b->res[k]];
        saved[k] = malloc(in->type->size);
        ok &= saved[k] != NULL;
        if (saved[k]) memcpy(saved[k], in->state, in->type->size);
    }
    for (int s = 0; ok && s < e->n_steps; s++) hours[s] = survive_from(e, b, s, max_steps, crit);
    for (int k = 0; k < b->n_res; k++) {
        if (saved[k]) memcpy(e->inst[b->res[k]].state, saved[k], e->inst[b->res[k]].type->size);
        free(saved[k]);
    }
    free(saved);
    free(crit);
    return ok ? 0 : -1;
}

/* ---- buses side by side ------------------------------------------------- */

/* Jobs taken one bus at a time by up to e->threads threads. Buses share
 * nothing (their sites, instances, snapshots, records and error buffers
 * are their own), so a bus's job gives the same bits wherever it runs. */
typedef struct {
    dc_engine *e;
    const int *buses;
    int n;
    dc_bus_job job;
    void *arg;
    atomic_int next; /* the next of buses to take */
} bus_queue;

static void take_jobs(void *arg)
{
    bus_queue *q = arg;
    for (int a; (a = atomic_fetch_add(&q->next, 1)) < q->n;) q->job(q->e, q->buses[a], q->arg);
}

void dc_engine_each_bus(dc_engine *e, const int *buses, int n, int parallel, dc_bus_job job, void *arg)
{
    bus_queue q = {e, buses, n, job, arg, 0};
    int want = parallel && e->threads > 1 && n > 1;
    if (want && dc_crew_extra(e->crew) != e->threads - 1) { /* started once, again only when threads change */
        dc_crew_destroy(&e->crew);
        e->crew = dc_crew_create(e->threads - 1);
    }
    if (want && e->crew) dc_crew_run(e->crew, take_jobs, &q);
    else take_jobs(&q); /* no thread could start: the same work on this one */
}

typedef struct {
    int first, end;
} steps_span;

/* A site's shares in the blocks its runs touched since the last
 * settlement (every block: touched_all), from its records: what
 * step_profile_shares gives at a step of one site without a wire or a
 * generator (the battery kernel's), which wrote those records. */
static void shares_from_records(const dc_engine *e, dc_site *s)
{
    const double *cur = s->f[F_CURTAILED], *dis = s->f[F_STORAGE_DISCHARGE], *exp = s->f[F_GRID_EXPORT];
    for (int b = 0, first = 0; s->taken && first < e->n_steps; b++, first += DC_BLOCK_STEPS) {
        if (!s->touched_all && s->touched && !s->touched[b]) continue;
        int end = first + DC_BLOCK_STEPS < e->n_steps ? first + DC_BLOCK_STEPS : e->n_steps;
        for (int i = first; i < end; i++) {
            double c = cur ? cur[i] : 0.0, out = exp ? exp[i] : 0.0;
            step_profile_shares(s, i, c, s->pv[i] - c + 0.0 + (dis ? dis[i] : 0.0), out + 0.0);
        }
    }
    s->shares_later = 0;
}

/* The records of the profiles at a bus's sites that sell nothing, once
 * the bus has finished its year: they depend on its sites' shares alone,
 * so the bus's thread settles them while other buses still run (those
 * that sell wait for their buyers: settle_year). */
static void settle_bus_profiles(dc_engine *e, const dc_bus *b)
{
    for (int k = 0; k < b->n_sites; k++) {
        dc_site *s = &e->site[b->sites[k]];
        if (s->shares_later) shares_from_records(e, s);
        for (int j = 0; j < s->n_prof; j++) {
            dc_instance *in = &e->inst[s->prof[j]];
            if (in->n_buyers) continue;
            dc_profile_year y = {e->n_steps, s->taken, s->sent, NULL, touched_blocks(s), DC_BLOCK_STEPS};
            in->type->settle_year(in->state, &y);
        }
    }
}

static void run_job(dc_engine *e, int bus, void *arg)
{
    const steps_span *span = arg;
    dc_bus *b = &e->bus[bus];
    b->error[0] = '\0';
    b->stop = b->kernel ? b->kernel->run(e, b, span->first, span->end) : step_run(NULL, e, b, span->first, span->end);
    if (b->stop == e->n_steps) settle_bus_profiles(e, b);
}

/* Threads pay only for long runs (not a single step). */
enum { PARALLEL_MIN_STEPS = 168 };

/* Steps [first, end) of every active bus not kept (a kept bus's year stands). */
static void run_buses(dc_engine *e, int first, int end)
{
    int n = 0;
    for (int a = 0; a < e->n_active_buses; a++)
        if (!e->bus[e->active_buses[a]].kept) e->work[n++] = e->active_buses[a];
    steps_span span = {first, end};
    dc_engine_each_bus(e, e->work, n, end - first >= PARALLEL_MIN_STEPS, run_job, &span);
}

/* Off-site purchases are the settlement's. A run that the settlement
 * does not follow (it stops short of the year's end, or a bus fails) has
 * them cleared in the steps each bus of it ran, its failing step too, as
 * the generic step leaves them (step_record): a year read half way shows
 * none. A kernel leaves them to this and to the settlement. */
static void clear_unsettled(dc_engine *e, int bus, int first, int end)
{
    for (int k = 0; k < e->n_buyer_sites; k++) {
        dc_site *s = &e->site[e->buyer_sites[k]];
        const dc_bus *b = &e->bus[s->bus];
        if (!s->active || b->kept || (bus >= 0 && s->bus != bus)) continue;
        int ran = b->stop < end ? b->stop + 1 : end;
        if (ran > first) memset(s->f[F_OFFSITE_PPA_IN] + first, 0, (size_t)(ran - first) * sizeof(double));
    }
}

/* A failure anywhere ends the run at the earliest failing step (the first
 * bus, at equal steps), as a step-by-step run would. */
int dc_engine_run(dc_engine *e, int first, int last, int *failed)
{
    int end = last;
    const char *why = "";
    if (e->passive_fail >= first && e->passive_fail < last) {
        end = e->passive_fail;
        why = e->passive_error;
    }
    for (int b = 0; e->snap && b < e->n_buses; b++) /* passive buses do not change: their state is the same */
        for (int i = first; e->bus[b].passive && i < end; i++) step_snapshot(e, &e->bus[b], i);
    run_buses(e, first, end);
    int ran = end;
    for (int a = 0; a < e->n_active_buses; a++) {
        const dc_bus *b = &e->bus[e->active_buses[a]];
        if (!b->kept && b->stop < end) end = b->stop, why = b->error;
    }
    snprintf(e->error, sizeof e->error, "%s", why);
    *failed = end;
    if (end < last || last < e->n_steps) clear_unsettled(e, -1, first, ran);
    if (end < last) return -1;
    if (last == e->n_steps) settle_year(e);
    return 0;
}

void dc_engine_reset_bus(dc_engine *e, int bus)
{
    const dc_bus *b = &e->bus[bus];
    for (int k = 0; k < b->n_res; k++) e->inst[b->res[k]].type->reset(e->inst[b->res[k]].state);
}

int dc_engine_run_bus(dc_engine *e, int bus, int *failed)
{
    dc_bus *b = &e->bus[bus];
    b->error[0] = '\0';
    *failed = b->stop = b->kernel ? b->kernel->run(e, b, 0, e->n_steps) : step_run(NULL, e, b, 0, e->n_steps);
    clear_unsettled(e, bus, 0, e->n_steps); /* no settlement follows */
    return *failed < e->n_steps ? -1 : 0;
}

int dc_engine_step(dc_engine *e, int i)
{
    int failed;
    return dc_engine_run(e, i, i + 1, &failed);
}

void dc_engine_reset(dc_engine *e)
{
    for (int r = 0; r < e->n_inst; r++)
        if (!e->bus[e->inst[r].bus].kept) e->inst[r].type->reset(e->inst[r].state);
    e->error[0] = '\0';
}

/* ---- set-up ------------------------------------------------------------ */

/* The town's demand (demand = 1) or PV: site by site over the year, per
 * step the same additions in the same order as adding the sites at each
 * step. */
static void sum_town_input(dc_engine *e, int demand)
{
    series_sum sum = {e->town[demand ? F_DEMAND : F_PV], {NULL}, 0, 0, e->n_steps};
    for (int k = 0; k < e->n_sites; k++) sum_add(&sum, demand ? e->site[k].demand : e->site[k].pv);
    sum_end(&sum);
}

/* A bus without a grid serves its critical loads only. A site alone
 * with its grid always up reads its own series: its PV and demand are
 * sums from zero already, so they hold the same bits as a sum would. */
static void sum_bus_inputs(dc_engine *e, dc_bus *bus)
{
    if (!bus->sums) {
        const dc_site *st = &e->site[bus->sites[0]];
        bus->profile = st->pv;
        bus->need = st->demand;
        return;
    }
    double *profile = bus->sums, *need = bus->sums + e->n_steps;
    memset(bus->sums, 0, 2 * (size_t)e->n_steps * sizeof(double));
    for (int k = 0; k < bus->n_sites; k++) {
        const dc_site *st = &e->site[bus->sites[k]];
        const unsigned char *up = bus->grid_up;
        for (int i = 0; i < e->n_steps; i++) {
            profile[i] += st->pv[i];
            need[i] += !up || up[i] ? st->demand[i] : st->crit[i];
        }
    }
    bus->profile = profile;
    bus->need = need;
}

/* Which flows each site records, which buses are passive, and the lists
 * the steps walk. */
/* A bus's instances as its steps walk them, and its orders' slots. */
static void members(dc_engine *e, dc_bus *bus)
{
    for (int k = 0; k < bus->n_res; k++) {
        int r = bus->res[k];
        const dc_instance *in = &e->inst[r];
        const dc_restype *t = in->type;
        bus->mem[k] = (dc_member){t->begin, t->bounds, t->commit, t->ledger, t->level, in->state, &e->slot[r],
                                  in->site >= 0 ? &e->site[in->site] : NULL, t->role, r};
    }
    for (int k = 0; k < bus->n_deficit; k++) bus->deficit_slot[k] = &e->slot[bus->deficit[k]];
    for (int k = 0; k < bus->n_surplus; k++) bus->surplus_slot[k] = &e->slot[bus->surplus[k]];
    bus->kernel = e->generic_only ? NULL : dc_kernel_for(e, bus);
}

static void mark(dc_engine *e)
{
    e->n_active_buses = e->n_sellers = 0;
    e->passive_fail = e->n_steps;
    for (int b = 0; b < e->n_buses; b++) {
        dc_bus *bus = &e->bus[b];
        bus->passive = dc_bus_passive(bus);
        members(e, bus);
        if (!bus->passive) e->active_buses[e->n_active_buses++] = b;
    }
    for (int k = 0; k < e->n_sites; k++) {
        dc_site *s = &e->site[k];
        s->active = !e->bus[s->bus].passive;
        for (int f = F_UNSERVED; f < F_COUNT; f++) s->rec[f] = s->f[f] ? s->f[f] : e->bus[s->bus].sink;
    }
    for (int r = 0; r < e->n_inst; r++)
        if (e->inst[r].n_buyers) {
            e->sellers[e->n_sellers++] = r;
            seller_rows(e, &e->inst[r]);
        }
    e->n_buyer_sites = 0;
    for (int k = 0; e->n_sellers && k < e->n_sites; k++) /* the sites that record purchases buy */
        if (e->site[k].f[F_OFFSITE_PPA_IN]) e->buyer_sites[e->n_buyer_sites++] = k;

}

int dc_engine_prepare(dc_engine *e)
{
    for (int k = 0; k < e->n_sites; k++) dc_site_rewritten(&e->site[k]);
    sum_town_input(e, 1);
    sum_town_input(e, 0);
    for (int b = 0; b < e->n_buses; b++) sum_bus_inputs(e, &e->bus[b]);
    mark(e);
    for (int b = 0; b < e->n_buses; b++)
        if (e->bus[b].passive) solve_passive(e, &e->bus[b]);
    passive_failures(e);
    settle_profiles(e, 1, -1);
    return 0;
}

void dc_engine_profiles_changed(dc_engine *e, int site)
{
    dc_bus *b = &e->bus[e->site[site].bus];
    dc_site_rewritten(&e->site[site]);
    sum_town_input(e, 0); /* demand is as it was */
    sum_bus_inputs(e, b);
    if (b->passive) solve_passive(e, b);
    passive_failures(e);
    settle_profiles(e, 1, site);
}

/* decarb: the command line, a thin user of the public API (decarb.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_ghg.h"
#include "cli_report.h"
#include "cli_resilience.h"
#include "cli_size.h"
#include "cli_sweep.h"
#include "cli_text.h"
#include "decarb.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, MAX_SETS = 256 };

static const char USAGE[] =
    "usage: decarb run SCENARIO.yaml [-o DIR] [--set KEY=VALUE ...] [--lang ja|en] [-q]\n"
    "       decarb check SCENARIO.yaml [--set KEY=VALUE ...]\n"
    "       decarb ghg SCENARIO.yaml [--set KEY=VALUE ...]\n"
    "       decarb report SCENARIO.yaml [--set KEY=VALUE ...]\n"
    "       decarb sweep SWEEP.yaml [-j N] [-o DIR] [-q]\n"
    "       decarb size SIZE.yaml [-o DIR] [-q]\n"
    "       decarb params [SECTION or TEXT]\n"
    "       decarb help | --help | --version\n"
    "\n"
    "run     simulate the scenario's year and write hourly.csv, summary.csv,\n"
    "        resources.csv, results.h5 and scenario.resolved.yaml (and ghg.csv,\n"
    "        resilience.csv, netzero.csv, economics.csv, application.xlsx and\n"
    "        report.html when the scenario asks)\n"
    "        to DIR (default output/NAME)\n"
    "check   read and validate the scenario and its input files, write nothing\n"
    "ghg     run, then print the municipal CO2 table by sector and year and\n"
    "        every allocation method side by side (needs a ghg section)\n"
    "report  run, then print the 脱炭素先行地域 verdict, the net-zero table and\n"
    "        the costs (needs leading_area.area)\n"
    "sweep   run every case of a sweep file (a base scenario and axes over its\n"
    "        keys) on N threads (default: all cores) into DIR/sweep.csv, one row\n"
    "        of key figures per case (and sweep.h5); run again after a kill, it\n"
    "        resumes; with mpirun (make MPI=1) the cases spread over the ranks\n"
    "size    the smallest size of a sweep file's range axis that reaches its\n"
    "        target (net_zero, self_sufficiency, resilience, outage), or with\n"
    "        several axes the least-cost mix; every run it made into DIR/size.csv\n"
    "params  list every scenario parameter with unit, default and range; with an\n"
    "        argument, those of that section or whose name holds the text, or\n"
    "        the key as --set writes it (batteries.NAME.energy_kwh)\n"
    "-o      the result folder; it is replaced as a whole, and only if decarb wrote it\n"
    "--set   override one parameter, e.g. --set batteries.NAME.energy_kwh=500,\n"
    "        --set pv_arrays[0].tilt_deg=15 or --set sites.NAME.export_limit_kw=0\n"
    "--lang  ja: Japanese labels everywhere (CSV headers too); en: English\n"
    "        everywhere; default: Japanese workbook and report, English CSV headers\n"
    "-q      print nothing but warnings and errors\n";

static const char *const COMMANDS[] = {"run", "check", "ghg", "report", "sweep", "size", "params", "help", NULL};
enum { SHOW_RUN = 1, SHOW_GHG = 2, SHOW_REPORT = 4 };

typedef struct {
    const char *command, *scenario, *outdir;
    const char *sets[MAX_SETS];
    int n_sets, quiet, help, threads;
    char lang[32];  /* --lang X as the set language=X */
} options;

/* Letters apart, for did-you-mean on commands. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), prev[32], cur[32];
    if (la >= 31 || lb >= 31) return 99;
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]), del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

static int unknown_command(const char *cmd)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (int k = 0; COMMANDS[k]; k++)
        if (distance(cmd, COMMANDS[k]) < best_d) best_d = distance(cmd, COMMANDS[k]), best = COMMANDS[k];
    fprintf(stderr, "decarb: unknown command '%s'%s%s%s; see `decarb help`\n", cmd, best ? " (did you mean '" : "",
            best ? best : "", best ? "'?)" : "");
    return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    if (argc < 2) return -1;
    o->command = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc && !*argv[i + 1]) {
            fprintf(stderr, "decarb: -o needs a folder name\n");
            return -1;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) o->help = 1;
        else if (!strcmp(a, "-o") && i + 1 < argc) o->outdir = argv[++i];
        else if (!strcmp(a, "--set") && i + 1 < argc && o->n_sets < MAX_SETS) o->sets[o->n_sets++] = argv[++i];
        else if (!strncmp(a, "--set=", 6) && o->n_sets < MAX_SETS) o->sets[o->n_sets++] = a + 6;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) o->quiet = 1;
        else if (!strcmp(a, "-j") && i + 1 < argc) {
            char *end;
            long j = strtol(argv[++i], &end, 10);
            if (*end || j < 1 || j > 256) {
                fprintf(stderr, "decarb: -j takes a number of threads from 1 to 256\n");
                return -1;
            }
            o->threads = (int)j;
        } else if (!strcmp(a, "--lang") && i + 1 < argc && o->n_sets < MAX_SETS) {
            snprintf(o->lang, sizeof o->lang, "language=%s", argv[++i]);
            o->sets[o->n_sets++] = o->lang;
        }
        else if (a[0] != '-' && !o->scenario) o->scenario = a;
        else {
            fprintf(stderr, "decarb: unexpected argument '%s'\n", a);
            return -1;
        }
    }
    return 0;
}

/* An option the command would not use is refused, not ignored: `decarb
 * sweep FILE --set ...` ran the sweep without the setting. */
static int refuse_unused(const options *o)
{
    const char *c = o->command;
    int sweep = !strcmp(c, "sweep"), size = !strcmp(c, "size"), params = !strcmp(c, "params");
    int scenario = !sweep && !size && !params; /* run, check, ghg, report */
    const char *bad = o->n_sets && !scenario  ? (o->n_sets == 1 && o->lang[0] ? "--lang" : "--set")
                      : o->threads && !sweep  ? "-j"
                      : o->outdir && !(sweep || size || !strcmp(c, "run")) ? "-o"
                                              : NULL;
    if (!bad) return 0;
    fprintf(stderr, "decarb: %s does not take %s%s\n", c, bad,
            sweep || size ? " (a sweep or size file sets its values in its base scenario and axes)" : "");
    return -1;
}

static int report(dc_diag *d, dc_status st)
{
    for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "%s\n", dc_diag_message(d, i));
    fprintf(stderr, "decarb: %s (status %d)\n", dc_status_message(st), (int)st);
    return EXIT_INPUT;
}

/* A filter in the --set form of a list item, SECTION.ITEM or
 * SECTION.ITEM.KEY (batteries.town_hall_battery.energy_kwh): its section
 * and key ("" for every key) when SECTION is a list section, else 0. */
static int item_form(const char *filter, char *section, size_t s_len, char *key, size_t k_len)
{
    const char *dot = filter ? strchr(filter, '.') : NULL, *item_end = dot ? strchr(dot + 1, '.') : NULL;
    if (!dot || dot == filter || dot[1] == '\0' || dot[1] == '.') return 0;
    snprintf(section, s_len, "%.*s", (int)(dot - filter), filter);
    snprintf(key, k_len, "%s", item_end ? item_end + 1 : "");
    dc_param_info p;
    for (size_t i = 0; dc_param_get(i, &p) == 0; i++)
        if (p.is_list && !strcmp(p.section, section)) return 1;
    return 0;
}

/* Every parameter, or those of a section, of a list item's --set form, or
 * whose name holds filter. */
static int print_params(const char *filter)
{
    dc_param_info p;
    int shown = 0;
    char section[64], item_key[96];
    int itemized = item_form(filter, section, sizeof section, item_key, sizeof item_key);
    printf("%-44s %-8s %-11s %-12s %s\n", "key", "type", "unit", "default", "range / choices");
    for (size_t i = 0; dc_param_get(i, &p) == 0; i++) {
        char key[96];
        snprintf(key, sizeof key, "%s%s%s%s", p.section, p.is_list ? "[]" : "", *p.section ? "." : "", p.key);
        if (itemized && (strcmp(p.section, section) || (item_key[0] && strcmp(p.key, item_key)))) continue;
        if (!itemized && filter && strcmp(p.section, filter) && !strstr(key, filter)) continue;
        shown++;
        printf("%-44s %-8s %-11s %-12s %s\n", key, p.type, *p.unit ? p.unit : "-", p.deflt, p.range);
        printf("    %s  [changes %s]\n", p.help, p.stale);
    }
    if (shown == 0) fprintf(stderr, "decarb: no parameter matches '%s'\n", filter);
    return shown ? 0 : EXIT_USAGE;
}

static void print_town(const dc_model *m, const char *dir)
{
    dc_totals t;
    dc_cyclic_info cy;
    if (dc_model_totals(m, 0, &t) || dc_model_cyclic(m, &cy)) return;
    size_t n = dc_model_site_count(m);
    printf("Town (%zu site%s)\n", n, n == 1 ? "" : "s");
    printf("  demand            %14.1f MWh\n", t.demand_kwh / 1000);
    printf("  PV                %14.1f MWh\n", t.pv_kwh / 1000);
    printf("  grid import       %14.1f MWh   peak %.1f kW\n", t.import_kwh / 1000, t.peak_import_kw);
    printf("  grid export       %14.1f MWh\n", t.export_kwh / 1000);
    if (t.offsite_ppa_sold_kwh > 0)
        printf("  off-site PPA sold %14.1f MWh   to the town's own sites\n", t.offsite_ppa_sold_kwh / 1000);
    printf("  curtailed         %14.1f MWh\n", t.curtailed_kwh / 1000);
    printf("  unserved          %14.1f MWh\n", t.unserved_kwh / 1000);
    printf("  self-sufficiency  %14.1f %%     demand met by the town's own resources\n", 100 * t.self_sufficiency);
    printf("  self-consumption  %14.1f %%     PV used in the town\n", 100 * t.self_consumption);
    printf("  CO2 of imports    %14.1f t-CO2 (off-site PPA supply excluded)\n", t.import_co2_t);
    if (cy.cyclic) printf("  storage           %14s       cyclic: the year ends where it starts (%d passes, gap %.2g kWh)\n", "", cy.passes, cy.gap_kwh);
    else printf("  from storage      %14.1f kWh   stored energy the year took from the initial state\n", t.storage_drawdown_kwh);
    printf("  balance residual  %14.3g kWh   (largest of any step, site or ledger)\n", t.max_residual_kwh);
    printf("  results in        %s/\n", dir);
}

static void cell(double v, int show, int width, int decimals)
{
    if (show) printf(" %*.*f", width, decimals, v);
    else printf(" %*s", width, "-");
}

/* Per building: what a PPA provider and the town look at first. */
static void print_sites(const dc_model *m)
{
    dc_totals t;
    printf("\n%-20s %8s %8s %6s %12s %10s %10s %10s %10s %13s\n", "Sites [MWh]", "demand", "PV", "used%", "curtailed",
           "import", "of it PPA", "export", "PPA sold", "PPA billable"); /* the widths of the cells below */
    for (size_t k = 0; k < dc_model_site_count(m); k++) {
        if (dc_model_site_totals(m, k, 0, &t)) return;
        int pv = t.pv_kwh > 0;
        double used = pv ? 100 * (t.pv_kwh - t.curtailed_kwh - t.export_kwh - t.wire_out_kwh) / t.pv_kwh : 0;
        char name[80];
        printf("  %s", cli_cell(dc_model_site_name(m, k), 18, name, sizeof name));
        cell(t.demand_kwh / 1000, 1, 8, 1);
        cell(t.pv_kwh / 1000, 1, 8, 1);
        cell(used, pv, 6, 1);
        cell(t.curtailed_kwh / 1000, 1, 7, 1);
        if (pv) printf(" %3.0f%%", 100 * t.curtailed_kwh / t.pv_kwh);
        else printf("     ");
        cell(t.import_kwh / 1000, 1, 10, 1);
        cell(t.offsite_ppa_in_kwh / 1000, 1, 10, 1);
        cell(t.export_kwh / 1000, 1, 10, 1);
        cell(t.offsite_ppa_sold_kwh / 1000, 1, 10, 1);
        cell(t.ppa_billable_kwh / 1000, 1, 13, 1);
        printf("\n");
    }
    printf("  used%%: PV used behind the site's own meter; curtailed: MWh and %% of the site's PV;\n"
           "  of it PPA: import bought from the town's off-site PPA; PPA billable: on-site PPA output used on site\n");
}

/* Every resource other than arrays and loads, from the result registry. */
static void print_resources(const dc_model *m)
{
    dc_series_info s, prev = {0};
    int open = 0;
    for (size_t k = 0; dc_model_series_get(m, k, &s) == 0; k++) {
        if (s.level != DC_LEVEL_RESOURCE || !strcmp(s.kind, "pv") || !strcmp(s.kind, "load")) continue;
        if (!open || strcmp(s.owner, prev.owner) || strcmp(s.kind, prev.kind)) {
            printf(open ? "\n" : "\nResources (year)\n");
            printf("  %s %s at %s:", s.kind, s.owner, s.site);
            open = 1;
        }
        double v = dc_model_series_total(m, k, 0);
        if (!strcmp(s.unit, "kWh") && fabs(v) < 50) v = 0.0; /* shown in MWh: no "-0.0" */
        if (!strcmp(s.unit, "kWh")) printf(" %s %.1f MWh", s.quantity, v / 1000);
        else printf(" %s %.2f%s%s", s.quantity, v, strcmp(s.unit, "-") ? " " : "", strcmp(s.unit, "-") ? s.unit : "");
        prev = s;
    }
    if (open) printf("\n");
}

/* Load, override and validate; NULL on error (already reported). */
static dc_scenario *prepare(const options *o, dc_inputs **in, dc_diag *d, dc_status *st)
{
    dc_scenario *s = NULL;
    *st = dc_scenario_load(o->scenario, &s, d);
    for (int i = 0; i < o->n_sets && *st == DC_OK; i++)
        if (dc_scenario_set(s, o->sets[i], d) != DC_OK) *st = DC_ERR_ARG;
    if (*st == DC_OK) *st = dc_scenario_validate(s, d);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (*st == DC_OK) *st = dc_inputs_load_on(s, cores > 1 ? 2 : 1, in, d); /* the weather beside the rest */
    if (*st != DC_OK) dc_scenario_destroy(&s);
    return s;
}

static void print_warnings(const dc_diag *d)
{
    for (size_t i = 0; i < dc_diag_count(d); i++)
        if (dc_diag_is_warning(d, i)) fprintf(stderr, "%s\n", dc_diag_message(d, i));
}

/* Model and GHG of the scenario; the run when asked. The model is built,
 * and its buses run side by side, on every core. */
static dc_status simulate(const dc_scenario *s, const dc_inputs *in, int run, dc_model **m, dc_ghg **g, dc_diag *d)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    dc_status st = dc_model_create_on(s, in, NULL, cores > 1 ? (int)cores : 1, m, d);
    if (st == DC_OK) st = dc_ghg_create(s, in, g, d);
    if (st == DC_OK && run) st = dc_model_run(*m);
    if (st == DC_ERR_BALANCE) fprintf(stderr, "decarb: %s\n", dc_model_error(*m));
    if (st == DC_OK && run && *g) st = dc_ghg_link(*g, *m, d);
    return st;
}

static int run(const options *o, int show)
{
    int write = show & SHOW_RUN, ghg = show & SHOW_GHG, rep = show & SHOW_REPORT;
    dc_diag *d = dc_diag_create();
    dc_inputs *in = NULL;
    dc_model *m = NULL;
    dc_ghg *g = NULL;
    dc_status st;
    dc_scenario *s = prepare(o, &in, d, &st);
    char dir[1200];
    if (s) st = simulate(s, in, write || ghg || rep, &m, &g, d);
    if (st == DC_OK && write) {
        if (o->outdir) snprintf(dir, sizeof dir, "%s", o->outdir);
        else snprintf(dir, sizeof dir, "output/%s", dc_scenario_name(s));
        st = dc_write_outputs(m, g, dir, d);
    }
    int rc = st == DC_OK ? 0 : report(d, st);
    if (rc == 0) print_warnings(d);
    if (rc == 0 && ghg && !g) {
        fprintf(stderr, "decarb: %s has no ghg section (ghg.statistics_dir or ghg.karte_file)\n", o->scenario);
        rc = EXIT_INPUT;
    }
    dc_netzero z;
    if (rc == 0 && rep && dc_model_netzero(m, &z) != DC_OK) {
        fprintf(stderr, "decarb: %s has no leading_area.area (the target area's tag)\n", o->scenario);
        rc = EXIT_INPUT;
    }
    if (rc == 0 && !o->quiet) {
        if (write) print_town(m, dir), print_sites(m), print_resources(m), dc_cli_print_resilience(m);
        else if (!ghg && !rep)
            printf("%s: ok (%zu steps, %zu site%s)\n", o->scenario, dc_model_steps(m), dc_model_site_count(m),
                   dc_model_site_count(m) == 1 ? "" : "s");
        if (write || ghg) dc_cli_print_ghg(g, ghg);
        if (write || rep) dc_cli_print_netzero(m, rep);
    }
    dc_ghg_destroy(&g);
    dc_model_destroy(&m);
    dc_inputs_destroy(&in);
    dc_scenario_destroy(&s);
    dc_diag_destroy(&d);
    return rc;
}

static int dispatch(int argc, char **argv)
{
    options o;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")))
        return fputs(USAGE, stdout), 0;
    if (argc == 2 && !strcmp(argv[1], "--version")) return printf("decarb %s\n", dc_version()), 0;
    if (parse_args(argc, argv, &o)) return fputs(USAGE, stderr), EXIT_USAGE;
    int known = 0;
    for (int k = 0; COMMANDS[k]; k++) known |= !strcmp(o.command, COMMANDS[k]);
    if (!known) return unknown_command(o.command);
    if (o.help || !strcmp(o.command, "help")) return fputs(USAGE, stdout), 0;
    if (refuse_unused(&o)) return fputs(USAGE, stderr), EXIT_USAGE;
    if (!strcmp(o.command, "params")) return print_params(o.scenario);
    if (!o.scenario) return fputs(USAGE, stderr), EXIT_USAGE;
    if (!strcmp(o.command, "sweep")) return dc_cli_sweep(o.scenario, o.outdir, o.threads, o.quiet);
    if (!strcmp(o.command, "size")) return dc_cli_size(o.scenario, o.outdir, o.quiet);
    int show = !strcmp(o.command, "run") ? SHOW_RUN : !strcmp(o.command, "ghg") ? SHOW_GHG
             : !strcmp(o.command, "report") ? SHOW_REPORT : 0;
    return run(&o, show);
}

int main(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    if (fflush(stdout) || ferror(stdout)) { /* a full disk or a closed pipe is an error too */
        fprintf(stderr, "decarb: cannot write to standard output\n");
        return rc ? rc : EXIT_INPUT;
    }
    return rc;
}

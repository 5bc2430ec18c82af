/* The decarb command: the bad-input catalogue (tests/bad/cases.txt), usage
 * errors, --set, and a good run. DECARB_BIN names the binary. */
#include "helpers.h"

#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>


/* Run `decarb ARGS`, stderr+stdout to tmp/log; returns the exit code. */
static int decarb(const char *args, char *log, size_t len)
{
    char cmd[2048], path[128];
    snprintf(path, sizeof path, "%s/log", tmp);
    snprintf(cmd, sizeof cmd, "%s %s > %s 2>&1", decarb_bin(), args, path);
    int rc = system(cmd);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t n = fread(log, 1, len - 1, fp);
    log[n] = '\0';
    fclose(fp);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static char *trim(char *s)
{
    while (*s == ' ') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\n')) *--e = '\0';
    return s;
}

static void bad_input_catalogue(void **state)
{
    (void)state;
    FILE *fp = fopen("tests/bad/cases.txt", "r");
    assert_non_null(fp);
    char line[512], log[8192], args[512], out[128];
    int cases = 0, failures = 0;
    snprintf(out, sizeof out, "%s/out", tmp);
    while (fgets(line, sizeof line, fp)) {
        char *bar = strchr(line, '|');
        if (line[0] == '#' || !bar) continue;
        *bar = '\0';
        char *file = trim(line), *want = trim(bar + 1);
        snprintf(args, sizeof args, "run tests/bad/%s -o %s", file, out);
        int rc = decarb(args, log, sizeof log);
        cases++;
        if (rc == 0 || !strstr(log, want) || exists(out)) {
            fprintf(stderr, "case %s: exit %d, output folder %s, message:\n%s\nwanted: %s\n", file, rc,
                    exists(out) ? "left behind" : "absent", log, want);
            failures++;
        }
    }
    fclose(fp);
    print_message("%d bad inputs checked\n", cases);
    assert_true(cases >= 20);
    assert_int_equal(failures, 0);
}

static void usage_and_info(void **state)
{
    (void)state;
    char log[65536];
    assert_int_equal(decarb("--version", log, sizeof log), 0);
    assert_true(strstr(log, "decarb " DC_VERSION) != NULL);
    assert_int_equal(decarb("--help", log, sizeof log), 0);
    assert_true(strstr(log, "usage: decarb run") != NULL);
    assert_int_equal(decarb("frobnicate", log, sizeof log), 2);
    assert_int_equal(decarb("run", log, sizeof log), 2);
    assert_int_equal(decarb("params", log, sizeof log), 0);
    assert_true(strstr(log, "batteries[].energy_kwh") && strstr(log, "pv_arrays[].tilt_deg") &&
                strstr(log, "sites[].export_limit_kw"));
    /* Help as users look for it; mistakes get a hint. */
    assert_int_equal(decarb("help", log, sizeof log), 0);
    assert_true(strstr(log, "usage: decarb run") != NULL);
    assert_int_equal(decarb("run --help", log, sizeof log), 0);
    assert_true(strstr(log, "usage: decarb run") != NULL);
    assert_int_equal(decarb("rnu scenarios/default.yaml", log, sizeof log), 2);
    assert_true(strstr(log, "unknown command 'rnu' (did you mean 'run'?)") != NULL);
    assert_int_equal(decarb("params batteries", log, sizeof log), 0);
    assert_true(strstr(log, "batteries[].power_kw") && !strstr(log, "pv_arrays[]"));
    assert_int_equal(decarb("params nothing_like_this", log, sizeof log), 2);
    /* A key in the form --set and sweep files write it: that key's line, or the item's section. */
    assert_int_equal(decarb("params batteries.town_hall_battery.energy_kwh", log, sizeof log), 0);
    assert_true(strstr(log, "batteries[].energy_kwh") && !strstr(log, "batteries[].power_kw"));
    assert_int_equal(decarb("params loads.households", log, sizeof log), 0);
    assert_true(strstr(log, "loads[].annual_kwh") && !strstr(log, "batteries[]"));
    assert_int_equal(decarb("run scenarios/default.yaml --set batteries.town_hall_battery.energy=5", log, sizeof log), 1);
    assert_true(strstr(log, "unknown key (did you mean 'energy_kwh'?)") != NULL);
    assert_int_equal(decarb("run scenarios/default.yaml -o ''", log, sizeof log), 2);
    assert_true(strstr(log, "-o needs a folder name") != NULL);
    /* An option the command would not use is refused, not ignored (a sweep ran without its --set). */
    const char *refused[][2] = {
        {"sweep scenarios/battery_sweep.yaml -q -o /dev/null/x --set year=2027", "sweep does not take --set"},
        {"size scenarios/size_rooftop.yaml -q -o /dev/null/x --lang en", "size does not take --lang"},
        {"run scenarios/default.yaml -q -o /dev/null/x -j 2", "run does not take -j"},
        {"check scenarios/default.yaml -o /dev/null/x", "check does not take -o"},
    };
    for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++)
        if (decarb(refused[k][0], log, sizeof log) != 2 || !strstr(log, refused[k][1]))
            fail_msg("decarb %s: expected exit 2 and '%s', got:\n%s", refused[k][0], refused[k][1], log);
    assert_int_equal(decarb("check scenarios/default.yaml --lang en", log, sizeof log), 0);
    /* A size file is not swept (its axes have no steps; it ran their corners). */
    assert_int_equal(decarb("sweep scenarios/size_rooftop.yaml -q -o /dev/null/x", log, sizeof log), 1);
    assert_true(strstr(log, "scenarios/size_rooftop.yaml: target: a size file: `decarb size "
                            "scenarios/size_rooftop.yaml` finds the size") != NULL);
    /* A sweep file given where a scenario belongs: one error saying what it is (at its axes: key). */
    assert_int_equal(decarb("run scenarios/battery_sweep.yaml -q -o /dev/null/x", log, sizeof log), 1);
    assert_true(strstr(log, "scenarios/battery_sweep.yaml:7:1: a sweep file (base: and axes:), not a scenario: "
                            "`decarb sweep FILE` runs it") != NULL);
    assert_null(strstr(log, "unknown key"));
    /* Output that cannot be written is an error, not a silent success. */
    char full[1024];
    snprintf(full, sizeof full, "%s params > /dev/full 2>/dev/null", decarb_bin());
    assert_true(system(full) != 0);
}

static void check_set_and_run(void **state)
{
    (void)state;
    char log[8192], args[512], out[128], file[192];
    assert_int_equal(decarb("check scenarios/default.yaml", log, sizeof log), 0);
    assert_true(strstr(log, "ok (8760 steps, 7 sites)") != NULL);
    snprintf(out, sizeof out, "%s/run", tmp);
    snprintf(args, sizeof args, "run scenarios/default.yaml --set batteries.town_hall_battery.energy_kwh=nope -o %s", out);
    assert_int_equal(decarb(args, log, sizeof log), 1);
    assert_true(strstr(log, "--set: batteries.town_hall_battery.energy_kwh: expected a number in kWh, got 'nope'") != NULL);
    assert_false(exists(out));
    snprintf(args, sizeof args, "run scenarios/default.yaml --set year=2027 -q -o %s", out);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    const char *names[] = {"hourly.csv", "summary.csv", "resources.csv", "results.h5", "scenario.resolved.yaml",
                           "ghg.csv"};
    for (int k = 0; k < 6; k++) {
        snprintf(file, sizeof file, "%s/%s", out, names[k]);
        assert_true(exists(file));
    }
    assert_int_equal(decarb("ghg scenarios/default.yaml", log, sizeof log), 0);
    assert_true(strstr(log, "TOTAL [t-CO2]") && strstr(log, "national_by_industry"));
    assert_int_equal(decarb("ghg scenarios/default.yaml --set ghg.statistics_dir= --set ghg.karte_file=", log, sizeof log), 1);
    assert_true(strstr(log, "has no ghg section") != NULL);
    snprintf(file, sizeof file, "%s/summary.csv", out);
    FILE *fp = fopen(file, "r");
    assert_non_null(fp);
    assert_non_null(fgets(log, sizeof log, fp));
    assert_true(strstr(log, "grid_import [kWh]") && strstr(log, "import_co2 [t-CO2]"));
    assert_non_null(fgets(log, sizeof log, fp));
    assert_true(strncmp(log, "town,,FY2027,", 13) == 0);
    fclose(fp);
}

/* The default prints, per building, PV, use on site, curtailment and what
 * the PPA provider can bill: the same figures as the library's totals. */
static void per_building_table(void **state)
{
    (void)state;
    char log[16384], args[512];
    snprintf(args, sizeof args, "run scenarios/default.yaml -o %s/out", tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    assert_non_null(strstr(log, "PPA billable"));
    run r;
    run_scenario(&r, "scenarios/default.yaml", NULL, 0);
    const dc_model *m = r.m;
    for (size_t k = 0; k < dc_model_site_count(m); k++) {
        char want[64];
        snprintf(want, sizeof want, "\n  %s ", dc_model_site_name(m, k));
        const char *row = strstr(log, want);
        assert_non_null(row);
        double demand, pv, curtailed, billable;
        char used[16];
        assert_int_equal(sscanf(row + strlen(want), "%lf %lf %15s %lf", &demand, &pv, used, &curtailed), 4);
        const char *end = strchr(row + 1, '\n');
        const char *last = end;
        while (last > row && last[-1] != ' ') last--;
        billable = strtod(last, NULL);
        dc_totals t;
        assert_int_equal(dc_model_site_totals(m, k, 0, &t), DC_OK);
        assert_near(demand, t.demand_kwh / 1000, 0.051);
        assert_near(pv, t.pv_kwh / 1000, 0.051);
        assert_near(curtailed, t.curtailed_kwh / 1000, 0.051);
        assert_near(billable, t.ppa_billable_kwh / 1000, 0.051);
    }
    close_run(&r);
}

/* Columns a terminal shows for test text of ASCII and three-byte
 * (kanji, kana) characters: one and two. */
static int shown_columns(const char *s, size_t bytes)
{
    int cols = 0;
    for (size_t k = 0; k < bytes; k++) {
        unsigned char c = (unsigned char)s[k];
        cols += c < 0x80 ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : 0;
    }
    return cols;
}

/* Japanese site names: the per-building table's numbers line up under
 * its header on a terminal (kanji are two columns wide), and a name too
 * long for its column is cut between characters, never inside one. */
static void japanese_names_line_up(void **state)
{
    (void)state;
    char log[16384], path[1024], args[2048], cwd[512], text[2048];
    assert_non_null(getcwd(cwd, sizeof cwd));
    const char *names[] = {"役場", "annex", "第2小学校", "第二中学校体育館避難所"};
    int at = snprintf(text, sizeof text,
                      "weather:\n  file: %s/" EPW_PATH "\ngrid:\n  emission_factor_kg_per_kwh: 0.45\nsites:\n", cwd);
    for (int k = 0; k < 4; k++) at += snprintf(text + at, sizeof text - at, "  - name: %s\n", names[k]);
    at += snprintf(text + at, sizeof text - at, "loads:\n");
    for (int k = 0; k < 4; k++)
        at += snprintf(text + at, sizeof text - at, "  - {name: l%d, site: %s, sector: public, annual_kwh: %d}\n", k,
                       names[k], 1000 * (k + 1));
    snprintf(path, sizeof path, "%s/names.yaml", tmp);
    write_text(path, text);
    snprintf(args, sizeof args, "run %s -o %s/names_out", path, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    const char *head = strstr(log, "Sites [MWh]");
    assert_non_null(head);
    int demand_end = shown_columns(head, (size_t)(strstr(head, "demand") - head)) + 6;
    int head_cols = shown_columns(head, (size_t)(strchr(head, '\n') - head));
    /* the last name has 11 characters, 22 columns: 9 of them fit in the 18 the column has */
    const char *shown[] = {"役場", "annex", "第2小学校", "第二中学校体育館避"};
    for (int k = 0; k < 4; k++) {
        char want[128];
        snprintf(want, sizeof want, "\n  %s ", shown[k]);
        const char *row = strstr(head, want);
        if (!row) fail_msg("no row for '%s' in:\n%s", shown[k], head);
        row++;
        const char *num = row + strlen(want) - 1;
        while (*num == ' ') num++;
        char *end;
        double demand = strtod(num, &end);
        assert_near(demand, k + 1, 0.051); /* MWh */
        assert_int_equal(shown_columns(row, (size_t)(end - row)), demand_end);
        /* and the last column (PPA billable) ends where its header does */
        assert_int_equal(shown_columns(row, (size_t)(strchr(row, '\n') - row)), head_cols);
    }
}

/* The text between a README line starting with `start` and the next fence. */
static char *readme_block(const char *start)
{
    FILE *fp = fopen("README.md", "r");
    assert_non_null(fp);
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    text[n] = '\0';
    fclose(fp);
    char *b = strstr(text, start);
    assert_non_null(b);
    b = strchr(b, '\n') + 1;
    char *e = strstr(b, "```\n");
    assert_non_null(e);
    *e = '\0';
    return b;
}

/* The README's scenario is the bundled example, which runs; its Python
 * reads what the default run wrote. */
static void readme_scenario_and_python(void **state)
{
    (void)state;
    char log[16384], args[1024], cmd[2048];
    FILE *fp = fopen("scenarios/example_town.yaml", "r");
    assert_non_null(fp);
    static char file[1 << 16];
    size_t n = fread(file, 1, sizeof file - 1, fp);
    file[n] = '\0';
    fclose(fp);
    assert_string_equal(readme_block("```yaml\nname: my_town"), file);
    snprintf(args, sizeof args, "run scenarios/example_town.yaml -q -o %s/ex", tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    snprintf(args, sizeof args, "run scenarios/default.yaml -q -o %s/output/default", tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    char script[512];
    snprintf(script, sizeof script, "%s/read.py", tmp);
    write_text(script, readme_block("```python"));
    char exe[PATH_MAX];
    assert_non_null(realpath(decarb_bin(), exe));
    snprintf(cmd, sizeof cmd, "cd %s && /usr/bin/python3 read.py > log 2>&1", tmp);
    int rc = system(cmd);
    snprintf(args, sizeof args, "%s/log", tmp);
    fp = fopen(args, "r");
    n = fp ? fread(log, 1, sizeof log - 1, fp) : 0;
    log[n] = '\0';
    if (fp) fclose(fp);
    if (rc) fail_msg("the README's Python fails (make test installs python3-h5py and python3-pandas):\n%s", log);
    assert_non_null(strstr(log, "grid_import"));
    assert_non_null(strstr(log, "kWh 343"));
    assert_non_null(strstr(log, "['town_hall']"));
}

/* Names: the file's stem is the default folder, cut on characters. */
static void names_and_warnings(void **state)
{
    (void)state;
    char log[16384], path[1024], args[8192], cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    const char *body = "weather:\n  file: %s/" EPW_PATH "\ngrid:\n  emission_factor_kg_per_kwh: 0.45\n"
                       "pv_arrays:\n  - {name: north_roof, capacity_kw: 10, azimuth_deg: 0, tilt_deg: 20}\n"
                       "loads:\n  - {name: hall, sector: public, annual_kwh: 1000}\n";
    char text[2048];
    snprintf(text, sizeof text, body, cwd);
    for (int v = 1; v <= 2; v++) {
        snprintf(path, sizeof path, "%s/town.v%d.yaml", tmp, v);
        write_text(path, text);
        snprintf(args, sizeof args, "run %s -q -o %s/out.v%d", path, tmp, v);
        assert_int_equal(decarb(args, log, sizeof log), 0);
        /* north-facing: a warning, not an error */
        assert_true(strstr(log, "warning: pv_arrays[0].azimuth_deg: 0 deg faces north") != NULL);
        snprintf(path, sizeof path, "%s/out.v%d/summary.csv", tmp, v);
        assert_int_equal(access(path, F_OK), 0);
    }
    snprintf(args, sizeof args, "check %s/town.v1.yaml", tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    assert_non_null(strstr(log, "ok (8760 steps, 1 site)\n")); /* one meter: "site", not "sites" */
    /* 70 Japanese characters in the file name: the name keeps 63, whole. */
    char stem[256] = "";
    for (int k = 0; k < 70; k++) strcat(stem, "町");
    snprintf(path, sizeof path, "%s/%s.yaml", tmp, stem);
    write_text(path, text);
    char exe[PATH_MAX];
    assert_non_null(realpath(decarb_bin(), exe)); /* the run starts in tmp */
    snprintf(args, sizeof args, "cd %s && %s run '%s.yaml' -q > /dev/null 2>&1", tmp, exe, stem);
    assert_int_equal(system(args), 0);
    stem[63 * 3] = '\0'; /* 63 characters of 3 bytes */
    snprintf(path, sizeof path, "%s/output/%s/.decarb", tmp, stem);
    assert_int_equal(access(path, F_OK), 0);
}

/* The row of a CSV file (after its header) whose last field is `mark`,
 * into row; 0 when none. */
static int marked_row(const char *path, const char *mark, char *row, size_t len)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    int found = 0;
    char tail[64];
    snprintf(tail, sizeof tail, ",%s\n", mark);
    assert_non_null(fgets(row, (int)len, fp)); /* the header */
    while (!found && fgets(row, (int)len, fp)) {
        size_t n = strlen(row);
        found = n >= strlen(tail) && !strcmp(row + n - strlen(tail), tail);
    }
    fclose(fp);
    return found;
}

/* The README's sizing example as a consultant runs it: the answer on
 * stdout is the row size.csv marks "answer" (it meets the target) and
 * the one below it is one resolution smaller and does not; with -q
 * nothing is printed and size.csv is the same, so a script finds the
 * answer there. */
static void readme_sizing_example(void **state)
{
    (void)state;
    char log[16384], args[2048], path[1024], cwd[512], text[4096], row[512], csv[1024], quiet_csv[2200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    const char *block = readme_block("```yaml\nbase: default.yaml\ntarget:");
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\n%s", cwd, strchr(block, '\n') + 1);
    snprintf(path, sizeof path, "%s/pond.yaml", tmp);
    write_text(path, text);
    snprintf(args, sizeof args, "size %s -o %s/sz", path, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    const char *key = "pv_arrays.irrigation_pond.capacity_kw = ";
    const char *at = strstr(log, "the smallest size reaches the target");
    assert_non_null(at);
    at = strstr(at, key);
    assert_non_null(at);
    double kw = strtod(at + strlen(key), NULL);
    assert_non_null(strstr(at, "meets it with"));
    at = strstr(at, "one resolution step smaller does not:");
    assert_non_null(at);
    assert_true(strtod(strstr(at, key) + strlen(key), NULL) == kw - 10);
    assert_non_null(strstr(at, "short of it by"));
    snprintf(csv, sizeof csv, "%s/sz/size.csv", tmp);
    double x, shortfall;
    int meets;
    assert_true(marked_row(csv, "answer", row, sizeof row));
    assert_int_equal(sscanf(strchr(row, ',') + 1, "%lf,ok,%lf,%d,", &x, &shortfall, &meets), 3);
    assert_true(x == kw && shortfall <= 0 && meets == 1);
    assert_true(marked_row(csv, "one step smaller", row, sizeof row));
    assert_int_equal(sscanf(strchr(row, ',') + 1, "%lf,ok,%lf,%d,", &x, &shortfall, &meets), 3);
    assert_true(x == kw - 10 && shortfall > 0 && meets == 0);
    snprintf(args, sizeof args, "size %s -q -o %s/sz_quiet", path, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    assert_string_equal(log, "");
    snprintf(quiet_csv, sizeof quiet_csv, "cmp -s %s %s/sz_quiet/size.csv", csv, tmp);
    assert_int_equal(system(quiet_csv), 0);
}

/* A target the upper end does not reach: exit 1, the row marked, and
 * what capacity could not give said — the PV curtailed there, which is a
 * plain run's at that size (the pond exports at most 1,250 kW). */
static void sizing_not_reached(void **state)
{
    (void)state;
    char log[16384], args[2048], path[1024], cwd[512], text[1024], row[512], csv[1024], want[256];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\ntarget: {metric: net_zero}\naxes:\n"
             "  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 0, to: 10000, resolution: 10}\n", cwd);
    snprintf(path, sizeof path, "%s/nz.yaml", tmp);
    write_text(path, text);
    snprintf(args, sizeof args, "size %s -q -o %s/sz", path, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 1);
    assert_non_null(strstr(log, "the target is not reached even at the upper end"));
    snprintf(csv, sizeof csv, "%s/sz/size.csv", tmp);
    assert_true(marked_row(csv, "not reached", row, sizeof row));
    assert_true(strtod(strchr(row, ',') + 1, NULL) == 10000);
    snprintf(args, sizeof args, "run %s/scenarios/default.yaml -q --set pv_arrays.irrigation_pond.capacity_kw=10000 "
             "-o %s/plain", cwd, tmp);
    assert_int_equal(decarb(args, log + 8192, sizeof log - 8192), 0);
    snprintf(csv, sizeof csv, "%s/plain/summary.csv", tmp);
    FILE *fp = fopen(csv, "r");
    assert_non_null(fp);
    assert_non_null(fgets(row, sizeof row, fp)); /* the header */
    assert_non_null(fgets(row, sizeof row, fp)); /* the town's year */
    fclose(fp);
    double v[18];
    char *at = row;
    for (int k = 0; k < 18; k++) at = strchr(at, ',') + 1, v[k] = strtod(at, NULL);
    double pv = v[3], curtailed = v[16]; /* v[k] is field k + 1: pv [kWh] is field 4, curtailed [kWh] 17 */
    assert_true(curtailed > 0.5 * pv); /* most of 10 MW cannot leave through 1.25 MW */
    snprintf(want, sizeof want, "at that size %.1f MWh of the town's %.1f MWh of PV (%.0f %%) is curtailed",
             curtailed / 1000, pv / 1000, 100 * curtailed / pv);
    assert_non_null(strstr(log, want));
    /* What leaves is more than the town's meters buy in its hours: PV exported (field 11) less the
     * off-site PPA they bought of it (field 15): a higher export limit would only add to it. */
    double unsold = v[10] - v[14];
    assert_true(unsold > 0.1 * pv);
    snprintf(want, sizeof want, "at that size %.1f MWh of the town's %.1f MWh of PV (%.0f %%) goes to the grid "
             "beyond what the town's own meters buy in the same hours", unsold / 1000, pv / 1000, 100 * unsold / pv);
    assert_non_null(strstr(log, want));
}

/* A size file's set: keys are columns of size.csv after the axes, their
 * one value in every row, so the curve says what it was sized under: the
 * pond behind an export limit of 300 kW (test_size sizes the same). */
static void sizing_with_set_keys(void **state)
{
    (void)state;
    char log[8192], args[2048], path[1024], cwd[512], text[1024], row[1024], csv[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(text, sizeof text, "base: %s/scenarios/default.yaml\nset:\n  sites.irrigation_pond.export_limit_kw: 300\n"
             "target: {metric: self_sufficiency, at_least_pct: 30}\naxes:\n"
             "  - {key: pv_arrays.irrigation_pond.capacity_kw, from: 0, to: 3000, resolution: 10}\n", cwd);
    snprintf(path, sizeof path, "%s/held.yaml", tmp);
    write_text(path, text);
    snprintf(args, sizeof args, "size %s -q -o %s/held", path, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    snprintf(csv, sizeof csv, "%s/held/size.csv", tmp);
    FILE *fp = fopen(csv, "r");
    assert_non_null(fp);
    assert_non_null(fgets(row, sizeof row, fp));
    fclose(fp);
    const char *head = "\xEF\xBB\xBF" "run,pv_arrays.irrigation_pond.capacity_kw,sites.irrigation_pond.export_limit_kw,status,";
    assert_memory_equal(row, head, strlen(head));
    assert_true(marked_row(csv, "answer", row, sizeof row));
    assert_non_null(strstr(row, ",710,\"300\",ok,"));
}

/* `decarb size -q` of a size file on the typhoon town (its target and axes
 * in body), written as tmp/NAME.yaml; its exit code, its output in log. */
static int typhoon_size(const char *name, const char *body, char *log, size_t len)
{
    char args[2048], path[1024], cwd[512], text[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(text, sizeof text, "base: %s/scenarios/typhoon_town.yaml\n%s", cwd, body);
    snprintf(path, sizeof path, "%s/%s.yaml", tmp, name);
    write_text(path, text);
    snprintf(args, sizeof args, "size %s -q -o %s/%s", path, tmp, name);
    return decarb(args, log, len);
}

/* Sizing the school's battery for the town hall's critical loads (typhoon
 * town): no size moves that target, and the answer says so rather than
 * blame curtailed PV, which has nothing to do with a resilience target. */
static void sizing_that_moves_nothing(void **state)
{
    (void)state;
    char log[16384];
    assert_int_equal(typhoon_size("flat", "target: {metric: resilience, site: town_hall, hours: 72, at_least_pct: 90}\n"
                                  "axes:\n  - {key: batteries.shelter_battery.energy_kwh, from: 0, to: 2000, "
                                  "resolution: 10}\n", log, sizeof log), 1);
    assert_non_null(strstr(log, "the shortfall is the same at every size tried: the axes do not move this target "
                                "(it counts the critical loads of site town_hall"));
    assert_null(strstr(log, "curtailed"));
}

/* A size into a folder of someone's files, a size.csv of theirs among
 * them: refused before any run, and left as it was. */
static void sizing_into_a_foreign_folder(void **state)
{
    (void)state;
    char log[16384], dir[256], theirs[300];
    snprintf(dir, sizeof dir, "%s/desk", tmp);
    someones_folder(dir, "size.csv", theirs, sizeof theirs);
    assert_int_equal(typhoon_size("desk", "target: {metric: outage, outage: typhoon, site: school}\n"
                                  "axes:\n  - {key: batteries.shelter_battery.energy_kwh, from: 0, to: 500, "
                                  "resolution: 10}\n", log, sizeof log), 1);
    refused_and_untouched(log, dir, theirs);
    snprintf(log, sizeof log, "%s/notes.txt", dir); /* their size.csv alone: refused for want of the marker */
    assert_int_equal(unlink(log), 0);
    assert_int_equal(typhoon_size("desk", "target: {metric: outage, outage: typhoon, site: school}\n"
                                  "axes:\n  - {key: batteries.shelter_battery.energy_kwh, from: 0, to: 500, "
                                  "resolution: 10}\n", log, sizeof log), 1);
    unmarked_and_untouched(log, dir, theirs, ".decarb-size");
    /* A size folder as an older decarb left it, without the marker: its size.csv reads as decarb's. */
    snprintf(dir, sizeof dir, "%s/older", tmp);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(theirs, sizeof theirs, "%s/size.csv", dir);
    write_text(theirs, "\xEF\xBB\xBFrun,batteries.shelter_battery.energy_kwh,status\n1,0,ok\n");
    assert_int_equal(typhoon_size("older", "target: {metric: outage, outage: typhoon, site: school}\n"
                                  "axes:\n  - {key: batteries.shelter_battery.energy_kwh, from: 0, to: 500, "
                                  "resolution: 10}\n", log, sizeof log), 0);
}

/* A least-cost size on a base without costs: the runs read the target
 * (resilience here), so what is missing is said to be the costs, not the
 * survival scan. */
static void sizing_without_costs(void **state)
{
    (void)state;
    char log[16384];
    const char *body = "target: {metric: resilience, site: town_hall, hours: 72, at_least_pct: 60}\n"
                       "axes:\n  - {key: ev_fleets.official_evs.count, from: 1, to: 30}\n"
                       "  - {key: pv_arrays.carport.capacity_kw, from: 0, to: 500, resolution: 10}\n";
    assert_int_not_equal(typhoon_size("two", body, log, sizeof log), 0);
    if (!strstr(log, "sizing stopped: invalid scenario (several axes compare costs: the base needs leading_area costs)"))
        fail_msg("got:\n%s", log);
}

/* A comment line of any length is a comment; a line over the limit is an
 * error, never read as a value. */
static void long_lines(void **state)
{
    (void)state;
    char log[16384], path[512], args[1024], cwd[512], text[2048];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/pumps.csv", tmp);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "# ");
    for (int k = 0; k < 5000; k++) fputc('x', fp);
    fprintf(fp, ",999999\nkwh\n");
    for (int k = 0; k < 8760; k++) fprintf(fp, "1\n");
    fclose(fp);
    snprintf(text, sizeof text,
             "weather:\n  file: %s/" EPW_PATH "\ngrid:\n  emission_factor_kg_per_kwh: 0.45\n"
             "loads:\n  - {name: pumps, sector: public, profile_file: pumps.csv}\n", cwd);
    snprintf(path, sizeof path, "%s/town.yaml", tmp);
    write_text(path, text);
    snprintf(args, sizeof args, "run %s -o %s/out", path, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    assert_true(strstr(log, "demand                       8.8 MWh") != NULL); /* 8760 x 1 kWh, no 999999 */
    /* A line past 1 MiB. */
    snprintf(path, sizeof path, "%s/pumps.csv", tmp);
    fp = fopen(path, "w");
    assert_non_null(fp);
    for (int k = 0; k < (1 << 20) + 10; k++) fputc('9', fp);
    fprintf(fp, "\n");
    fclose(fp);
    snprintf(args, sizeof args, "run %s/town.yaml -o %s/out2", tmp, tmp);
    assert_int_equal(decarb(args, log, sizeof log), 1);
    assert_true(strstr(log, "pumps.csv:1: loads[0].profile_file: line longer than 1 MiB") != NULL);
}

/* The README's library example, copied as a user would, builds and runs. */
static void readme_library_example(void **state)
{
    (void)state;
    char cmd[4096], log[4096];
    const char *lib = getenv("DECARB_LIB"), *san = getenv("DECARB_SANITIZE");
    snprintf(cmd, sizeof cmd,
             "sed -n '/^```c$/,/^```$/p' README.md | sed '1d;$d' > %s/example.c && "
             "cc -std=c11 -Wall -Werror %s -Imodel/include %s/example.c %s "
             "$(pkg-config --libs gsl yaml-0.1 hdf5) -lhdf5_hl -lm -o %s/example && %s/example > %s/log 2>&1",
             tmp, san ? san : "", tmp, lib ? lib : "build/libdecarb.a", tmp, tmp, tmp);
    int rc = system(cmd);
    snprintf(cmd, sizeof cmd, "%s/log", tmp);
    FILE *fp = fopen(cmd, "r");
    size_t n = fp ? fread(log, 1, sizeof log - 1, fp) : 0;
    log[n] = '\0';
    if (fp) fclose(fp);
    if (rc != 0) fail_msg("README example failed (%d): %s", rc, log);
    assert_non_null(strstr(log, "the town hall imports"));
}

/* The カルテ as the source: a real town's table reproduces its published
 * totals; beside the allocation, the difference per sector is printed. */
static void karte_source_and_side_by_side(void **state)
{
    (void)state;
    char log[32768], path[256], args[512], cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(path, sizeof path, "%s/ogose.yaml", tmp);
    char body[1024];
    snprintf(body, sizeof body, "grid:\n  emission_factor_kg_per_kwh: 0.45\nloads:\n"
             "  - {name: homes, sector: household, annual_kwh: 100000}\n"
             "ghg:\n  karte_file: %s/tests/data/karte_ogose.csv\n  base_year: 2013\n  years: [2005]\n", cwd);
    write_scenario(path, body);
    snprintf(args, sizeof args, "ghg %s", path);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    assert_non_null(strstr(log, "カルテ FY2013: published total 63000 t-CO2, its sectors add up to 63000 (printed to "
                                "1000 t-CO2); the chosen estimate 63000"));
    assert_non_null(strstr(log, "カルテ FY2005: published total 62000 t-CO2, its sectors add up to 63000"));
    assert_non_null(strstr(log, "家庭 household (karte)"));
    snprintf(args, sizeof args, "ghg scenarios/default.yaml");
    assert_int_equal(decarb(args, log, sizeof log), 0);
    assert_non_null(strstr(log, "自治体排出量カルテ beside the chosen estimate: chosen - カルテ [t-CO2]"));
    assert_non_null(strstr(log, "FY2030* = statistics carried forward + factor change + project effect"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bad_input_catalogue, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(usage_and_info, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(check_set_and_run, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(per_building_table, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(japanese_names_line_up, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(readme_sizing_example, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(sizing_not_reached, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(sizing_with_set_keys, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(sizing_without_costs, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(sizing_into_a_foreign_folder, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(sizing_that_moves_nothing, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(readme_library_example, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(names_and_warnings, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(readme_scenario_and_python, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(long_lines, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(karte_source_and_side_by_side, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}

/* The decarb command: the bad-input catalogue (tests/bad/cases.txt), usage
 * errors, --set, and a good run. DECARB_BIN names the binary. */
#include "helpers.h"

#include <sys/stat.h>
#include <sys/wait.h>


static const char *bin(void)
{
    const char *b = getenv("DECARB_BIN");
    return b ? b : "build/decarb";
}

/* Run `decarb ARGS`, stderr+stdout to tmp/log; returns the exit code. */
static int decarb(const char *args, char *log, size_t len)
{
    char cmd[2048], path[128];
    snprintf(path, sizeof path, "%s/log", tmp);
    snprintf(cmd, sizeof cmd, "%s %s > %s 2>&1", bin(), args, path);
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
    char log[16384];
    assert_int_equal(decarb("--version", log, sizeof log), 0);
    assert_true(strstr(log, "decarb " DC_VERSION) != NULL);
    assert_int_equal(decarb("--help", log, sizeof log), 0);
    assert_true(strstr(log, "usage: decarb run") != NULL);
    assert_int_equal(decarb("frobnicate", log, sizeof log), 2);
    assert_int_equal(decarb("run", log, sizeof log), 2);
    assert_int_equal(decarb("params", log, sizeof log), 0);
    assert_true(strstr(log, "battery.energy_kwh") && strstr(log, "pv_arrays[].tilt_deg"));
}

static void check_set_and_run(void **state)
{
    (void)state;
    char log[8192], args[512], out[128], file[192];
    assert_int_equal(decarb("check scenarios/default.yaml", log, sizeof log), 0);
    assert_true(strstr(log, "ok (8760 steps)") != NULL);
    snprintf(out, sizeof out, "%s/run", tmp);
    snprintf(args, sizeof args, "run scenarios/default.yaml --set battery.energy_kwh=nope -o %s", out);
    assert_int_equal(decarb(args, log, sizeof log), 1);
    assert_true(strstr(log, "--set: battery.energy_kwh: expected a number in kWh, got 'nope'") != NULL);
    assert_false(exists(out));
    snprintf(args, sizeof args, "run scenarios/default.yaml --set year=2027 -q -o %s", out);
    assert_int_equal(decarb(args, log, sizeof log), 0);
    const char *names[] = {"hourly.csv", "summary.csv", "results.h5", "scenario.resolved.yaml"};
    for (int k = 0; k < 4; k++) {
        snprintf(file, sizeof file, "%s/%s", out, names[k]);
        assert_true(exists(file));
    }
    assert_int_equal(decarb("ghg scenarios/default.yaml", log, sizeof log), 0);
    assert_true(strstr(log, "TOTAL [t-CO2]") && strstr(log, "national_by_industry"));
    assert_int_equal(decarb("ghg scenarios/default.yaml --set ghg.statistics_dir=", log, sizeof log), 1);
    assert_true(strstr(log, "has no ghg section") != NULL);
    snprintf(file, sizeof file, "%s/summary.csv", out);
    FILE *fp = fopen(file, "r");
    assert_non_null(fp);
    assert_non_null(fgets(log, sizeof log, fp));
    assert_true(strstr(log, "grid_import [kWh]") && strstr(log, "import_co2 [t-CO2]"));
    assert_non_null(fgets(log, sizeof log, fp));
    assert_true(strncmp(log, "FY2027,", 7) == 0);
    fclose(fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bad_input_catalogue, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(usage_and_info, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(check_set_and_run, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}

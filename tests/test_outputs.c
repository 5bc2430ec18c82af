/* The result folder is replaced as one unit: a run killed at any moment
 * leaves the old set or the new one, whole; runs into one folder never mix
 * their files; links planted in the folder are never followed; a folder
 * holding someone else's files is never replaced. DECARB_CRASH_AT stops
 * the program at the named points of resultset.c. */
#include "helpers.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

static char out[256];

static int setup(void **state)
{
    tmp_setup(state);
    snprintf(out, sizeof out, "%s/out", tmp);
    return 0;
}

/* `decarb run` of the default for a year into out, env set before. */
static int run_year(int year, const char *env)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s %s run scenarios/default.yaml -q -o %s --set year=%d > /dev/null 2>&1",
             env ? env : "", decarb_bin(), out, year);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -WTERMSIG(rc);
}

static int file_has(const char *path, const char *text)
{
    char buf[4096];
    FILE *fp = fopen(path, "r");
    if (!fp) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return strstr(buf, text) != NULL;
}

/* Files of the default scenario's set, its .decarb mark included. */
enum { N_SET = 11 };

/* The year of the whole set in out, 0 when the set is not whole or mixed. */
static int set_year(void)
{
    const char *names[] = {"hourly.csv", "summary.csv", "resources.csv", "results.h5", "scenario.resolved.yaml",
                           "ghg.csv", "netzero.csv", "economics.csv", "application.xlsx", "report.html", ".decarb"};
    char path[512], want[64];
    struct stat st;
    DIR *d = opendir(out);
    int entries = 0;
    if (!d) return 0;
    for (struct dirent *e; (e = readdir(d));) entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    if (entries != N_SET) return 0;
    for (int k = 0; k < N_SET; k++) {
        snprintf(path, sizeof path, "%s/%s", out, names[k]);
        if (lstat(path, &st) || !S_ISREG(st.st_mode)) return 0;
    }
    for (int year = 2027; year <= 2031; year++) {
        snprintf(path, sizeof path, "%s/summary.csv", out);
        snprintf(want, sizeof want, "town,,FY%d,", year);
        if (!file_has(path, want)) continue;
        snprintf(path, sizeof path, "%s/scenario.resolved.yaml", out);
        snprintf(want, sizeof want, "year: %d\n", year);
        return file_has(path, want) ? year : 0;
    }
    return 0;
}

/* Nothing of a run is left beside the folder. */
static int leftovers(void)
{
    DIR *d = opendir(tmp);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) n += !strncmp(e->d_name, ".out.", 5);
    if (d) closedir(d);
    return n;
}

static void crash_points_leave_a_whole_set(void **state)
{
    (void)state;
    assert_int_equal(run_year(2027, NULL), 0);
    assert_int_equal(set_year(), 2027);
    const char *points[] = {"DECARB_CRASH_AT=before-swap", "DECARB_CRASH_AT=after-swap",
                            "DECARB_NO_EXCHANGE=1 DECARB_CRASH_AT=between-renames"};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(run_year(2030, points[k]), 128 + SIGKILL); /* the shell reports the signal as 128 + 9 */
        int y = set_year();
        /* Between two renames the folder is briefly gone; the next run puts
         * the old set back before anything else. */
        if (k == 2) {
            assert_int_equal(y, 0);
            assert_int_equal(run_year(2028, "DECARB_CRASH_AT=before-swap"), 128 + SIGKILL); /* the shell reports the signal as 128 + 9 */
            y = set_year();
        }
        print_message("killed at %s: the folder holds FY%d\n", points[k], y);
        assert_true(y == 2027 || y == 2030);
        assert_int_equal(run_year(2027, NULL), 0); /* back to the old set for the next point */
        assert_int_equal(set_year(), 2027);
        assert_int_equal(leftovers(), 0);
    }
}

static void kills_at_random_moments(void **state)
{
    (void)state;
    assert_int_equal(run_year(2027, NULL), 0);
    char cmd[1024];
    /* exec: the kill must reach decarb itself, not a shell that forked it
     * (an orphaned run kept writing into the next round's folder). */
    snprintf(cmd, sizeof cmd, "exec %s run scenarios/default.yaml -q -o %s --set year=2030", decarb_bin(), out);
    srand(20261127);
    int seen[2] = {0, 0};
    for (int k = 0; k < 25; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            freopen("/dev/null", "w", stdout);
            freopen("/dev/null", "w", stderr);
            execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
            _exit(127);
        }
        struct timespec ts = {0, (long)(rand() % 400) * 1000000L}; /* 0-400 ms: a run takes about 100-300 */
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        int y = set_year();
        assert_true(y == 2027 || y == 2030);
        seen[y == 2030]++;
        if (y == 2030) assert_int_equal(run_year(2027, NULL), 0);
    }
    print_message("25 kills: old set %d times, new set %d times\n", seen[0], seen[1]);
    assert_int_equal(run_year(2027, NULL), 0);
    assert_int_equal(leftovers(), 0);
}

static void concurrent_runs_end_with_one_set(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        char cmd[2048];
        snprintf(cmd, sizeof cmd,
                 "(%s run scenarios/default.yaml -q -o %s --set year=2028 & "
                 "%s run scenarios/default.yaml -q -o %s --set year=2029 & wait) > /dev/null 2>&1",
                 decarb_bin(), out, decarb_bin(), out);
        assert_int_equal(system(cmd), 0);
        int y = set_year();
        assert_true(y == 2028 || y == 2029);
        assert_int_equal(leftovers(), 0);
    }
}

/* Links planted at every name the run writes in the folder: the run
 * replaces the folder, removes the links and writes through none. */
static void planted_links_are_not_followed(void **state)
{
    (void)state;
    const char *names[] = {"hourly.csv", "summary.csv", "resources.csv", "results.h5", "scenario.resolved.yaml",
                           "ghg.csv", "netzero.csv", "economics.csv", "application.xlsx", "report.html", ".decarb"};
    char target[512], link[2048];
    assert_int_equal(mkdir(out, 0755), 0);
    for (int k = 0; k < N_SET; k++) {
        snprintf(target, sizeof target, "%s/victim%d", tmp, k);
        write_text(target, "precious\n");
        snprintf(link, sizeof link, "%s/%s", out, names[k]);
        assert_int_equal(symlink(target, link), 0);
    }
    assert_int_equal(run_year(2030, NULL), 0);
    assert_int_equal(set_year(), 2030); /* regular files only, whole */
    for (int k = 0; k < N_SET; k++) {
        snprintf(target, sizeof target, "%s/victim%d", tmp, k);
        assert_true(file_has(target, "precious"));
    }
    /* The folder itself a link: refused, and its target untouched. */
    char elsewhere[512];
    snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere", tmp);
    assert_int_equal(mkdir(elsewhere, 0755), 0);
    snprintf(link, sizeof link, "rm -rf %s && ln -s %s %s", out, elsewhere, out);
    assert_int_equal(system(link), 0);
    assert_int_equal(run_year(2030, NULL), 1);
    DIR *d = opendir(elsewhere);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    assert_int_equal(n, 0);
}

/* A folder with a file decarb did not write is not replaced; a set
 * without ghg.csv leaves no ghg.csv of an earlier run. */
static void foreign_files_and_stale_files(void **state)
{
    (void)state;
    char path[512], cmd[1024];
    assert_int_equal(run_year(2030, NULL), 0);
    snprintf(cmd, sizeof cmd,
             "%s run scenarios/default.yaml -q -o %s --set ghg.statistics_dir= --set ghg.karte_file= > /dev/null 2>&1",
             decarb_bin(), out);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/ghg.csv", out);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/my_chart.xlsx", out);
    write_text(path, "mine\n");
    char log[512];
    snprintf(cmd, sizeof cmd, "%s run scenarios/default.yaml -q -o %s > %s/log 2>&1", decarb_bin(), out, tmp);
    assert_true(system(cmd) != 0);
    snprintf(log, sizeof log, "%s/log", tmp);
    assert_true(file_has(log, "holds 'my_chart.xlsx', which decarb did not write"));
    assert_true(file_has(path, "mine"));
}

/* A run again, a second later, writes results.h5 byte for byte as before:
 * HDF5 keeps no creation or change times in it, so a file can be
 * checked against its checksum. */
static void the_same_run_writes_the_same_results_h5(void **state)
{
    (void)state;
    char cmd[1024];
    assert_int_equal(run_year(2030, NULL), 0);
    snprintf(cmd, sizeof cmd, "cp %s/results.h5 %s/first.h5", out, tmp);
    assert_int_equal(system(cmd), 0);
    nanosleep(&(struct timespec){1, 100000000}, NULL); /* HDF5's times count seconds */
    assert_int_equal(run_year(2030, NULL), 0);
    snprintf(cmd, sizeof cmd, "cmp -s %s/results.h5 %s/first.h5", out, tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(crash_points_leave_a_whole_set, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(kills_at_random_moments, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(concurrent_runs_end_with_one_set, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(planted_links_are_not_followed, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(foreign_files_and_stale_files, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(the_same_run_writes_the_same_results_h5, setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("outputs", tests, NULL, NULL);
}

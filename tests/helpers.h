/* Shared test helpers: paths, temporary folders, small files. */
#ifndef DC_TEST_HELPERS_H
#define DC_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "decarb.h"

#define EPW_PATH "inputs/weather/JPN_Tokyo.Hyakuri.477150_IWEC.epw"

/* |a - b| <= eps in double precision (equal infinities too); NaN is near
 * nothing. cmocka's assert_float_equal, used here before, rounds both
 * sides to float, passes whatever is within float's relative precision
 * whatever eps says, and passes NaN. */
#define assert_near(a, b, eps) near_or_fail((double)(a), (double)(b), (double)(eps), #a, #b, __FILE__, __LINE__)

static inline void near_or_fail(double a, double b, double eps, const char *a_text, const char *b_text,
                                const char *file, int line)
{
    if (a == b || fabs(a - b) <= eps) return;
    print_error("%s = %.17g is not within %g of %s = %.17g\n", a_text, a, eps, b_text, b);
    _fail(file, line);
}

static inline void make_tmpdir(char *buf, size_t len)
{
    snprintf(buf, len, "/tmp/decarb-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
}

/* The decarb program under test: DECARB_BIN (set by make check), or the build's. */
static inline const char *decarb_bin(void)
{
    const char *b = getenv("DECARB_BIN");
    return b ? b : "build/decarb";
}

static inline void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The whole file as a string (malloc'd); NULL when it cannot be opened. */
static inline char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* A folder of someone's: notes.txt, and `name` (a file decarb writes)
 * holding "their own table"; its path into path. */
static inline void someones_folder(const char *dir, const char *name, char *path, size_t len)
{
    char notes[1100];
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, len, "%s/%s", dir, name);
    snprintf(notes, sizeof notes, "%s/notes.txt", dir);
    write_text(path, "their own table\n");
    write_text(notes, "notes\n");
}

/* log refuses dir for its notes.txt, and the file at path is as it was. */
static inline void refused_and_untouched(const char *log, const char *dir, const char *path)
{
    char want[1200];
    snprintf(want, sizeof want, "%s holds 'notes.txt', which decarb did not write: move it, or choose another -o", dir);
    if (!strstr(log, want)) fail_msg("expected '%s' in:\n%s", want, log);
    char *left = slurp(path);
    assert_non_null(left);
    assert_string_equal(left, "their own table\n");
    free(left);
}

/* Their notes.txt gone, log refuses dir for the file at path, now alone
 * without decarb's marker there, and the file is as it was. */
static inline void unmarked_and_untouched(const char *log, const char *dir, const char *path, const char *marker)
{
    char want[1400];
    snprintf(want, sizeof want, "%s holds '%s' without the %s that decarb writes first in such a folder", dir,
             strrchr(path, '/') + 1, marker);
    if (!strstr(log, want)) fail_msg("expected '%s' in:\n%s", want, log);
    char *left = slurp(path);
    assert_non_null(left);
    assert_string_equal(left, "their own table\n");
    free(left);
}

static inline void remove_tree(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A fresh temporary folder per test: cmocka setup and teardown. */
static char tmp[64];

static inline int tmp_setup(void **state)
{
    (void)state;
    make_tmpdir(tmp, sizeof tmp);
    return 0;
}

static inline int tmp_teardown(void **state)
{
    (void)state;
    remove_tree(tmp);
    return 0;
}

/* 1 when any message of d contains needle. */
static inline int diag_has(const dc_diag *d, const char *needle)
{
    for (size_t i = 0; i < dc_diag_count(d); i++)
        if (strstr(dc_diag_message(d, i), needle)) return 1;
    return 0;
}

static inline void print_diag(const dc_diag *d)
{
    for (size_t i = 0; i < dc_diag_count(d); i++) fprintf(stderr, "  diag: %s\n", dc_diag_message(d, i));
}

/* Write a scenario next to the bundled weather file's absolute path. */
static inline void write_scenario(const char *path, const char *body)
{
    char cwd[1024], text[16384];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(text, sizeof text, "weather:\n  file: %s/" EPW_PATH "\n%s", cwd, body);
    write_text(path, text);
}
/* The text of a bundled scenario, its ../inputs paths made absolute, less
 * the top-level sections named in skip (NULL-terminated) and the lines that
 * hold drop (NULL: none), for variants written elsewhere. */
static inline void scenario_text_without(const char *src, const char *const *skip, const char *drop, char *text,
                                         size_t len)
{
    char cwd[1024], line[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    FILE *in = fopen(src, "r");
    assert_non_null(in);
    int skipping = 0;
    text[0] = '\0';
    while (fgets(line, sizeof line, in)) {
        if (line[0] != ' ' && line[0] != '#' && line[0] != '\n') {
            skipping = 0;
            for (int k = 0; skip && skip[k]; k++) skipping |= !strncmp(line, skip[k], strlen(skip[k]));
        }
        if (skipping || (drop && strstr(line, drop))) continue;
        char *up = strstr(line, "../inputs/");
        size_t used = strlen(text);
        if (up) snprintf(text + used, len - used, "%.*s%s/%s", (int)(up - line), line, cwd, up + 3);
        else snprintf(text + used, len - used, "%s", line);
    }
    fclose(in);
}

/* A scenario loaded, overridden, validated and read, and its model made:
 * any error fails the test. */
typedef struct {
    dc_scenario *s;
    dc_inputs *in;
    dc_model *m;
} run;

static inline void open_run(run *r, const char *path, const char **sets, int n_sets)
{
    dc_diag *d = dc_diag_create();
    memset(r, 0, sizeof *r);
    dc_status st = dc_scenario_load(path, &r->s, d);
    for (int k = 0; st == DC_OK && k < n_sets; k++) st = dc_scenario_set(r->s, sets[k], d);
    if (st == DC_OK) st = dc_scenario_validate(r->s, d);
    if (st == DC_OK) st = dc_inputs_load(r->s, &r->in, d);
    if (st == DC_OK) st = dc_model_create(r->s, r->in, &r->m, d);
    if (st != DC_OK) print_diag(d);
    assert_int_equal(st, DC_OK);
    dc_diag_destroy(&d);
}

/* The same, run to the end of the year. */
static inline void run_scenario(run *r, const char *path, const char **sets, int n_sets)
{
    open_run(r, path, sets, n_sets);
    dc_status st = dc_model_run(r->m);
    if (st != DC_OK) fprintf(stderr, "%s\n", dc_model_error(r->m));
    assert_int_equal(st, DC_OK);
}

static inline void close_run(run *r)
{
    dc_model_destroy(&r->m);
    dc_inputs_destroy(&r->in);
    dc_scenario_destroy(&r->s);
    assert_null(r->m);
}
#endif

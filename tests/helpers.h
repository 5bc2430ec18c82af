/* Shared test helpers: paths, temporary folders, small files. */
#ifndef DC_TEST_HELPERS_H
#define DC_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decarb.h"

#define EPW_PATH "inputs/weather/JPN_Tokyo.Hyakuri.477150_IWEC.epw"

/* cmocka's assert_float_equal takes an absolute epsilon. */
#define assert_near(a, b, eps) assert_float_equal((a), (b), (eps))

static inline void make_tmpdir(char *buf, size_t len)
{
    snprintf(buf, len, "/tmp/decarb-test-XXXXXX");
    assert_non_null(mkdtemp(buf));
}

static inline void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
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
#endif

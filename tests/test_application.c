/* application.xlsx and report.html as their users open them: the
 * workbook read back with openpyxl and compared with the CSVs of the same
 * run (tests/workbook_check.py), in Japanese and English, and converted to
 * PDF by LibreOffice headless; the report checked for the verdict and the
 * table's numbers, for fetching nothing, and rendered by headless
 * Chromium. make test installs python3-openpyxl, libreoffice-calc-nogui
 * and chromium. */
#include "helpers.h"

#include <sys/wait.h>

/* Runs cmd with its output into tmp/log; the exit code, the log in log. */
static int sh(const char *cmd, char *log, size_t len)
{
    char full[4096], path[128];
    snprintf(path, sizeof path, "%s/log", tmp);
    snprintf(full, sizeof full, "(%s) > %s 2>&1", cmd, path);
    int rc = system(full);
    FILE *fp = fopen(path, "r");
    size_t n = fp ? fread(log, 1, len - 1, fp) : 0;
    log[n] = '\0';
    if (fp) fclose(fp);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void read_back(const char *lang)
{
    char cmd[2048], log[16384];
    snprintf(cmd, sizeof cmd, "%s run scenarios/default.yaml -q -o %s/%s --lang %s", decarb_bin(), tmp, lang, lang);
    if (sh(cmd, log, sizeof log)) fail_msg("decarb run failed:\n%s", log);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/workbook_check.py %s/%s %s", tmp, lang, lang);
    if (sh(cmd, log, sizeof log)) fail_msg("the workbook differs from the CSVs:\n%s", log);
    assert_non_null(strstr(log, "ok charts: 5"));
    /* --lang ja: summary.csv's headers in Japanese too. */
    assert_non_null(strstr(log, !strcmp(lang, "ja") ? "(需要 [kWh])" : "(demand [kWh])"));
}

static void workbook_equals_csvs(void **state)
{
    (void)state;
    read_back("ja");
    read_back("en");
}

/* LibreOffice opens it and prints every sheet (the charts included). */
static void libreoffice_converts_it(void **state)
{
    (void)state;
    char cmd[2048], log[16384], pdf[256];
    snprintf(cmd, sizeof cmd, "%s run scenarios/default.yaml -q -o %s/wb", decarb_bin(), tmp);
    if (sh(cmd, log, sizeof log)) fail_msg("decarb run failed:\n%s", log);
    snprintf(cmd, sizeof cmd,
             "soffice -env:UserInstallation=file://%s/lo --headless --convert-to pdf --outdir %s %s/wb/application.xlsx",
             tmp, tmp, tmp);
    if (sh(cmd, log, sizeof log)) fail_msg("soffice failed:\n%s", log);
    snprintf(pdf, sizeof pdf, "%s/application.pdf", tmp);
    FILE *fp = fopen(pdf, "rb");
    if (!fp) fail_msg("no PDF:\n%s", log);
    char magic[5] = {0};
    assert_int_equal(fread(magic, 1, 4, fp), 4);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fclose(fp);
    assert_string_equal(magic, "%PDF");
    assert_true(size > 100000);
}

/* "<td class="n">3,040.0</td>" for 3040.0: one decimal, thousands grouped. */
static void grouped(double v, char *out, size_t len)
{
    char digits[64], body[96];
    snprintf(digits, sizeof digits, "%.1f", v);
    int int_len = (int)(strchr(digits, '.') - digits), k = 0;
    for (int i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0) body[k++] = ',';
        body[k++] = digits[i];
    }
    snprintf(body + k, sizeof body - (size_t)k, "%s", digits + int_len);
    snprintf(out, len, "<td class=\"n\">%s</td>", body);
}

/* The default town is short: the verdict, A and B as netzero.csv has them
 * (3040.000 and 1287.2..., printed 3,040.0 and 1,287.2), no script and no
 * address to fetch; Chromium draws it without a network. */
static void report_reads_offline(void **state)
{
    (void)state;
    char cmd[2048], log[16384], path[256];
    snprintf(cmd, sizeof cmd, "%s run scenarios/default.yaml -q -o %s/r", decarb_bin(), tmp);
    if (sh(cmd, log, sizeof log)) fail_msg("decarb run failed:\n%s", log);
    snprintf(path, sizeof path, "%s/r/netzero.csv", tmp);
    char *csv = slurp(path), want[2][160];
    assert_non_null(csv);
    const char *rows[2] = {"\nA,", "renewable supply, total"};
    for (int k = 0; k < 2; k++) {
        char *line = strstr(csv, rows[k]);
        assert_non_null(line);
        char *end = strchr(line + 1, '\n');
        *end = '\0';
        char *unit = strrchr(line, ',');
        *unit = '\0';
        double v = strtod(strrchr(line, ',') + 1, NULL); /* code,item,item_ja,VALUE,unit */
        *unit = ',';
        *end = '\n';
        grouped(v, want[k], sizeof want[k]);
    }
    free(csv);
    snprintf(path, sizeof path, "%s/r/report.html", tmp);
    char *html = slurp(path);
    assert_non_null(html);
    assert_non_null(strstr(html, "判定：実質ゼロに届きません。"));
    for (int k = 0; k < 2; k++)
        if (!strstr(html, want[k])) fail_msg("report.html lacks %s", want[k]);
    assert_non_null(strstr(html, "<svg"));
    const char *fetches[] = {"<script", "src=", "href=", "url(", "@import"};
    for (size_t k = 0; k < sizeof fetches / sizeof fetches[0]; k++)
        if (strstr(html, fetches[k])) fail_msg("report.html holds %s", fetches[k]);
    free(html);
    snprintf(cmd, sizeof cmd,
             "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2200 "
             "--user-data-dir=%s/chrome --screenshot=%s/report.png file://%s/r/report.html", tmp, tmp, tmp);
    if (sh(cmd, log, sizeof log)) fail_msg("chromium failed:\n%s", log);
    snprintf(path, sizeof path, "%s/report.png", tmp);
    FILE *fp = fopen(path, "rb");
    if (!fp) fail_msg("no screenshot:\n%s", log);
    unsigned char magic[4] = {0};
    assert_int_equal(fread(magic, 1, 4, fp), 4);
    fclose(fp);
    assert_memory_equal(magic, "\x89PNG", 4);
}

/* hourly.csv opened by a spreadsheet (LibreOffice's CSV import, UTF-8):
 * its excel_time column is a date, the energies numbers. */
static void csv_time_reads_as_a_date(void **state)
{
    (void)state;
    char cmd[2048], log[16384];
    snprintf(cmd, sizeof cmd, "%s run scenarios/default.yaml -q -o %s/c", decarb_bin(), tmp);
    if (sh(cmd, log, sizeof log)) fail_msg("decarb run failed:\n%s", log);
    snprintf(cmd, sizeof cmd,
             "soffice -env:UserInstallation=file://%s/lo --headless --convert-to xlsx --infilter=CSV:44,34,76,1 "
             "--outdir %s %s/c/hourly.csv && /usr/bin/python3 -c \"import openpyxl, datetime; "
             "ws = openpyxl.load_workbook('%s/hourly.xlsx').active; "
             "assert ws['B2'].value == datetime.datetime(2030, 4, 1), ws['B2'].value; "
             "assert isinstance(ws['C2'].value, float), ws['C2'].value; print('date ok')\"", tmp, tmp, tmp, tmp);
    if (sh(cmd, log, sizeof log)) fail_msg("hourly.csv in a spreadsheet:\n%s", log);
    assert_non_null(strstr(log, "date ok"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(workbook_equals_csvs, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(libreoffice_converts_it, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(report_reads_offline, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(csv_time_reads_as_a_date, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#define _POSIX_C_SOURCE 200809L /* pread */
#include "cli_journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_JOURNALS = 4096 };

void dc_journal_tag(const dc_sweep *w, char *tag, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
#define MIX(c) (h = (h ^ (unsigned char)(c)) * 1099511628211ULL)
    FILE *fp = fopen(dc_sweep_base(w), "rb");
    for (int c; fp && (c = fgetc(fp)) != EOF;) MIX(c);
    if (fp) fclose(fp);
    for (size_t a = 0; a < dc_sweep_axes(w); a++) {
        for (const char *k = dc_sweep_axis_key(w, a); *k; k++) MIX(*k);
        MIX('\n');
    }
    char set[2048];
    for (size_t k = 0; k < dc_sweep_sets(w); k++) { /* none: the tag of a sweep before set: existed */
        for (const char *c = "set:"; *c; c++) MIX(*c);
        for (const char *c = dc_sweep_set(w, k, set, sizeof set); c && *c; c++) MIX(*c);
        MIX('\n');
    }
    for (size_t i = 0; i < dc_sweep_cases(w); i++)
        for (size_t a = 0; a < dc_sweep_axes(w); a++) {
            for (const char *v = dc_sweep_value(w, i, a); *v; v++) MIX(*v);
            MIX(',');
        }
#undef MIX
    /* r2: rows with every summary figure and the resilience columns; a
     * journal of rows laid out otherwise (an older decarb's) is another
     * sweep's. */
    snprintf(tag, len, "# decarb sweep r2 %016llx\n", (unsigned long long)h);
}

static int is_journal(const char *name) { return !strncmp(name, "sweep.journal", 13); }

int dc_journal_fields(const char *line)
{
    int fields = 1, quoted = 0;
    for (const char *p = line; *p && *p != '\n'; p++) {
        if (*p == '"') quoted = !quoted;
        else if (*p == ',' && !quoted) fields++;
    }
    return fields;
}

/* One journal, line by line: calls on_row(ctx, case, offset) for each
 * whole row of the sweep's layout. Returns the bytes of whole lines (the
 * tag's when none), 0 when the file is absent or cut inside its tag, -1
 * when its tag differs. */
static long read_rows(const char *path, const char *tag, const dc_journal_rows *rows,
                      void (*on_row)(void *, size_t, long), void *ctx)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return 0;
    char line[DC_JOURNAL_ROW_MAX];
    size_t tag_len = strlen(tag), got = fread(line, 1, tag_len, fp);
    if (got < tag_len || memcmp(line, tag, tag_len)) {
        fclose(fp);
        return got < tag_len && !memcmp(line, tag, got) ? 0 : -1; /* killed while writing the tag: start afresh */
    }
    long keep = (long)tag_len, at = keep;
    while (fgets(line, sizeof line, fp)) {
        size_t len = strlen(line);
        if (!len || line[len - 1] != '\n') break; /* cut by a kill (rows are shorter than DC_JOURNAL_ROW_MAX) */
        char *after;
        unsigned long long id = strtoull(line, &after, 10);
        if (after > line && *after == ',' && id < rows->n && dc_journal_fields(line) == rows->fields)
            on_row(ctx, (size_t)id, at);
        at += (long)len;
        keep = at;
    }
    fclose(fp);
    return keep;
}

static void mark_done(void *ctx, size_t id, long at)
{
    (void)at;
    ((unsigned char *)ctx)[id] = 1;
}

/* Journal names of dir, sorted (so the first row of a case always comes
 * from the same file); returns the count, -1 when dir cannot be read. */
static int list_journals(const char *dir, char names[][64], int max)
{
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT ? 0 : -1;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < max;) {
        size_t len = strlen(e->d_name);
        if (is_journal(e->d_name) && len < 64) memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    for (int i = 1; i < n; i++) /* insertion sort: a handful of names */
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[64];
            memcpy(t, names[j], 64), memcpy(names[j], names[j - 1], 64), memcpy(names[j - 1], t, 64);
        }
    return n;
}

int dc_journal_scan(const char *dir, const char *tag, const char *own, const dc_journal_rows *rows,
                    unsigned char *done, long *own_keep, char *bad, size_t bad_len)
{
    char (*names)[64] = malloc(MAX_JOURNALS * sizeof *names), path[2048];
    *own_keep = 0;
    int count = names ? list_journals(dir, names, MAX_JOURNALS) : -1, rc = count < 0 ? -1 : 0;
    if (rc) snprintf(bad, bad_len, "%s", dir);
    for (int k = 0; rc == 0 && k < count; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        long keep = read_rows(path, tag, rows, mark_done, done);
        if (keep < 0) rc = -1, snprintf(bad, bad_len, "%s", path);
        if (!strcmp(names[k], own)) *own_keep = keep;
    }
    free(names);
    return rc;
}

typedef struct {
    unsigned short *file; /* per case: 1 + index of the journal holding its row, 0 when none */
    long *offset;
    unsigned short current;
} row_index;

static void index_row(void *ctx, size_t id, long at)
{
    row_index *x = ctx;
    if (x->file[id]) return; /* a case run twice (two sweeps at once): the first row */
    x->file[id] = x->current;
    x->offset[id] = at;
}

/* Each case's row, in case order; pos: where each journal's read is (a
 * seek only when the next row is elsewhere, so the buffer is kept). */
static int copy_rows(FILE *out, const row_index *x, FILE **in, long *pos, size_t n)
{
    char line[DC_JOURNAL_ROW_MAX];
    for (size_t i = 0; i < n; i++) {
        int k = x->file[i] - 1;
        if (k < 0 || (pos[k] != x->offset[i] && fseek(in[k], x->offset[i], SEEK_SET))) return -1;
        if (!fgets(line, sizeof line, in[k]) || fputs(line, out) == EOF) return -1;
        pos[k] = x->offset[i] + (long)strlen(line);
    }
    return 0;
}

static int write_csv(const char *dir, const row_index *x, FILE **in, long *pos, size_t n,
                     void (*header)(FILE *, const void *), const void *ctx)
{
    char path[2048], tmp[2048];
    snprintf(tmp, sizeof tmp, "%s/.sweep.csv.%ld", dir, (long)getpid());
    snprintf(path, sizeof path, "%s/sweep.csv", dir);
    FILE *out = fopen(tmp, "w");
    if (!out) return -1;
    header(out, ctx);
    int rc = copy_rows(out, x, in, pos, n);
    if (fclose(out)) rc = -1;
    if (rc == 0 && rename(tmp, path)) rc = -1;
    if (rc) unlink(tmp);
    return rc;
}

int dc_journal_merge(const char *dir, const char *tag, const dc_journal_rows *rows,
                     void (*header)(FILE *, const void *), const void *ctx)
{
    size_t n = rows->n;
    char (*names)[64] = malloc(MAX_JOURNALS * sizeof *names), path[2048];
    int count = names ? list_journals(dir, names, MAX_JOURNALS) : -1, rc = count > 0 ? 0 : -1;
    row_index x = {calloc(n + 1, sizeof *x.file), calloc(n + 1, sizeof *x.offset), 0};
    FILE **in = calloc((size_t)(count > 0 ? count : 1), sizeof *in);
    long *pos = calloc((size_t)(count > 0 ? count : 1), sizeof *pos);
    if (!x.file || !x.offset || !in || !pos) rc = -1;
    for (int k = 0; rc == 0 && k < count; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        x.current = (unsigned short)(k + 1);
        if (read_rows(path, tag, rows, index_row, &x) < 0 || !(in[k] = fopen(path, "rb"))) rc = -1;
    }
    if (rc == 0) rc = write_csv(dir, &x, in, pos, n, header, ctx);
    for (int k = 0; in && k < count; k++)
        if (in[k]) fclose(in[k]);
    for (int k = 0; rc == 0 && k < count; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        unlink(path);
    }
    free(in), free(pos), free(x.file), free(x.offset), free(names);
    return rc;
}

size_t cli_csv_field(char *buf, size_t at, size_t len, const char *text, size_t most)
{
    size_t n = strlen(text);
    if (n > most)
        for (n = most; n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80; n--) continue;
    const char *end = text + n;
    if (at + 2 < len) buf[at++] = '"';
    for (; text < end && at + 3 < len; text++) {
        if (*text == '"') buf[at++] = '"';
        buf[at++] = (unsigned char)*text < 0x20 ? ' ' : *text;
    }
    if (at + 1 < len) buf[at++] = '"';
    buf[at] = '\0';
    return at;
}

/* Set: key k as "key=value" (dc_sweep_set), into set. */
static const char *set_text(const dc_sweep *w, size_t k, char *set, size_t len)
{
    const char *s = dc_sweep_set(w, k, set, len);
    return s ? s : "";
}

void cli_set_header(FILE *fp, const dc_sweep *w)
{
    char set[1024];
    for (size_t k = 0; k < dc_sweep_sets(w); k++) {
        const char *s = set_text(w, k, set, sizeof set);
        fprintf(fp, ",%.*s", (int)strcspn(s, "="), s);
    }
}

size_t cli_set_fields(const dc_sweep *w, char *buf, size_t at, size_t len)
{
    char set[1024];
    for (size_t k = 0; k < dc_sweep_sets(w) && at + 1 < len; k++) {
        const char *s = set_text(w, k, set, sizeof set), *eq = strchr(s, '=');
        buf[at++] = ',';
        at = cli_csv_field(buf, at, len, eq ? eq + 1 : "", 255);
    }
    return at;
}

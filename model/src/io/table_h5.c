/* A CSV table as one HDF5 compound dataset, read twice and written in
 * blocks, so memory does not grow with the rows: sweep.csv becomes
 * sweep.h5 for h5py and pandas (pd.DataFrame(f["cases"][()])). */
#include <errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fmt.h"
#include "utf8.h"
#include "writers.h"

/* LINE: longer than any row of sweep.csv (a sweep journal line is at most
 * 32 KiB: model/cli/cli_journal.h). */
enum { LINE = 65536, MAX_COLS = 256, BLOCK = 4096 };

typedef struct {
    int n, more;             /* more: fields beyond MAX_COLS were left unread */
    char *field[MAX_COLS];
} fields;

/* Splits one RFC 4180 line in place (quotes removed, doubled quotes
 * undone, the newline dropped). */
static void split(char *line, fields *f)
{
    f->n = f->more = 0;
    line[strcspn(line, "\r\n")] = '\0';
    char *r = line;
    for (;;) {
        if (f->n == MAX_COLS) {
            f->more = 1;
            break;
        }
        char *w = r;
        f->field[f->n++] = w;
        if (*r == '"') {
            for (r++; *r; r++) {
                if (*r == '"' && r[1] != '"') break;
                if (*r == '"') r++;
                *w++ = *r;
            }
            if (*r == '"') r++;
        } else {
            while (*r && *r != ',') *w++ = *r++;
        }
        int more = *r == ',';
        *w = '\0';
        if (!more) break;
        r++;
    }
}

static int is_number(const char *t, double *v)
{
    char *end;
    if (!*t) return *v = NAN, 1; /* an empty cell: a missing number */
    if (dc_parse_whole_fast(t, v)) return 1; /* most cells: strtod's value without strtod */
    errno = 0;
    *v = strtod(t, &end);
    return *end == '\0' && !errno;
}

typedef struct {
    int n_cols;
    char names[MAX_COLS][128];
    int text[MAX_COLS];      /* 1: a string column */
    int real[MAX_COLS];      /* 1: a number column with a non-integer or empty cell (else int64) */
    size_t width[MAX_COLS];  /* strings: longest + 1 */
    size_t offset[MAX_COLS], record;
    hsize_t rows;
} layout;

static int read_header(FILE *fp, layout *t, char *line)
{
    fields f;
    if (!fgets(line, LINE, fp)) return -1;
    char *h = line;
    h += dc_utf8_bom(h, strlen(h));
    split(h, &f);
    if (f.more) return -1;
    t->n_cols = f.n;
    for (int c = 0; c < f.n; c++) snprintf(t->names[c], sizeof t->names[c], "%s", f.field[c]);
    return 0;
}

/* Digits with an optional sign, short enough for an int64. */
static int is_integer(const char *t)
{
    const char *d = t + (*t == '-' || *t == '+');
    size_t n = strspn(d, "0123456789");
    return n > 0 && n <= 18 && d[n] == '\0';
}

/* First pass: rows, which columns hold text, and how wide; the line of
 * a row without the header's columns, or 0. */
static long scan(FILE *fp, layout *t, char *line)
{
    fields f;
    double v;
    for (int c = 0; c < t->n_cols; c++) t->width[c] = 1;
    while (fgets(line, LINE, fp)) {
        split(line, &f);
        if (f.n != t->n_cols || f.more) return (long)t->rows + 2;
        for (int c = 0; c < f.n; c++) {
            size_t len = strlen(f.field[c]) + 1;
            if (len > t->width[c]) t->width[c] = len;
            if (!is_number(f.field[c], &v)) t->text[c] = 1;
            else if (!is_integer(f.field[c])) t->real[c] = 1;
        }
        t->rows++;
    }
    size_t at = 0;
    for (int c = 0; c < t->n_cols; c++) {
        t->offset[c] = at;
        at += t->text[c] ? t->width[c] : t->real[c] ? sizeof(double) : sizeof(long long);
    }
    t->record = at;
    return 0;
}

static hid_t compound(const layout *t)
{
    hid_t type = H5Tcreate(H5T_COMPOUND, t->record);
    for (int c = 0; type >= 0 && c < t->n_cols; c++) {
        hid_t member = t->real[c] ? H5T_NATIVE_DOUBLE : H5T_NATIVE_LLONG;
        if (t->text[c]) {
            member = H5Tcopy(H5T_C_S1);
            H5Tset_size(member, t->width[c]);
            H5Tset_cset(member, H5T_CSET_UTF8);
        }
        herr_t e = H5Tinsert(type, t->names[c], t->offset[c], member);
        if (t->text[c]) H5Tclose(member);
        if (e < 0) return H5Tclose(type), -1;
    }
    return type;
}

static void fill_record(const layout *t, const fields *f, char *rec)
{
    memset(rec, 0, t->record);
    for (int c = 0; c < t->n_cols; c++) {
        double v;
        long long k;
        if (t->text[c]) memcpy(rec + t->offset[c], f->field[c], strlen(f->field[c]));
        else if (t->real[c]) is_number(f->field[c], &v), memcpy(rec + t->offset[c], &v, sizeof v);
        else k = strtoll(f->field[c], NULL, 10), memcpy(rec + t->offset[c], &k, sizeof k);
    }
}

static int write_block(hid_t ds, hid_t type, hsize_t first, hsize_t count, const char *buf)
{
    hid_t file_space = H5Dget_space(ds), mem = H5Screate_simple(1, &count, NULL);
    int rc = H5Sselect_hyperslab(file_space, H5S_SELECT_SET, &first, NULL, &count, NULL) < 0 ||
             H5Dwrite(ds, type, mem, file_space, H5P_DEFAULT, buf) < 0 ? -1 : 0;
    H5Sclose(mem), H5Sclose(file_space);
    return rc;
}

/* Second pass: the records, BLOCK rows at a time. */
static int write_rows(FILE *fp, const layout *t, hid_t ds, hid_t type, char *line)
{
    char *buf = malloc(BLOCK * t->record);
    fields f;
    hsize_t done = 0, in_block = 0;
    int rc = buf ? 0 : -1;
    while (rc == 0 && fgets(line, LINE, fp)) {
        split(line, &f);
        fill_record(t, &f, buf + in_block * t->record);
        if (++in_block == BLOCK) rc = write_block(ds, type, done, in_block, buf), done += in_block, in_block = 0;
    }
    if (rc == 0 && in_block) rc = write_block(ds, type, done, in_block, buf);
    free(buf);
    return rc;
}

static int write_table(FILE *fp, layout *t, const char *path, const char *dataset, char *line)
{
    hid_t type = compound(t);
    hsize_t rows = t->rows;
    hid_t file = type < 0 ? -1 : H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t space = H5Screate_simple(1, &rows, NULL);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE); /* no times: the same table writes the same bytes */
    hid_t ds = file < 0 || dcpl < 0 || H5Pset_obj_track_times(dcpl, 0) < 0
                   ? -1
                   : H5Dcreate2(file, dataset, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    if (dcpl >= 0) H5Pclose(dcpl);
    int rc = ds < 0 ? -1 : 0;
    if (rc == 0 && fseek(fp, 0, SEEK_SET) == 0 && fgets(line, LINE, fp)) rc = write_rows(fp, t, ds, type, line);
    if (ds >= 0) H5Dclose(ds);
    H5Sclose(space);
    if (file >= 0 && H5Fclose(file) < 0) rc = -1;
    if (type >= 0) H5Tclose(type);
    return file < 0 ? -1 : rc;
}

dc_status dc_csv_table_to_h5(const char *csv, const char *h5, const char *dataset, dc_diag *diag)
{
    if (!csv || !h5 || !dataset) return DC_ERR_ARG;
    FILE *fp = fopen(csv, "rb");
    char *line = malloc(LINE), tmp[DC_PATH_MAX + 32];
    layout *t = calloc(1, sizeof *t);
    int rc = fp && line && t ? 0 : -1;
    long bad = 0;
    if (!fp) dc_diag_add(diag, csv, 0, 0, NULL, "%s", "cannot read the table");
    if (rc == 0 && read_header(fp, t, line)) {
        dc_diag_add(diag, csv, 1, 0, NULL, "%s", "not a table's header: empty, or more than 256 columns");
        rc = -2;
    } else if (rc == 0 && (bad = scan(fp, t, line))) {
        dc_diag_add(diag, csv, (int)bad, 0, NULL, "this row has not the header's %d columns", t->n_cols);
        rc = -2;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", h5, (long)getpid());
    H5E_auto2_t old_func;
    void *old_data;
    H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* errors come back as codes, not prints */
    if (rc == 0 && (write_table(fp, t, tmp, dataset, line) || rename(tmp, h5))) rc = -1;
    H5Eset_auto2(H5E_DEFAULT, old_func, old_data);
    if (rc) unlink(tmp);
    if (rc == -1 && fp) dc_diag_add(diag, h5, 0, 0, NULL, "%s", "cannot write (HDF5 or disk error)");
    if (fp) fclose(fp);
    free(line), free(t);
    return rc == 0 ? DC_OK : rc == -2 ? DC_ERR_ARG : DC_ERR_OUTPUT;
}

#include "yamltext.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "utf8.h"

enum { MAX_YAML_BYTES = 8 << 20 }; /* a scenario is a page of text; this bounds memory and time */

int dc_yaml_utf8(const char *path, const char *text, size_t len, dc_diag *diag)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        int n = dc_utf8_seq((const unsigned char *)text + i, len - i);
        if (n == 0) {
            dc_diag_add(diag, path, line, col, NULL,
                        "the file is not UTF-8 (Shift_JIS or cp932?): save it as UTF-8 and run again");
            return -1;
        }
        if (text[i] == '\n') line++, col = 0;
        col++;
        i += (size_t)n;
    }
    return 0;
}

char *dc_yaml_text(const char *path, const char *what, size_t *len, dc_diag *diag)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dc_diag_add(diag, path, 0, 0, NULL, "cannot open %s: %s", what, strerror(errno));
        return NULL;
    }
    struct stat st; /* the file's own size, when it has one, bounds the buffer */
    int folder = fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode);
    size_t want = !folder && S_ISREG(st.st_mode) && st.st_size < MAX_YAML_BYTES ? (size_t)st.st_size + 1
                                                                                : MAX_YAML_BYTES + 1;
    char *text = folder ? NULL : malloc(want + 1);
    *len = text ? fread(text, 1, want, fp) : 0;
    int bad = !text || ferror(fp);
    fclose(fp);
    if (folder) dc_diag_add(diag, path, 0, 0, NULL, "is a folder, not a %s", what);
    else if (!bad && *len > MAX_YAML_BYTES) dc_diag_add(diag, path, 0, 0, NULL, "larger than %d MiB: not a %s",
                                                         MAX_YAML_BYTES >> 20, what);
    else if (bad) dc_diag_add(diag, path, 0, 0, NULL, "cannot read %s", what);
    if (bad || *len > MAX_YAML_BYTES) {
        free(text);
        return NULL;
    }
    text[*len] = '\0';
    return text;
}

const char *dc_yaml_hint(const char *text, size_t len, size_t at)
{
    return at < len && text[at] == '\t' ? " (a tab: YAML indents with spaces only)" : "";
}

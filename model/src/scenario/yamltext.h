/* The text of a YAML file a user writes (a scenario, a sweep file). */
#ifndef DC_YAMLTEXT_H
#define DC_YAMLTEXT_H

#include <stddef.h>

#include "decarb.h"

/* The whole file, NUL-ended, *len its bytes; NULL with the reason in diag
 * (cannot open, a folder, too large). `what` names the kind of file. */
char *dc_yaml_text(const char *path, const char *what, size_t *len, dc_diag *diag);
/* 0 when text is UTF-8; else -1, said at its line and column (Japanese
 * editors save Shift_JIS by default). */
int dc_yaml_utf8(const char *path, const char *text, size_t len, dc_diag *diag);
/* A hint for a YAML syntax error at byte `at` of text: a tab there (YAML
 * indents with spaces; Notepad and Excel write tabs), else "". */
const char *dc_yaml_hint(const char *text, size_t len, size_t at);
#endif

/* Text in the console's tables: names are often Japanese, and a terminal
 * shows a kanji or kana two columns wide, so a column is padded by what
 * it shows, not by bytes, and a long name is cut between characters. */
#ifndef DC_CLI_TEXT_H
#define DC_CLI_TEXT_H

#include <stddef.h>

/* Columns a terminal gives the UTF-8 text s (a byte that is not UTF-8
 * counts one). */
int cli_columns(const char *s);
/* s cut to at most `width` columns, never inside a character, then
 * spaces up to `width`: the text of printf's %-W.Ws, by columns, into
 * out (len bytes). Returns out. */
const char *cli_cell(const char *s, int width, char *out, size_t len);
/* s whole, then spaces up to `width` columns: printf's %-Ws by columns
 * (a longer s pushes the row, as printf's would). Returns out. */
const char *cli_pad(const char *s, int width, char *out, size_t len);
#endif

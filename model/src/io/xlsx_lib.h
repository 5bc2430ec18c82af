/* libxlsxwriter, opened when the first workbook is written. Its shared
 * library needs libcrypto, and binding that at every start cost a run
 * 0.8 ms although only a run with a 先行地域 table writes a workbook. */
#ifndef DC_XLSX_LIB_H
#define DC_XLSX_LIB_H

#include <xlsxwriter.h>

/* Every libxlsxwriter function that application.xlsx calls. */
#define DC_XLSX_FUNCTIONS(X)                                                                                   \
    X(chart_add_series) X(chart_axis_set_major_unit) X(chart_axis_set_max) X(chart_axis_set_min)              \
    X(chart_axis_set_name) X(chart_axis_set_num_format) X(chart_series_set_categories)                        \
    X(chart_series_set_name_range) X(chart_series_set_values) X(chart_title_set_name) X(format_set_bold)      \
    X(format_set_num_format) X(lxw_datetime_to_excel_datetime) X(workbook_add_chart) X(workbook_add_format)    \
    X(workbook_add_worksheet) X(workbook_close) X(workbook_new_opt) X(worksheet_fit_to_pages)                  \
    X(worksheet_freeze_panes) X(worksheet_insert_chart) X(worksheet_insert_chart_opt) X(worksheet_set_column)  \
    X(worksheet_set_landscape) X(worksheet_write_number) X(worksheet_write_string)

/* Each function's pointer under its own name, typed from its declaration. */
typedef struct {
#define DC_XLSX_POINTER(name) __typeof__(name) *name;
    DC_XLSX_FUNCTIONS(DC_XLSX_POINTER)
#undef DC_XLSX_POINTER
} dc_xlsx_lib;

/* The library, opened and looked up once per process (any thread); NULL
 * when it cannot be, with errno set to ELIBACC. */
const dc_xlsx_lib *dc_xlsx_lib_open(void);
/* Why it could not be opened ("" when it was). */
const char *dc_xlsx_lib_error(void);
#endif

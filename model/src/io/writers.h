/* Output writers. Each reads finished results through the public API (the
 * result registry) and writes one file to an open temporary file (or
 * path, for HDF5); 0 on success. */
#ifndef DC_WRITERS_H
#define DC_WRITERS_H

#include <stdio.h>

#include "decarb.h"
#include "scenario.h"

int dc_write_hourly_csv(const dc_model *m, FILE *fp);
int dc_write_summary_csv(const dc_model *m, FILE *fp);
int dc_write_resources_csv(const dc_model *m, FILE *fp);
int dc_write_ghg_csv(const dc_ghg *g, FILE *fp);
int dc_write_resilience_csv(const dc_model *m, FILE *fp);
int dc_write_resolved_yaml(const dc_scenario *s, FILE *fp);
int dc_write_hdf5(const dc_model *m, const char *path);
int dc_write_xlsx(const dc_model *m, const dc_ghg *g, const char *path);
int dc_write_report_html(const dc_model *m, FILE *fp);
/* ISO 8601 start of step i, JST: "2030-04-01T00:00+09:00". */
void dc_format_time(const dc_model *m, size_t i, char *buf, size_t len);
/* Months of the run in order (fiscal: 4..12, 1..3) with their years; the count. */
int dc_axis_months(const dc_model *m, int months[12], int years[12]);
/* The Japanese name of a result quantity ("grid_import": 系統購入), or
 * the quantity itself. */
const char *dc_label_ja(const char *quantity);
/* 1 when CSV headers are to be Japanese (language: ja). */
int dc_csv_ja(const dc_model *m);
/* A text field in quotes, RFC 4180: a quote inside is written twice. */
void dc_csv_quoted(FILE *fp, const char *s);
int dc_write_netzero_csv(const dc_model *m, FILE *fp);
int dc_write_economics_csv(const dc_model *m, FILE *fp);
/* Excel reads UTF-8 only with this mark; Japanese names stay readable. */
#define DC_UTF8_BOM "\xEF\xBB\xBF"
#endif

/* How a 30-minute meter export is laid out (plain data, set by a
 * scenario's load, read by data/meter.c). */
#ifndef DC_METERFMT_H
#define DC_METERFMT_H

typedef enum { DC_PROFILE_PLAIN, DC_PROFILE_METER } dc_profile_kind;
typedef enum { DC_METER_SLOTS, DC_METER_DAYS } dc_meter_layout;
typedef enum { DC_STAMP_START, DC_STAMP_END } dc_meter_stamp;
typedef enum { DC_METER_KWH, DC_METER_KW } dc_meter_unit;
typedef enum { DC_ALIGN_WEEKDAY, DC_ALIGN_DATE } dc_meter_align;

typedef struct {
    int kind;              /* dc_profile_kind: plain = one value per step by position */
    int layout;            /* dc_meter_layout: a row per 30-minute slot, or a row per day with 48 slots */
    int stamp;             /* dc_meter_stamp: a slot is stamped by its start or its end */
    int unit;              /* dc_meter_unit: kWh per slot, or mean kW over it */
    int align;             /* dc_meter_align: onto the scenario's year by weekday and day type, or by date */
    char date_column[64];  /* header name or 1-based number of the date (or date-and-time) column */
    char time_column[64];  /* the time column, "" = in the date column (slots layout) */
    char value_column[64]; /* the value column (slots), or the first of 48 (days) */
} dc_meter_format;

/* A hint for a profile whose length does not fit the scenario's year:
 * the usual causes are a 30-minute export, or a file of another year. */
static inline const char *dc_profile_length_hint(int n, int steps)
{
    if (n == 2 * steps || n == 2 * steps + 48 || n == 2 * steps - 48)
        return " (twice the steps: a 30-minute meter export? set profile_format: meter, or time.step_minutes: 30)";
    if (n * 2 == steps || n * 2 == steps + 48 || n * 2 == steps - 48)
        return " (half the steps: an hourly file on a 30-minute year? set profile_format: meter to spread it by date)";
    if (n == steps + 24 || n == steps - 24 || n == steps + 48 || n == steps - 48)
        return " (one day more or less: a file of a leap or common year? set profile_format: meter to align it by date)";
    return "";
}
#endif

/* Civil dates and Japanese national holidays (祝日法, as amended). */
#ifndef DC_CALENDAR_H
#define DC_CALENDAR_H

enum { DC_NOT_HOLIDAY = 0, DC_HOLIDAY = 1, DC_SUBSTITUTE = 2, DC_CITIZENS = 3 };

long dc_days_from_civil(int y, int m, int d);  /* days since 1970-01-01 */
void dc_civil_from_days(long z, int *y, int *m, int *d);
int dc_weekday(int y, int m, int d);           /* 0 = Sunday */
int dc_is_leap(int y);
int dc_days_in_month(int y, int m);
/* DC_HOLIDAY (国民の祝日), DC_SUBSTITUTE (振替休日), DC_CITIZENS (国民の休日)
 * or DC_NOT_HOLIDAY. Rules hold 1955-2099 (equinox formula range). */
int dc_jp_holiday(int y, int m, int d);
/* 1 on a weekend, a holiday or 29 December - 3 January (年末年始). */
int dc_is_offday(int y, int m, int d);

/* A published list of holidays (the Cabinet Office's syukujitsu.csv): for
 * the years it covers it replaces the rules, so that days added by law
 * count before the rules know them. */
typedef struct {
    long *days;            /* day numbers (dc_days_from_civil), ascending */
    int n;
    int first_year, last_year;
} dc_holidays;

/* As dc_jp_holiday, from the list in the years it covers (a listed day is
 * DC_HOLIDAY); h NULL or empty: the rules. */
int dc_holiday_in(const dc_holidays *h, int y, int m, int d);
int dc_is_offday_in(const dc_holidays *h, int y, int m, int d);
#endif

/* Reader of the JMA's hourly CSV downloads (過去の気象データ・ダウンロード). */
#ifndef DC_JMA_H
#define DC_JMA_H

#include "decarb.h"
#include "weather.h"

typedef enum { DC_JMA_FILL_NONE, DC_JMA_FILL_LINEAR } dc_jma_fill;

typedef struct {
    int quality[8], n_quality;  /* 品質情報 codes accepted (8 normal, 5 quasi-normal, ...) */
    int fill;                   /* dc_jma_fill: what to do with gaps */
} dc_jma_options;

/* Reads the file (UTF-8 or Shift_JIS) into hour-starting rows, JST; GHI
 * only (dni, dhi NaN), no location (NaN: the scenario gives it); a wind or
 * pressure hour the file lacks is NaN. Errors name file, line and element. */
dc_status dc_jma_read(const char *path, const dc_jma_options *opt, dc_weather_raw *out, dc_diag *diag);
#endif

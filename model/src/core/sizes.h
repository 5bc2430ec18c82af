/* Sizes of names and paths shared by every layer. */
#ifndef DC_SIZES_H
#define DC_SIZES_H

enum {
    DC_PATH_MAX = 1024,  /* a file path [bytes] */
    DC_NAME_CHARS = 63,  /* longest name of a scenario, site, array, load or resource [characters] */
    DC_NAME_MAX = 256,   /* its buffer: 63 characters of up to 4 bytes, and the NUL [bytes] */
    DC_NAMES_MAX = 2048  /* a list of names joined by commas [bytes] */
};
#endif

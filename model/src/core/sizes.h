/* Sizes of names and paths shared by every layer. */
#ifndef DC_SIZES_H
#define DC_SIZES_H

enum {
    DC_PATH_MAX = 1024,  /* a file path [bytes] */
    DC_NAME_MAX = 64,    /* a site, array, load or resource name, NUL included [bytes] */
    DC_NAMES_MAX = 2048  /* a list of names joined by commas [bytes] */
};
#endif

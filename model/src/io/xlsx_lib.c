#include "xlsx_lib.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The library's soname, read from the one the build found (Makefile). */
#ifndef DC_XLSX_SONAME
#define DC_XLSX_SONAME "libxlsxwriter.so.4"
#endif

static dc_xlsx_lib lib;
static int opened; /* 1: every function found */
static char why[512]; /* else why not */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A symbol into a function pointer: POSIX guarantees the two have one
 * representation, which ISO C does not let a cast say. */
static int find(void *handle, const char *name, void *fn, size_t size)
{
    void *sym = dlsym(handle, name);
    if (!sym || size != sizeof sym) return -1;
    memcpy(fn, &sym, size);
    return 0;
}

static void open_once(void)
{
    void *h = dlopen(DC_XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);
    const char *missing = NULL;
#define DC_XLSX_FIND(name) \
    if (h && !missing && find(h, #name, &lib.name, sizeof lib.name)) missing = #name;
    DC_XLSX_FUNCTIONS(DC_XLSX_FIND)
#undef DC_XLSX_FIND
    if (!h) snprintf(why, sizeof why, "%s (install Debian's libxlsxwriter package)", dlerror());
    else if (missing) snprintf(why, sizeof why, "%s has no %s", DC_XLSX_SONAME, missing);
    opened = h && !missing; /* the handle stays open for the process's life */
}

const dc_xlsx_lib *dc_xlsx_lib_open(void)
{
    pthread_once(&once, open_once);
    if (!opened) errno = ELIBACC;
    return opened ? &lib : NULL;
}

const char *dc_xlsx_lib_error(void)
{
    pthread_once(&once, open_once);
    return why;
}

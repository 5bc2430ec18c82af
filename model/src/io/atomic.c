#include "atomic.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int dc_afile_name(dc_afile *f, const char *dir, const char *name)
{
    f->fp = NULL;
    int a = snprintf(f->final, sizeof f->final, "%s/%s", dir, name);
    int b = snprintf(f->tmp, sizeof f->tmp, "%s/.%s.tmp.%ld", dir, name, (long)getpid());
    return a < 0 || b < 0 || (size_t)a >= sizeof f->final || (size_t)b >= sizeof f->tmp ? -1 : 0;
}

int dc_afile_open(dc_afile *f, const char *dir, const char *name)
{
    if (dc_afile_name(f, dir, name)) return -1;
    f->fp = fopen(f->tmp, "w");
    if (f->fp) setvbuf(f->fp, NULL, _IOFBF, 1 << 20); /* megabyte writes, not 4 KiB ones */
    return f->fp ? 0 : -1;
}

int dc_afile_close(dc_afile *f)
{
    if (!f->fp) return 0;
    int bad = ferror(f->fp);
    bad |= fclose(f->fp) != 0;
    f->fp = NULL;
    return bad ? -1 : 0;
}

void dc_afile_discard(dc_afile *f)
{
    if (f->fp) fclose(f->fp);
    f->fp = NULL;
    unlink(f->tmp);
}

int dc_afile_commit(dc_afile *f) { return rename(f->tmp, f->final); }

int dc_mkdirs(const char *dir)
{
    char path[DC_PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) return -1;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(path, 0777) && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(path, 0777) && errno != EEXIST ? -1 : 0;
}

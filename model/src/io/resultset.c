#define _GNU_SOURCE /* renameat2 */
#include "resultset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decarb.h"
#include "spread.h"

static const char MARKER[] = ".decarb"; /* in every set: decarb wrote this folder */

/* Tests stop the process at a named point (DECARB_CRASH_AT) to see that
 * the folder holds the old or the new set whatever moment a run dies. */
static void crash_point(const char *name)
{
    const char *at = getenv("DECARB_CRASH_AT");
    if (at && !strcmp(at, name)) raise(SIGKILL);
}

/* mkdir that accepts an existing folder, and only a folder. */
static int make_dir(const char *path)
{
    struct stat st;
    if (mkdir(path, 0777) == 0) return 0;
    if (errno != EEXIST) return -1;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    errno = ENOTDIR;
    return -1;
}

int dc_mkdirs(const char *dir)
{
    char path[DC_PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) return errno = ENAMETOOLONG, -1;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (make_dir(path)) return -1;
        *p = '/';
    }
    return make_dir(path);
}

/* One file of a set, unlinked on a thread of its own. */
typedef struct {
    int dir;
    char name[256];
} unlink_job;

static void *unlink_one(void *arg)
{
    unlink_job *j = arg;
    unlinkat(j->dir, j->name, 0);
    return NULL;
}

/* Remove a set: its files (links themselves, never their targets), then
 * the folder; a folder inside it is left, and so the set. */
static void remove_set(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return;
    /* The largest file goes on a thread of its own while this one removes
     * the rest: freeing a file's cached pages is most of a removal, and
     * results.h5 was half of it (an old set goes at every run). */
    unlink_job big = {dirfd(d), ""};
    off_t most = 0;
    struct stat st;
    for (struct dirent *e; (e = readdir(d));)
        if (fstatat(big.dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) && st.st_size > most &&
            strlen(e->d_name) < sizeof big.name)
            most = st.st_size, snprintf(big.name, sizeof big.name, "%s", e->d_name);
    pthread_t th;
    int apart = big.name[0] && dc_thread_start(&th, unlink_one, &big) == 0;
    rewinddir(d);
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !(apart && !strcmp(e->d_name, big.name)))
            unlinkat(big.dir, e->d_name, 0);
    if (apart) pthread_join(th, NULL);
    closedir(d);
    rmdir(path);
}

static int split(dc_resultset *r, const char *dir, char *err, size_t n)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') len--;
    if (len == 0) return snprintf(err, n, "the output folder is empty: give -o a folder name"), -1;
    if (len >= sizeof r->dir) return snprintf(err, n, "output folder path is too long"), -1;
    memcpy(r->dir, dir, len);
    r->dir[len] = '\0';
    const char *slash = strrchr(r->dir, '/');
    snprintf(r->base, sizeof r->base, "%s", slash ? slash + 1 : r->dir);
    if (!slash) snprintf(r->parent, sizeof r->parent, ".");
    else if (slash == r->dir) snprintf(r->parent, sizeof r->parent, "/");
    else snprintf(r->parent, sizeof r->parent, "%.*s", (int)(slash - r->dir), r->dir);
    if (!*r->base || !strcmp(r->base, ".") || !strcmp(r->base, ".."))
        return snprintf(err, n, "'%s' is not a folder decarb can replace: give it a name of its own", dir), -1;
    return 0;
}

/* The parent folder itself is the lock: no lock file to leave behind. */
static int lock(dc_resultset *r, char *err, size_t n)
{
    r->lock_fd = open(r->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (r->lock_fd < 0 || flock(r->lock_fd, LOCK_EX))
        return snprintf(err, n, "cannot lock %s: %s", r->parent, strerror(errno)), -1;
    return 0;
}

static int starts_with(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

/* Under the lock: sets of dead runs go; an old set cut loose between two
 * renames comes back when its folder is missing. */
static void clean_up(dc_resultset *r)
{
    char fresh[DC_PATH_MAX + 16], old[DC_PATH_MAX + 16], path[DC_PATH_MAX * 2 + 16];
    snprintf(fresh, sizeof fresh, ".%s.new.", r->base);
    snprintf(old, sizeof old, ".%s.old.", r->base);
    struct stat st;
    int missing = lstat(r->dir, &st) != 0 && errno == ENOENT;
    DIR *d = opendir(r->parent);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        if (!starts_with(e->d_name, fresh) && !starts_with(e->d_name, old)) continue;
        snprintf(path, sizeof path, "%s/%s", r->parent, e->d_name);
        if (missing && starts_with(e->d_name, old) && rename(path, r->dir) == 0) missing = 0;
        else remove_set(path);
    }
    closedir(d);
}

static int known_name(const char *name, const char *const *known)
{
    if (!strcmp(name, MARKER) || (name[0] == '.' && strstr(name, ".tmp."))) return 1; /* 0.1 leftovers too */
    for (int k = 0; known[k]; k++)
        if (!strcmp(name, known[k])) return 1;
    return 0;
}

/* A folder may be replaced when everything in it is decarb's. */
static int ours(const dc_resultset *r, const char *const *known, char *err, size_t n)
{
    struct stat st;
    if (lstat(r->dir, &st) != 0) return errno == ENOENT ? 0 : (snprintf(err, n, "%s: %s", r->dir, strerror(errno)), -1);
    if (!S_ISDIR(st.st_mode))
        return snprintf(err, n, "%s exists and is not a folder decarb wrote (a file or a link): choose another -o",
                        r->dir), -1;
    DIR *d = opendir(r->dir);
    if (!d) return snprintf(err, n, "%s: %s", r->dir, strerror(errno)), -1;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !known_name(e->d_name, known)) {
            snprintf(err, n, "%s holds '%s', which decarb did not write: move it, or choose another -o", r->dir,
                     e->d_name);
            rc = -1;
        }
    closedir(d);
    return rc;
}

static void unlock(dc_resultset *r)
{
    if (r->lock_fd >= 0) close(r->lock_fd);
    r->lock_fd = -1;
}

int dc_resultset_begin(dc_resultset *r, const char *dir, const char *const *known, char *err, size_t n)
{
    memset(r, 0, sizeof *r);
    r->lock_fd = -1;
    if (split(r, dir, err, n)) return -1;
    if (dc_mkdirs(r->parent)) return snprintf(err, n, "cannot create %s: %s", r->parent, strerror(errno)), -1;
    if (lock(r, err, n)) return unlock(r), -1;
    clean_up(r);
    if (ours(r, known, err, n)) return unlock(r), -1;
    snprintf(r->tmp, sizeof r->tmp, "%s/.%s.new.XXXXXX", r->parent, r->base);
    if (!mkdtemp(r->tmp)) {
        snprintf(err, n, "cannot create a folder in %s: %s", r->parent, strerror(errno));
        r->tmp[0] = '\0';
        return unlock(r), -1;
    }
    return 0;
}

int dc_resultset_path(const dc_resultset *r, const char *name, char *buf, size_t n)
{
    int len = snprintf(buf, n, "%s/%s", r->tmp, name);
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

FILE *dc_resultset_create(dc_resultset *r, const char *name, char *buf, size_t size)
{
    char path[3 * DC_PATH_MAX];
    if (dc_resultset_path(r, name, path, sizeof path)) return errno = ENAMETOOLONG, NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp && fd >= 0) close(fd);
    if (fp && buf) setvbuf(fp, buf, _IOFBF, size); /* glibc ignores a size without its buffer */
    return fp;
}

/* Old and new in one rename; without RENAME_EXCHANGE, old aside, then new
 * in (clean_up restores the old set if a run dies between the two). */
static int swap(dc_resultset *r, char *err, size_t n)
{
    struct stat st;
    if (lstat(r->dir, &st) != 0) return rename(r->tmp, r->dir) ? (snprintf(err, n, "cannot rename into %s: %s", r->dir, strerror(errno)), -1) : 0;
    if (!getenv("DECARB_NO_EXCHANGE") && renameat2(AT_FDCWD, r->tmp, AT_FDCWD, r->dir, RENAME_EXCHANGE) == 0) {
        crash_point("after-swap");
        remove_set(r->tmp); /* it holds the old set now */
        return 0;
    }
    char old[DC_PATH_MAX * 2 + 64];
    snprintf(old, sizeof old, "%s/.%s.old.%ld", r->parent, r->base, (long)getpid());
    if (rename(r->dir, old)) return snprintf(err, n, "cannot move %s aside: %s", r->dir, strerror(errno)), -1;
    crash_point("between-renames");
    if (rename(r->tmp, r->dir)) {
        snprintf(err, n, "cannot rename into %s: %s", r->dir, strerror(errno));
        rename(old, r->dir);
        return -1;
    }
    remove_set(old);
    return 0;
}

int dc_resultset_commit(dc_resultset *r, char *err, size_t n)
{
    FILE *mark = dc_resultset_create(r, MARKER, NULL, 0);
    int rc = !mark || fprintf(mark, "decarb %s result set\n", DC_VERSION) < 0;
    if (mark && fclose(mark)) rc = 1;
    if (rc || chmod(r->tmp, 0755)) {
        snprintf(err, n, "cannot write %s/%s: %s", r->tmp, MARKER, strerror(errno));
        dc_resultset_abort(r);
        return -1;
    }
    crash_point("before-swap");
    rc = swap(r, err, n);
    if (rc) remove_set(r->tmp);
    unlock(r);
    return rc;
}

void dc_resultset_abort(dc_resultset *r)
{
    if (r->tmp[0]) remove_set(r->tmp);
    r->tmp[0] = '\0';
    unlock(r);
}

/* A crew: threads started once that wait for work. After a piece of work
 * a thread looks for the next for a short while before it sleeps, as
 * OpenMP runtimes do: runs that follow each other (a sweep through the
 * library, a bench) then start at once, and a lone run pays one sleep. */
#include "crew.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "spread.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RELAX() _mm_pause()
#else
#define RELAX() ((void)0)
#endif

/* How long a member looks for new work, and the caller for the end of
 * the members' work, before sleeping [ns]. */
enum { MEMBER_SPIN_NS = 200000, CALLER_SPIN_NS = 50000 };

struct dc_crew {
    pthread_mutex_t lock;
    pthread_cond_t start, done;
    atomic_uint gen;     /* moves once per dc_crew_run, and to end the crew */
    atomic_int pending;  /* members still at the current work */
    atomic_int quit;
    void (*work)(void *);
    void *arg;
    int extra;
    pid_t pid; /* the process that started the threads: a forked child has none of them */
    pthread_t th[];
};

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* 1 when done(c, x) held within spin_ns of looking. */
static int spin_until(long long spin_ns, int (*done)(dc_crew *, unsigned), dc_crew *c, unsigned x)
{
    long long until = now_ns() + spin_ns;
    for (int k = 1;; k++) {
        if (done(c, x)) return 1;
        RELAX();
        if (k % 64 == 0 && now_ns() > until) return 0;
    }
}

static int moved(dc_crew *c, unsigned seen) { return atomic_load(&c->gen) != seen; }
static int finished(dc_crew *c, unsigned unused) { return (void)unused, atomic_load(&c->pending) == 0; }

static void *member(void *arg)
{
    dc_crew *c = arg;
    unsigned seen = 0;
    for (;;) {
        if (!spin_until(MEMBER_SPIN_NS, moved, c, seen)) {
            pthread_mutex_lock(&c->lock);
            while (!moved(c, seen)) pthread_cond_wait(&c->start, &c->lock);
            pthread_mutex_unlock(&c->lock);
        }
        seen = atomic_load(&c->gen);
        if (atomic_load(&c->quit)) return NULL;
        c->work(c->arg);
        if (atomic_fetch_sub(&c->pending, 1) == 1) {
            pthread_mutex_lock(&c->lock);
            pthread_cond_signal(&c->done);
            pthread_mutex_unlock(&c->lock);
        }
    }
}

dc_crew *dc_crew_create(int extra)
{
    if (extra < 1) return NULL;
    dc_crew *c = calloc(1, sizeof *c + (size_t)extra * sizeof c->th[0]);
    if (!c) return NULL;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->start, NULL);
    pthread_cond_init(&c->done, NULL);
    c->pid = getpid();
    while (c->extra < extra && dc_thread_start(&c->th[c->extra], member, c) == 0) c->extra++;
    if (c->extra == 0) dc_crew_destroy(&c); /* no thread: the caller works alone */
    return c;
}

int dc_crew_extra(const dc_crew *c) { return c ? c->extra : 0; }

void dc_crew_run(dc_crew *c, void (*work)(void *), void *arg)
{
    if (getpid() != c->pid) { /* after fork: the threads stayed with the parent */
        work(arg);
        return;
    }
    c->work = work;
    c->arg = arg;
    atomic_store(&c->pending, c->extra);
    pthread_mutex_lock(&c->lock); /* a member checks gen under the lock before it sleeps */
    atomic_fetch_add(&c->gen, 1);
    pthread_cond_broadcast(&c->start);
    pthread_mutex_unlock(&c->lock);
    work(arg);
    if (spin_until(CALLER_SPIN_NS, finished, c, 0)) return;
    pthread_mutex_lock(&c->lock);
    while (atomic_load(&c->pending) > 0) pthread_cond_wait(&c->done, &c->lock);
    pthread_mutex_unlock(&c->lock);
}

void dc_crew_destroy(dc_crew **pc)
{
    if (!pc || !*pc) return;
    dc_crew *c = *pc;
    if (getpid() != c->pid) { /* a forked child: no threads to end (its lock may be the parent's moment's) */
        free(c);
        *pc = NULL;
        return;
    }
    pthread_mutex_lock(&c->lock);
    atomic_store(&c->quit, 1);
    atomic_fetch_add(&c->gen, 1);
    pthread_cond_broadcast(&c->start);
    pthread_mutex_unlock(&c->lock);
    for (int k = 0; k < c->extra; k++) pthread_join(c->th[k], NULL);
    pthread_cond_destroy(&c->start);
    pthread_cond_destroy(&c->done);
    pthread_mutex_destroy(&c->lock);
    free(c);
    *pc = NULL;
}

#define _GNU_SOURCE /* sched_getcpu, CPU sets, pthread_attr_setaffinity_np */
#include "spread.h"

#include <sched.h>
#include <stdlib.h>

typedef struct {
    void *(*fn)(void *);
    void *arg;
    cpu_set_t all; /* the CPUs the process may use */
    int pinned;
} start;

static void *begin(void *p)
{
    start s = *(start *)p;
    free(p);
    if (s.pinned) pthread_setaffinity_np(pthread_self(), sizeof s.all, &s.all); /* placed: free to move again */
    return s.fn(s.arg);
}

int dc_thread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
    start *s = malloc(sizeof *s);
    if (!s) return pthread_create(th, NULL, fn, arg);
    *s = (start){fn, arg, {{0}}, 0};
    pthread_attr_t attr;
    if (pthread_attr_init(&attr)) {
        free(s);
        return pthread_create(th, NULL, fn, arg);
    }
    int cpu = sched_getcpu();
    if (cpu >= 0 && sched_getaffinity(0, sizeof s->all, &s->all) == 0 && CPU_COUNT(&s->all) > 1 &&
        CPU_ISSET(cpu, &s->all)) {
        cpu_set_t others = s->all;
        CPU_CLR(cpu, &others);
        s->pinned = pthread_attr_setaffinity_np(&attr, sizeof others, &others) == 0;
    }
    int rc = pthread_create(th, &attr, begin, s);
    pthread_attr_destroy(&attr);
    if (rc && s->pinned) { /* the CPUs changed under it (a cpuset): started as anywhere */
        s->pinned = 0;
        rc = pthread_create(th, NULL, begin, s);
    }
    if (rc) free(s);
    return rc;
}

/* Threads that stay for a model's life, so that a run of its buses side
 * by side does not start and join threads each time (on this machine that
 * took 0.04-0.09 ms of a 0.7 ms year). */
#ifndef DC_CREW_H
#define DC_CREW_H

typedef struct dc_crew dc_crew;

/* A crew of `extra` threads besides the caller's; NULL when none could be
 * started (the caller then does the work alone). */
dc_crew *dc_crew_create(int extra);
/* The number of threads besides the caller's. */
int dc_crew_extra(const dc_crew *c);
/* work(arg) on every thread of the crew and on the caller's; returns when
 * all are done. One call at a time. In a process forked after the crew
 * started, its threads are not there: work(arg) runs on the caller alone
 * (so work must take its share from a queue, not assume a thread count). */
void dc_crew_run(dc_crew *c, void (*work)(void *), void *arg);
/* Ends the threads and frees the crew; NULL is fine. */
void dc_crew_destroy(dc_crew **c);
#endif

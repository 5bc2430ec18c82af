/* Helper threads started where they can run at once. */
#ifndef DC_SPREAD_H
#define DC_SPREAD_H
#include <pthread.h>

/* pthread_create(th, NULL, fn, arg), the thread started on another CPU
 * than the caller's when the process may use one, and free to move once
 * it runs. Linux places a new thread on its creator's CPU; while the
 * creator keeps working (a thread started to share its work) the new one
 * waited up to milliseconds for the scheduler to move one of them. */
int dc_thread_start(pthread_t *th, void *(*fn)(void *), void *arg);
#endif

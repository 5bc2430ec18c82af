/* Processes of a sweep: MPI ranks when built with `make MPI=1` and
 * started by mpirun, else one process (rank 0 of 1). */
#ifndef DC_CLI_RANKS_H
#define DC_CLI_RANKS_H

typedef struct {
    int rank, size;
} dc_ranks;

dc_ranks dc_ranks_start(void);
/* Every rank's flag, combined: 1 when any rank's is non-zero. Also a
 * barrier: no rank returns before all have called it. */
int dc_ranks_any(const dc_ranks *r, int flag);
/* Rank 0's value, on every rank. */
int dc_ranks_from_first(const dc_ranks *r, int value);
void dc_ranks_finish(const dc_ranks *r);
#endif

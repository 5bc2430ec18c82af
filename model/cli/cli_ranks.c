#include "cli_ranks.h"

#ifdef DC_MPI
#include <mpi.h>

/* Worker threads never call MPI: FUNNELED is enough. */
dc_ranks dc_ranks_start(void)
{
    dc_ranks r = {0, 1};
    int provided;
    MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &r.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &r.size);
    return r;
}

int dc_ranks_any(const dc_ranks *r, int flag)
{
    (void)r;
    int mine = flag != 0, any = 0;
    MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return any;
}

int dc_ranks_from_first(const dc_ranks *r, int value)
{
    (void)r;
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value;
}

void dc_ranks_finish(const dc_ranks *r)
{
    (void)r;
    MPI_Finalize();
}
#else
dc_ranks dc_ranks_start(void) { return (dc_ranks){0, 1}; }
int dc_ranks_any(const dc_ranks *r, int flag) { return (void)r, flag != 0; }
int dc_ranks_from_first(const dc_ranks *r, int value) { return (void)r, value; }
void dc_ranks_finish(const dc_ranks *r) { (void)r; }
#endif

#ifndef DC_SPA_TABLES_H
#define DC_SPA_TABLES_H

typedef struct { double a, b, c; } spa_term; /* A cos(B + C x) */
typedef struct { int y[5]; double a, b, c, d; } spa_nutation_term;

extern const spa_term spa_L0[64];
extern const spa_term spa_L1[34];
extern const spa_term spa_L2[20];
extern const spa_term spa_L3[7];
extern const spa_term spa_L4[3];
extern const spa_term spa_L5[1];
extern const spa_term spa_B0[5];
extern const spa_term spa_B1[2];
extern const spa_term spa_R0[40];
extern const spa_term spa_R1[10];
extern const spa_term spa_R2[6];
extern const spa_term spa_R3[2];
extern const spa_term spa_R4[1];
extern const spa_nutation_term spa_nutation[63];
#define SPA_N_NUTATION 63

#endif

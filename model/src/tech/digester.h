/* Biogas from a digester's feedstocks: wet tonnes x total solids x
 * volatile solids x methane yield, and the biogas that carries it. */
#ifndef DC_DIGESTER_H
#define DC_DIGESTER_H

typedef struct {
    double ts, vs;          /* total solids [fraction of wet], volatile solids [fraction of TS] */
    double yield;           /* [Nm3 CH4 per kg VS] */
    double methane;         /* share of the biogas [fraction] */
} dc_feed;

/* Methane [Nm3] from t wet tonnes. */
double dc_feed_methane_nm3(const dc_feed *f, double tonnes);
/* Biogas [Nm3] carrying that methane. */
double dc_feed_biogas_nm3(const dc_feed *f, double tonnes);
#endif

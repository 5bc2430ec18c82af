#include "digester.h"

double dc_feed_methane_nm3(const dc_feed *f, double tonnes) { return tonnes * 1000.0 * f->ts * f->vs * f->yield; }

double dc_feed_biogas_nm3(const dc_feed *f, double tonnes)
{
    return f->methane > 0 ? dc_feed_methane_nm3(f, tonnes) / f->methane : 0.0;
}

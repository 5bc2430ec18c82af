/* Municipal CO2 by region-based allocation: the sample data set against
 * hand calculations from its source numbers, a toy prefecture that must
 * add up, bottom-up facilities, the waste survey, the カルテ, units, the
 * CSV reader and data errors. */
#include "helpers.h"

#include <math.h>

#include "csv.h"
#include "elec_factors.h"
#include "ghg.h"
#include "ghgdata.h"

#define SAMPLE "inputs/ghg/sample"
#define C2 (44.0 / 12.0)

static const dc_ghg_paths SAMPLE_PATHS = {"inputs/ghg/methods.csv", "inputs/ghg/factors.csv", SAMPLE "/emissions.csv",
                                          SAMPLE "/indicators.csv", "", SAMPLE "/waste.csv", "inputs/ghg/targets.csv",
                                          ""};

static const dc_ghg_result *find(const dc_ghg_data *g, const dc_ghg_table *t, int year, const char *sector,
                                 const char *method)
{
    for (int k = 0; k < t->n; k++) {
        const dc_ghg_rule *r = &g->rules[t->rows[k].rule];
        if (t->rows[k].year == year && !t->rows[k].scenario && !strcmp(r->sector, sector) &&
            !strcmp(dc_ghg_method_names[r->method], method))
            return &t->rows[k];
    }
    fail_msg("no row %d %s %s", year, sector, method);
    return NULL;
}

static void compute_diag(const dc_ghg_paths *p, const char *muni, const int *years, int n, dc_ghg_data *g,
                         dc_ghg_table *t, dc_diag *d)
{
    dc_status st = dc_ghg_read(p, g, d);
    if (st != DC_OK) print_diag(d);
    assert_int_equal(st, DC_OK);
    int rc = dc_ghg_compute(g, g->rules, g->n_rules, muni, years, n, t, d);
    if (rc) print_diag(d);
    assert_int_equal(rc, 0);
}

static void compute(const dc_ghg_paths *p, const char *muni, const int *years, int n, dc_ghg_data *g,
                    dc_ghg_table *t)
{
    dc_diag *d = dc_diag_create();
    compute_diag(p, muni, years, n, g, t, d);
    dc_diag_destroy(&d);
}

static void done(dc_ghg_data *g, dc_ghg_table *t)
{
    dc_ghg_table_free(t);
    dc_ghg_data_free(g);
}

typedef struct {
    const char *sector, *method;
    double expect;
} hand;

static void check_hand(const dc_ghg_data *g, const dc_ghg_table *t, int year, const hand *h, int n)
{
    for (int k = 0; k < n; k++) {
        double got = find(g, t, year, h[k].sector, h[k].method)->total_t;
        if (fabs(got - h[k].expect) > 1e-6 * fmax(1.0, h[k].expect))
            fail_msg("%s %s: %.6f, hand calculation %.6f", h[k].sector, h[k].method, got, h[k].expect);
    }
}

/* 一般廃棄物 of the sample's shared plant: wet tonnes x (1 - moisture) x
 * (plastic x 2.77 + textile x 2.29) x the town's share. */
#define WASTE_2013(share) (26000 * (1 - 0.45) * (0.200 * 2.77 + 0.028 * 2.29) * (share))

/* FY2013, from inputs/ghg/sample (carbon t-C; indicators) and factors.csv. */
static void sample_matches_hand_calculation(void **state)
{
    (void)state;
    dc_ghg_data g;
    dc_ghg_table t;
    int years[] = {2013};
    compute(&SAMPLE_PATHS, "99201", years, 1, &g, &t);
    const hand city[] = {
        {"manufacturing", "prefectural", 4000000.0 * 3.0e7 / 1.1e9 * C2},
        /* by industry: food, chemicals (X = 0), steel (0), machinery, other */
        {"manufacturing", "national_by_industry",
         (6000000.0 * 1.2e7 / 3.5e9 + 0 + 0 + 10000000.0 * 1.0e7 / 1.3e10 + 32000000.0 * 0.8e7 / 7.7e9) * C2},
        {"construction_mining", "prefectural", 80000.0 * 2400 / 130000 * C2},
        {"construction_mining", "national", 3000000.0 * 2400 / 5000000 * C2},
        {"agriculture", "prefectural", 150000.0 * 420 / 12000 * C2},
        {"agriculture", "national", 4000000.0 * 420 / 350000 * C2},
        {"commercial", "prefectural", 900000.0 * 18000 / 1000000 * C2},
        {"commercial", "national", 65000000.0 * 18000 / 40000000 * C2},
        {"household", "prefectural", 850000.0 * 20000 / 1150000 * C2},
        {"household", "national", 56000000.0 * 20000 / 55000000 * C2},
        {"road_passenger", "national", 36000000.0 * 42000 / 61000000 * C2},
        {"road_passenger", "prefectural", 1100000.0 * 42000 / 1900000 * C2},
        {"road_freight", "national", 22000000.0 * 9000 / 16000000 * C2},
        {"road_freight", "prefectural", 700000.0 * 9000 / 500000 * C2},
        {"rail", "national", 2300000.0 * 50000 / 127000000 * C2},
        {"shipping", "national", 0.0},
        {"waste", "incineration", WASTE_2013(0.72)},
    };
    check_hand(&g, &t, 2013, city, sizeof city / sizeof city[0]);
    /* electricity part: household 450,000 t-C of 850,000 */
    assert_near(find(&g, &t, 2013, "household", "prefectural")->electricity_t, 450000.0 * 20000 / 1150000 * C2, 1e-6);
    assert_non_null(strstr(find(&g, &t, 2013, "manufacturing", "national_by_industry")->note, "suppressed"));
    done(&g, &t);

    compute(&SAMPLE_PATHS, "99202", years, 1, &g, &t);
    const hand town[] = {
        {"manufacturing", "prefectural", 4000000.0 * 2.0e8 / 1.1e9 * C2},
        {"manufacturing", "national_by_industry",
         (6000000.0 * 2.0e7 / 3.5e9 + 16000000.0 * 1.5e8 / 4.0e9 + 0 + 10000000.0 * 2.0e7 / 1.3e10 +
          32000000.0 * 1.0e7 / 7.7e9) * C2},
        {"household", "prefectural", 850000.0 * 8000 / 1150000 * C2},
        {"commercial", "prefectural", 900000.0 * 7500 / 1000000 * C2},
        {"road_freight", "national", 22000000.0 * 5500 / 16000000 * C2},
        {"rail", "national", 2300000.0 * 19000 / 127000000 * C2},
        {"waste", "incineration", WASTE_2013(0.28)},
    };
    check_hand(&g, &t, 2013, town, sizeof town / sizeof town[0]);
    done(&g, &t);
}

/* FY2021 sample constants: carbon = FY2013 x 0.87, indicators x 1.03. */
#define PREF_MANUF_2021 3480000.0   /* t-C, prefecture 99 */
#define PREF_SHIP_2021 1.133e9      /* 万円 */
#define HEAVY_OIL(kl) ((kl) * 39.1 * 0.0189 * C2)
#define CITY_GAS(kNm3) ((kNm3) * 44.8 * 0.0136 * C2)

/* The steel works of 99202 reports 362,000 t-CO2 in FY2021 and holds
 * 1.25e8 of the town's 2.06e8 万円: its share out, its report in. */
static void facility_replaces_only_its_share(void **state)
{
    (void)state;
    dc_ghg_data g, gf;
    dc_ghg_table t, tf;
    dc_ghg_paths with = SAMPLE_PATHS;
    with.facilities = SAMPLE "/facilities.csv";
    int years[] = {2013, 2021};
    compute(&SAMPLE_PATHS, "99202", years, 2, &g, &t);
    compute(&with, "99202", years, 2, &gf, &tf);
    assert_int_equal(t.n, tf.n);
    double allocated = PREF_MANUF_2021 * 2.06e8 / PREF_SHIP_2021 * C2;
    const dc_ghg_result *m = find(&gf, &tf, 2021, "manufacturing", "prefectural");
    assert_near(m->allocated_t, allocated, 1e-6 * allocated);
    assert_near(m->removed_t, allocated * 1.25e8 / 2.06e8, 1e-6);
    assert_near(m->kept_t + m->removed_t, m->allocated_t, 1e-6);
    assert_near(m->total_t, allocated * (1 - 1.25e8 / 2.06e8) + 362000.0, 1e-3);
    assert_near(m->bottom_up_t, 362000.0, 1e-9);
    assert_string_equal(dc_ghg_basis_names[m->basis], "allocation + facilities");
    for (int k = 0; k < t.n; k++) { /* every other sector unchanged */
        const dc_ghg_rule *r = &g.rules[t.rows[k].rule];
        if (strcmp(r->sector, "manufacturing")) assert_true(t.rows[k].total_t == tf.rows[k].total_t);
    }
    /* Under 全国業種別按分法 the steel industry is suppressed (X = 0) in 99202,
     * so the works' share cannot come out of it: that comparison method is
     * "not available", and the chosen one still stands. */
    const dc_ghg_result *bi = find(&gf, &tf, 2021, "manufacturing", "national_by_industry");
    assert_int_equal(bi->available, 0);
    assert_true(isnan(bi->total_t));
    assert_non_null(strstr(bi->note, "more than the municipality's"));
    done(&g, &t);
    done(&gf, &tf);
}

static void path_in(char *buf, size_t len, const char *name) { snprintf(buf, len, "%s/%s", tmp, name); }

/* A facilities file in tmp with the given rows after the header. */
static void facilities(dc_ghg_paths *p, char *path, size_t len, const char *rows)
{
    char text[4096];
    snprintf(text, sizeof text,
             "facility,scope,municipality,year,sector,industry,co2_t,fuel,amount,electricity_kwh,supplier,menu,"
             "indicator_value\n%s", rows);
    path_in(path, len, "facilities.csv");
    write_text(path, text);
    *p = SAMPLE_PATHS;
    p->facilities = path;
}

/* A food factory in 99201 burning heavy oil and city gas (two rows), its
 * shipments given once, 8e6 of the town's 3.09e7 万円 in FY2021. */
#define FOOD_FACTORY "F,facility,99201,2021,manufacturing,food,,heavy_oil_a,1500,,,,8000000\n" \
                     "F,facility,99201,2021,manufacturing,food,,city_gas,460,,,,\n"

/* Its share comes out once; fuel alone is warned about. */
static void two_fuel_facility_removes_its_share_once(void **state)
{
    (void)state;
    dc_ghg_data g;
    dc_ghg_table t;
    dc_ghg_paths with;
    char path[128], want[256];
    facilities(&with, path, sizeof path, FOOD_FACTORY);
    int years[] = {2021};
    dc_diag *d = dc_diag_create();
    compute_diag(&with, "99201", years, 1, &g, &t, d);
    snprintf(want, sizeof want, "%s:2: warning: F: FY2021 gives fuel use but no purchased electricity", path);
    assert_true(diag_has(d, want));
    dc_diag_destroy(&d);
    const dc_ghg_result *m = find(&g, &t, 2021, "manufacturing", "prefectural");
    double alloc = PREF_MANUF_2021 * 3.09e7 / PREF_SHIP_2021 * C2, own = HEAVY_OIL(1500) + CITY_GAS(460);
    assert_near(m->total_t, alloc * (1 - 8.0e6 / 3.09e7) + own, 1e-6);
    assert_near(m->bottom_up_t, own, 1e-9);
    assert_string_equal(m->facilities, "F");
    done(&g, &t);
}

/* By industry, the food factory changes only the food industry's part:
 * nation food 5.22e6 t-C x 12.36e6 / 3.605e9 万円, of which 8e6 is its. */
static void by_industry_facility_touches_only_its_industry(void **state)
{
    (void)state;
    dc_ghg_data g, gf;
    dc_ghg_table t, tf;
    dc_ghg_paths with;
    char path[128];
    facilities(&with, path, sizeof path, FOOD_FACTORY);
    int years[] = {2021};
    compute(&SAMPLE_PATHS, "99201", years, 1, &g, &t);
    compute(&with, "99201", years, 1, &gf, &tf);
    double food = 5220000.0 * 12.36e6 / 3.605e9 * C2, own = HEAVY_OIL(1500) + CITY_GAS(460);
    double before = find(&g, &t, 2021, "manufacturing", "national_by_industry")->total_t;
    const dc_ghg_result *m = find(&gf, &tf, 2021, "manufacturing", "national_by_industry");
    assert_near(m->removed_t, food * 8.0e6 / 12.36e6, 1e-6);
    assert_near(m->total_t, before - food * 8.0e6 / 12.36e6 + own, 1e-6);
    done(&g, &t);
    done(&gf, &tf);
}

static void expect_error(const dc_ghg_paths *p, const char *muni, int year, const char *needle)
{
    dc_diag *d = dc_diag_create();
    dc_ghg_data g;
    dc_ghg_table t;
    int years[] = {year}, rc = dc_ghg_read(p, &g, d) != DC_OK;
    if (!rc) {
        rc = dc_ghg_compute(&g, g.rules, g.n_rules, muni, years, 1, &t, d) != 0;
        dc_ghg_data_free(&g);
    }
    assert_true(rc);
    if (!diag_has(d, needle)) {
        print_diag(d);
        fail_msg("expected '%s'", needle);
    }
    dc_diag_destroy(&d);
}

/* Every facility error names its row (and column where there is one). */
static void facility_errors_name_their_rows(void **state)
{
    (void)state;
    dc_ghg_paths p;
    char path[128], want[256];
    facilities(&p, path, sizeof path,
               "A,facility,99201,2021,manufacturing,food,,heavy_oil_a,10,,,,100\n"
               "A,facility,99201,2021,manufacturing,food,,city_gas,10,,,,200\n");
    snprintf(want, sizeof want, "%s:3:13: indicator_value: 200 differs from 100 on line 2 of the same facility 'A'",
             path);
    expect_error(&p, "99201", 2021, want);
    facilities(&p, path, sizeof path, "A,facility,99201,2021,manufacturing,food,5,heavy_oil_a,10,,,,100\n");
    snprintf(want, sizeof want, "%s:2:7: co2_t: give one of: co2_t", path);
    expect_error(&p, "99201", 2021, want);
    facilities(&p, path, sizeof path, "A,facility,99201,2021,manufacturing,food,500,,,,,,\n");
    snprintf(want, sizeof want, "%s:2:13: indicator_value: facility 'A' gives no indicator_value", path);
    expect_error(&p, "99201", 2021, want);
    facilities(&p, path, sizeof path,
               "A,facility,99201,2021,manufacturing,food,500,,,,,,20000000\n"
               "B,facility,99201,2021,manufacturing,food,500,,,,,,20000000\n");
    snprintf(want, sizeof want, "(lines 2, 3) hold 4e+07 of the indicator, more than the municipality's 3.09e+07");
    expect_error(&p, "99201", 2021, want);
    facilities(&p, path, sizeof path, "A,facility,99201,2021,manufacturing,food,,coal_tar,10,,,,100\n");
    snprintf(want, sizeof want, "%s:2:8: fuel: 'coal_tar' has no heat and carbon factor", path);
    expect_error(&p, "99201", 2021, want);
    /* Under a chosen 全国業種別按分法 a facility must name its industry. */
    char methods[128];
    path_in(methods, sizeof methods, "methods.csv");
    write_text(methods, "sector,sector_ja,method,indicator,chosen\nmanufacturing,製造業,national_by_industry,shipments,1\n");
    facilities(&p, path, sizeof path, "A,facility,99201,2021,manufacturing,,500,,,,,,100\n");
    p.methods = methods;
    snprintf(want, sizeof want, "%s:2:6: industry: facility 'A' names no industry", path);
    expect_error(&p, "99201", 2021, want);
}

/* Carbon given in t-CO2 (carbon_t_co2) gives the same CO2 as in t-C. */
static void carbon_in_t_co2_equals_t_c(void **state)
{
    (void)state;
    char path[128];
    path_in(path, sizeof path, "emissions.csv");
    dc_csv t;
    assert_int_equal(dc_csv_read(SAMPLE "/emissions.csv", &t, NULL), 0);
    FILE *fp = fopen(path, "w");
    fprintf(fp, "level,area_code,year,sector,industry,carbon_t_co2,electricity_carbon_t_co2\n");
    for (int r = 0; r < t.nrows; r++) {
        char **c = t.rows[r].cell;
        fprintf(fp, "%s,%s,%s,%s,%s,%.17g,", c[0], c[1], c[2], c[3], c[4], atof(c[5]) * C2);
        if (*c[6]) fprintf(fp, "%.17g", atof(c[6]) * C2);
        fprintf(fp, "\n");
    }
    fclose(fp);
    dc_csv_free(&t);
    dc_ghg_paths p = SAMPLE_PATHS;
    p.emissions = path;
    dc_ghg_data a, b;
    dc_ghg_table ta, tb;
    int years[] = {2013, 2021};
    compute(&SAMPLE_PATHS, "99201", years, 2, &a, &ta);
    compute(&p, "99201", years, 2, &b, &tb);
    assert_int_equal(ta.n, tb.n);
    for (int k = 0; k < ta.n; k++) {
        if (isnan(ta.rows[k].total_t)) continue;
        assert_near(tb.rows[k].total_t, ta.rows[k].total_t, 1e-9 * fmax(1, ta.rows[k].total_t));
        if (!isnan(ta.rows[k].electricity_t))
            assert_near(tb.rows[k].electricity_t, ta.rows[k].electricity_t, 1e-9 * fmax(1, ta.rows[k].electricity_t));
    }
    done(&a, &ta);
    done(&b, &tb);
    /* Both units at once, or neither, is an error. */
    write_text(path, "level,area_code,year,sector,industry,carbon_t_c,carbon_t_co2,electricity_carbon_t_c\n");
    expect_error(&p, "99201", 2013, "carbon_t_c: given twice, also as carbon_t_co2");
    write_text(path, "level,area_code,year,sector,industry,carbon,electricity_carbon_t_c\n");
    expect_error(&p, "99201", 2013, "carbon_t_c: missing column (or carbon_t_co2");
}

static void toy_files(const char *third_households)
{
    char path[128], text[2048];
    path_in(path, sizeof path, "methods.csv");
    write_text(path, "sector,sector_ja,method,indicator,chosen\n"
                     "household,家庭,prefectural,households,1\n"
                     "commercial,業務その他,prefectural,employees_commercial,1\n"
                     "commercial,業務その他,national,employees_commercial,0\n");
    path_in(path, sizeof path, "emissions.csv");
    write_text(path, "# toy prefecture 77\nlevel,area_code,year,sector,industry,carbon_t_c,electricity_carbon_t_c\n"
                     "prefecture,77,2013,household,,1000,400\nprefecture,77,2013,commercial,,2000,\n");
    path_in(path, sizeof path, "indicators.csv");
    snprintf(text, sizeof text,
             "level,area_code,year,indicator,industry,value,unit\n"
             "prefecture,77,2013,households,,100,世帯\nprefecture,77,2013,employees_commercial,,50,人\n"
             "municipality,77001,2013,households,,20,世帯\nmunicipality,77001,2013,employees_commercial,,10,人\n"
             "municipality,77002,2013,households,,30,世帯\nmunicipality,77002,2013,employees_commercial,,15,人\n"
             "municipality,77003,2013,households,,%s,世帯\nmunicipality,77003,2013,employees_commercial,,25,人\n",
             third_households);
    write_text(path, text);
}

static dc_ghg_paths toy_paths(char m[128], char e[128], char i[128])
{
    path_in(m, 128, "methods.csv");
    path_in(e, 128, "emissions.csv");
    path_in(i, 128, "indicators.csv");
    return (dc_ghg_paths){m, "inputs/ghg/factors.csv", e, i, "", "", "inputs/ghg/targets.csv", ""};
}

static double toy_sum(const char *sector, int *suppressed_notes, int *warnings)
{
    char m[128], e[128], i[128];
    dc_ghg_paths p = toy_paths(m, e, i);
    const char *munis[] = {"77001", "77002", "77003"};
    int years[] = {2013};
    double sum = 0;
    *suppressed_notes = *warnings = 0;
    for (int k = 0; k < 3; k++) {
        dc_ghg_data g;
        dc_ghg_table t;
        dc_diag *d = dc_diag_create();
        compute_diag(&p, munis[k], years, 1, &g, &t, d);
        const dc_ghg_result *r = find(&g, &t, 2013, sector, "prefectural");
        sum += r->total_t;
        *suppressed_notes += strstr(r->note, "suppressed") != NULL;
        char want[256];
        snprintf(want, sizeof want, "%s:8:6: warning: value: households of area 77003 in FY2013 is suppressed", i);
        *warnings += diag_has(d, want);
        /* the national comparison has no national data: not available, no error */
        const dc_ghg_result *n = find(&g, &t, 2013, "commercial", "national");
        assert_int_equal(n->available, 0);
        assert_non_null(strstr(n->note, "not available: no nation carbon"));
        done(&g, &t);
        dc_diag_destroy(&d);
    }
    return sum;
}

static void toy_prefecture_adds_up(void **state)
{
    (void)state;
    int notes, warnings;
    toy_files("50");
    assert_near(toy_sum("household", &notes, &warnings), 1000 * C2, 1e-9);
    assert_near(toy_sum("commercial", &notes, &warnings), 2000 * C2, 1e-9);
    assert_int_equal(notes, 0);
    /* A suppressed value counts as 0: the municipalities fall short of the
     * prefecture by the third's share, the row says so, and a warning with
     * file:row:column is printed on a run that succeeds. */
    toy_files("X");
    assert_near(toy_sum("household", &notes, &warnings), 1000 * C2 * 50 / 100, 1e-9);
    assert_int_equal(notes, 1);
    assert_int_equal(warnings, 1);
}

static void data_errors_name_file_row_column(void **state)
{
    (void)state;
    char m[128], e[128], i[128], want[256];
    dc_ghg_paths p = toy_paths(m, e, i);
    toy_files("");
    snprintf(want, sizeof want, "%s:8:6: value: missing value", i); /* 77003 households: line 8, column F */
    expect_error(&p, "77001", 2013, want);
    toy_files("abc");
    expect_error(&p, "77001", 2013, "value: 'abc' is not a number >= 0");
    toy_files("\"1,200\"");
    expect_error(&p, "77001", 2013, "value: '1,200' is not a number >= 0: write it without thousands separators");
    /* a part larger than its whole: a municipality above its prefecture */
    toy_files("150");
    snprintf(want, sizeof want, "%s:8:6: value: households of area 77003 in FY2013 is 150, above its prefecture's 100 (line 2)", i);
    expect_error(&p, "77001", 2013, want);
    /* every bad row of a file is reported, not only the first */
    write_text(i, "level,area_code,year,indicator,industry,value,unit\n"
                  "prefecture,77,2013,households,,abc,x\nprefecture,77,2013,households,,,x\n");
    snprintf(want, sizeof want, "%s:2:6: value: 'abc'", i);
    expect_error(&p, "77001", 2013, want);
    snprintf(want, sizeof want, "%s:3:6: value: missing value", i);
    expect_error(&p, "77001", 2013, want);
    toy_files("50");
    snprintf(want, sizeof want, "%s: area_code: municipality 77009 is not in the statistics", i);
    expect_error(&p, "77009", 2013, want);
    snprintf(want, sizeof want, "%s: year: no statistics for FY2019 (the file has: 2013)", e);
    expect_error(&p, "77001", 2019, want);
    /* a year far out of int's range is an error, not undefined behaviour */
    write_text(i, "level,area_code,year,indicator,industry,value,unit\nprefecture,77,1e18,households,,5,x\n");
    snprintf(want, sizeof want, "%s:2:3: year: '1e18' is not a fiscal year", i);
    expect_error(&p, "77001", 2013, want);
    toy_files("50");
    write_text(e, "level,area_code,year,sector,carbon_t_c,electricity_carbon_t_c\n");
    snprintf(want, sizeof want, "%s:1: industry: missing column", e);
    expect_error(&p, "77001", 2013, want);
}

/* The waste survey: a share above 1 is an error at its cell; a plant the
 * town does not share is counted whole. */
static void waste_survey(void **state)
{
    (void)state;
    char path[128], want[256];
    path_in(path, sizeof path, "waste.csv");
    dc_ghg_paths p = SAMPLE_PATHS;
    p.waste = path;
    write_text(path, "municipality,year,plant,incinerated_t,moisture,plastic_share_dry,textile_share_dry,town_share\n"
                     "99201,2013,own plant,1000,0.5,0.2,0.04,1\n99201,2013,\"組合, east\",2000,0.4,0.1,0.02,0.25\n");
    dc_ghg_data g;
    dc_ghg_table t;
    int years[] = {2013};
    compute(&p, "99201", years, 1, &g, &t);
    double by_hand = 1000 * 0.5 * (0.2 * 2.77 + 0.04 * 2.29) + 2000 * 0.6 * (0.1 * 2.77 + 0.02 * 2.29) * 0.25;
    const dc_ghg_result *w = find(&g, &t, 2013, "waste", "incineration");
    assert_near(w->total_t, by_hand, 1e-9);
    assert_non_null(strstr(w->note, "組合, east"));
    done(&g, &t);
    write_text(path, "municipality,year,plant,incinerated_t,moisture,plastic_share_dry,textile_share_dry,town_share\n"
                     "99201,2013,a,1000,0.5,0.2,0.04,1.2\n");
    snprintf(want, sizeof want, "%s:2:8: town_share: 1.2 is above 1: a share is a fraction", path);
    expect_error(&p, "99201", 2013, want);
    write_text(path, "municipality,year,plant,incinerated_t,moisture,plastic_share_dry,textile_share_dry,town_share\n"
                     "99201,2013,a,1000,45,0.2,0.04,1\n");
    snprintf(want, sizeof want, "%s:2:5: moisture: 45 is above 1", path);
    expect_error(&p, "99201", 2013, want);
    write_text(path, "municipality,year,plant,incinerated_t,moisture,plastic_share_dry,textile_share_dry,town_share\n"
                     "99201,2020,a,1000,0.45,0.2,0.04,1\n");
    snprintf(want, sizeof want, "%s: year: no incineration plant of municipality 99201 in FY2013", path);
    expect_error(&p, "99201", 2013, want);
}

/* 越生町's カルテ: every aggregate within the rounding of its parts; the
 * published FY2005 total (62) beside its sectors' sum (63). */
static void karte_reads_and_adds_up(void **state)
{
    (void)state;
    dc_ghg_paths p = {"inputs/ghg/methods.csv", "inputs/ghg/factors.csv", "", "", "", "", "inputs/ghg/targets.csv",
                      "tests/data/karte_ogose.csv"};
    dc_ghg_data g;
    dc_ghg_table t;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_ghg_read(&p, &g, d), DC_OK);
    int n, years[] = {2013, 2005};
    dc_ghg_rule *rules = dc_ghg_rules_with_karte(&g, &n);
    assert_int_equal(n, 10); /* the カルテ is the source: one chosen rule per sector */
    assert_int_equal(dc_ghg_compute(&g, rules, n, "11326", years, 2, &t, d), 0);
    assert_near(dc_ghg_year_total(rules, &t, 2013, 0), 63000, 1e-9);
    double pub, sum;
    assert_int_equal(dc_ghg_karte_sums(&g, 2013, &pub, &sum), 0);
    assert_near(pub, 63000, 1e-9); /* the published 合計 */
    assert_near(sum, (6 + 1 + 0 + 13 + 18 + 14 + 9 + 1 + 0 + 1) * 1000.0, 1e-9);
    assert_int_equal(dc_ghg_karte_sums(&g, 2005, &pub, &sum), 0);
    assert_near(pub, 62000, 1e-9);
    assert_near(sum, 63000, 1e-9); /* rounding, as the カルテ prints it */
    assert_near(g.karte_unit_t, 1000, 1e-12); /* printed to whole 千t */
    assert_int_equal(dc_ghg_karte_sums(&g, 2020, &pub, &sum), -1);
    for (int k = 0; k < t.n; k++)
        if (t.rows[k].year == 2005 && !strcmp(rules[t.rows[k].rule].sector, "road_passenger"))
            assert_near(t.rows[k].total_t, 16000, 1e-9);
    free(rules);
    done(&g, &t);
    dc_diag_destroy(&d);
    /* A sum off by more than rounding, a missing unit, an unknown row. */
    char path[128], want[256];
    path_in(path, sizeof path, "karte.csv");
    p.karte = path;
    write_text(path, "部門・分野 [千t-CO2],FY2013\n合計,70\n製造業,6\n建設業・鉱業,1\n農林水産業,0\n業務その他部門,13\n家庭部門,18\n"
                     "旅客,14\n貨物,9\n鉄道,1\n船舶,0\n一般廃棄物,1\n");
    snprintf(want, sizeof want, "%s:2:2: 合計 in FY2013 is 70, but its parts add up to 63", path);
    expect_error(&p, "11326", 2013, want);
    write_text(path, "部門・分野,2013\n製造業,6\n");
    snprintf(want, sizeof want, "%s:1:1: name the unit in the first header cell", path);
    expect_error(&p, "11326", 2013, want);
    write_text(path, "部門 [t-CO2],2013年度\n製造業,6\n家庭,1\n");
    snprintf(want, sizeof want, "%s:3:1: '家庭' is not a row of the カルテ's sector table", path);
    expect_error(&p, "11326", 2013, want);
}

/* RFC 4180: quoted commas, doubled quotes and newlines; a BOM; CRLF;
 * UTF-8 or Shift_JIS. */
static void csv_reader_follows_rfc4180(void **state)
{
    (void)state;
    char path[128];
    path_in(path, sizeof path, "t.csv");
    write_text(path, "\xEF\xBB\xBF# note\r\na,b,c\r\n1,\"x, \"\"y\"\"\r\nz\", 3 \r\n\r\n\"\",\"#\",last\n");
    dc_csv t;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_csv_read(path, &t, d), 0);
    assert_int_equal(t.ncols, 3);
    assert_string_equal(t.header[0], "a"); /* the BOM is not part of the name */
    assert_int_equal(t.nrows, 2);
    assert_string_equal(t.rows[0].cell[1], "x, \"y\"\r\nz");
    assert_string_equal(t.rows[0].cell[2], "3");
    assert_int_equal(t.rows[1].line, 6); /* lines count the newline inside the quotes */
    assert_string_equal(t.rows[1].cell[0], "");
    assert_string_equal(t.rows[1].cell[1], "#");
    dc_csv_free(&t);
    write_text(path, "a,b\n\x93\xfa,1\n"); /* 日 in Shift_JIS, as Japanese Excel saves "CSV" */
    assert_int_equal(dc_csv_read(path, &t, d), 0);
    assert_string_equal(t.rows[0].cell[0], "日");
    dc_csv_free(&t);
    struct {
        const char *text, *want;
    } bad[] = {
        {"a,b\n1,\"open\n2,3\n", ":2:2: a quoted field is never closed"},
        {"a,b\n1,\"x\"y\n", ":2:2: text after a closing quote"},
        {"a,b\n1,x\"y\n", ":2:2: a quote inside an unquoted field"},
        {"a,b\n1,2,3\n", ":2:3: 3 fields, but the header (line 1) names 2 columns"},
        {"a,a\n", ":1:2: a: named twice (also column 1)"},
        {"a,b\n\xfd\xfd,1\n", ": neither UTF-8 nor Shift_JIS (cp932) text"},
        {"\xFF\xFE" "a\0,\0", ":1:1: the file is UTF-16"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        FILE *fp = fopen(path, "wb");
        fwrite(bad[k].text, 1, k == 6 ? 6 : strlen(bad[k].text), fp);
        fclose(fp);
        char want[256];
        snprintf(want, sizeof want, "%s%s", path, bad[k].want);
        assert_int_equal(dc_csv_read(path, &t, d), -1);
        if (!diag_has(d, want)) {
            print_diag(d);
            fail_msg("case %zu: expected '%s'", k, want);
        }
    }
    dc_diag_destroy(&d);
}

/* Electricity factors: t-CO2/kWh as the Ministry's list prints, t-CO2/MWh
 * and kg-CO2/kWh give the same factor; a factor too small for its unit is
 * refused unless the menu is marked zero-emission. */
static void electricity_factor_units(void **state)
{
    (void)state;
    char path[128], want[256];
    path_in(path, sizeof path, "ef.csv");
    write_text(path, "fiscal_year,supplier,menu,basic,adjusted,unit,zero_emission,source\n"
                     "2021,A,,0.000441,0.000432,t-CO2/kWh,0,x\n2021,B,,0.441,0.432,t-CO2/MWh,0,x\n"
                     "2021,C,,0.441,0.432,kg-CO2/kWh,0,x\n2021,C,green,0.441,0.000,kg-CO2/kWh,1,x\n"
                     "2023,C,,0.400,0.390,kg-CO2/kWh,,x\n");
    dc_elec_table t;
    dc_diag *d = dc_diag_create();
    assert_int_equal(dc_elec_read(path, &t, d), DC_OK);
    int used;
    const char *names[] = {"A", "B", "C"};
    for (int k = 0; k < 3; k++) {
        assert_near(dc_elec_lookup(&t, names[k], "", 2021, DC_EF_BASIC, &used), 0.441, 1e-12);
        assert_near(dc_elec_lookup(&t, names[k], "", 2021, DC_EF_ADJUSTED, &used), 0.432, 1e-12);
    }
    assert_near(dc_elec_lookup(&t, "C", "green", 2021, DC_EF_ADJUSTED, &used), 0.0, 0);
    assert_near(dc_elec_lookup(&t, "C", "", 2030, DC_EF_BASIC, &used), 0.400, 1e-12); /* the latest before */
    assert_int_equal(used, 2023);
    assert_true(isnan(dc_elec_lookup(&t, "C", "", 2020, DC_EF_BASIC, &used)));
    assert_true(isnan(dc_elec_lookup(&t, "D", "", 2021, DC_EF_BASIC, &used)));
    dc_elec_free(&t);
    write_text(path, "fiscal_year,supplier,menu,basic,adjusted,unit,zero_emission,source\n"
                     "2021,A,,0.000441,0.000432,kg-CO2/kWh,0,x\n");
    assert_int_equal(dc_elec_read(path, &t, d), DC_ERR_STATISTICS);
    snprintf(want, sizeof want, "%s:2:4: basic: 0.000441 kg-CO2/kWh is 0.000441 kg-CO2/kWh, too low", path);
    assert_true(diag_has(d, want));
    write_text(path, "fiscal_year,supplier,menu,basic,adjusted,unit,zero_emission,source\n"
                     ",A,,0.441,0.432,kg-CO2/kWh,0,x\n2021,A,,0.441,0.432,kWh,0,x\n2021,A,,0.5,0.5,kg-CO2/kWh,0,x\n");
    assert_int_equal(dc_elec_read(path, &t, d), DC_ERR_STATISTICS);
    snprintf(want, sizeof want, "%s:2:1: fiscal_year: missing value", path); /* a factor without a year */
    assert_true(diag_has(d, want));
    snprintf(want, sizeof want, "%s:3:6: unit: 'kWh' is not a factor unit", path);
    assert_true(diag_has(d, want));
    dc_diag_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_matches_hand_calculation),
        cmocka_unit_test(facility_replaces_only_its_share),
        cmocka_unit_test_setup_teardown(two_fuel_facility_removes_its_share_once, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(by_industry_facility_touches_only_its_industry, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(facility_errors_name_their_rows, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(carbon_in_t_co2_equals_t_c, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(toy_prefecture_adds_up, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(data_errors_name_file_row_column, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(waste_survey, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(karte_reads_and_adds_up, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(csv_reader_follows_rfc4180, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(electricity_factor_units, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("ghg", tests, NULL, NULL);
}

#include "params.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

#define TOP(f) offsetof(dc_scenario, f)
#define TXT(f) sizeof(((dc_scenario *)0)->f)
#define SITE(f) offsetof(dc_site_item, f)
#define WIRE(f) offsetof(dc_wire_item, f)
#define PV(f) offsetof(dc_pv_item, f)
#define PVT(f) sizeof(((dc_pv_item *)0)->f)
#define LD(f) offsetof(dc_load_item, f)
#define LDT(f) sizeof(((dc_load_item *)0)->f)
#define MT(f) offsetof(dc_load_item, meter.f)
#define MTT(f) sizeof(((dc_load_item *)0)->meter.f)
#define BAT(f) offsetof(dc_battery_item, f)
#define BIO(f) offsetof(dc_biomass_item, f)
#define BIOT(f) sizeof(((dc_biomass_item *)0)->f)
#define GAS(f) offsetof(dc_biogas_item, f)
#define FEED(f) offsetof(dc_feedstock_item, f)
#define EV(f) offsetof(dc_ev_item, f)
#define EVT(f) sizeof(((dc_ev_item *)0)->f)
#define OUT(f) offsetof(dc_outage_item, f)
#define OUTT(f) sizeof(((dc_outage_item *)0)->f)

/* Every list item starts with its name; items with a site carry it next. */
_Static_assert(offsetof(dc_site_item, name) == 0 && offsetof(dc_wire_item, name) == 0 &&
                   offsetof(dc_pv_item, name) == 0 && offsetof(dc_load_item, name) == 0 &&
                   offsetof(dc_battery_item, name) == 0 && offsetof(dc_biomass_item, name) == 0 &&
                   offsetof(dc_biogas_item, name) == 0 && offsetof(dc_feedstock_item, name) == 0 &&
                   offsetof(dc_ev_item, name) == 0 && offsetof(dc_outage_item, name) == 0,
               "list items start with their name");
_Static_assert(offsetof(dc_pv_item, site) == DC_NAME_MAX && offsetof(dc_load_item, site) == DC_NAME_MAX &&
                   offsetof(dc_battery_item, site) == DC_NAME_MAX && offsetof(dc_biomass_item, site) == DC_NAME_MAX &&
                   offsetof(dc_biogas_item, site) == DC_NAME_MAX && offsetof(dc_ev_item, site) == DC_NAME_MAX,
               "resource items carry their site after the name");

const dc_section dc_sections[S_COUNT] = {
    [S_TOP] = {.name = "", .help = "top-level keys"},
    [S_WEATHER] = {.name = "weather", .help = "the weather file and how to read it"},
    [S_LOCATION] = {.name = "location", .help = "geographic location for the sun (alias: site)"},
    [S_GRID] = {.name = "grid", .help = "public grid: default connection limits and the emission factor"},
    [S_DISPATCH] = {.name = "dispatch", .help = "who covers a deficit and who takes a surplus, in order"},
    [S_GHG] = {.name = "ghg", .help = "municipal CO2 by region-based allocation"},
    [S_SITES] = {.name = "sites", .kind = "site", .item_size = sizeof(dc_site_item), .max_items = 4096,
                 .help = "meters: each building or group of customers with its own grid connection"},
    [S_WIRES] = {.name = "private_wires", .kind = "wire", .item_size = sizeof(dc_wire_item), .max_items = 256,
                 .help = "private wires (自営線): sites behind one point of connection"},
    [S_PV] = {.name = "pv_arrays", .kind = "pv", .item_size = sizeof(dc_pv_item), .max_items = 4096,
              .has_site = 1, .help = "PV arrays"},
    [S_LOADS] = {.name = "loads", .kind = "load", .item_size = sizeof(dc_load_item), .max_items = 4096,
                 .has_site = 1, .help = "electricity demands"},
    [S_BATTERIES] = {.name = "batteries", .kind = "battery", .item_size = sizeof(dc_battery_item),
                     .max_items = 1024, .has_site = 1, .dispatchable = 1, .help = "stationary batteries"},
    [S_BIOMASS] = {.name = "biomass_plants", .kind = "biomass", .item_size = sizeof(dc_biomass_item),
                   .max_items = 256, .has_site = 1, .dispatchable = 1,
                   .help = "woody biomass power plants (CHP with heat_efficiency_pct), fuelled by wood chips"},
    [S_BIOGAS] = {.name = "biogas_plants", .kind = "biogas", .item_size = sizeof(dc_biogas_item), .max_items = 256,
                  .has_site = 1, .dispatchable = 1, .help = "biogas digesters with a gas holder and an engine"},
    [S_FEEDSTOCKS] = {.name = "feedstocks", .kind = "feedstock", .item_size = sizeof(dc_feedstock_item),
                      .max_items = 1024, .help = "what each biogas plant digests, in wet tonnes a day"},
    [S_EVS] = {.name = "ev_fleets", .kind = "ev", .item_size = sizeof(dc_ev_item), .max_items = 1024, .has_site = 1,
               .dispatchable = 1, .help = "official EVs at a site: trips by day type, charging, V2B"},
    [S_OUTAGES] = {.name = "outages", .kind = "outage", .item_size = sizeof(dc_outage_item), .max_items = 256,
                   .help = "grid outages: only critical loads are served, each site islanded"},
    [S_RESILIENCE] = {.name = "resilience", .help = "how long critical loads last through an outage from any hour"},
    [S_LEADING] = {.name = "leading_area",
                   .help = "脱炭素先行地域: the target area's net-zero table for household and commercial electricity, "
                           "and the economics"},
};

const dc_section_alias dc_section_aliases[] = {
    {"site", S_LOCATION, NULL},     /* decarb 0.1 name of the location section */
    {"battery", S_BATTERIES, "battery"}, /* decarb 0.1 single battery */
};
const size_t dc_n_section_aliases = sizeof dc_section_aliases / sizeof dc_section_aliases[0];

static const char *const BASIS[] = {"calendar", "fiscal", NULL};
static const char *const DECOMP[] = {"auto", "erbs", NULL};
static const char *const WFORMAT[] = {"auto", "epw", "jma", NULL};
static const char *const FILL[] = {"none", "linear", NULL};
static const char *const SUBSTEPS[] = {"hold", "interpolate", NULL};
static const char *const LINK[] = {"off", "electricity", NULL};
static const char *const FACTOR_KIND[] = {"adjusted", "basic", NULL};
static const char *const LANGUAGE[] = {"auto", "ja", "en", NULL};
static const char *const MOUNTING[] = {"rooftop", "open_rack", "carport", "floating", NULL};
static const char *const TEMP[] = {"auto", "sapm", "faiman", NULL};
static const char *const DIFFUSE_IAM[] = {"marion", "equivalent_angle", NULL};
static const char *const TRANSP[] = {"perez", "haydavies", "isotropic", NULL};
static const char *const CONTRACT[] = {"onsite_ppa", "offsite_ppa", "owned", NULL};
static const char *const YEAR_END[] = {"free", "cyclic", NULL};
static const char *const PLANT_MODE[] = {"baseload", "follow", "schedule", NULL};
static const char *const WOOD[] = {"conifer", "broadleaf", NULL};
static const char *const GAS_RUN[] = {"always", "above_level", "hours", NULL};
static const char *const BOOL[] = {"false", "true", NULL};
static const char *const CHARGING[] = {"immediate", "smart", NULL};
static const char *const PROFILE_KIND[] = {"plain", "meter", NULL};
static const char *const METER_LAYOUT[] = {"slots", "days", NULL};
static const char *const METER_STAMP[] = {"start", "end", NULL};
static const char *const METER_UNIT[] = {"kwh", "kw", NULL};
static const char *const METER_ALIGN[] = {"weekday", "date", NULL};
static const char *const FEED_KIND[] = {"food_waste", "sewage_sludge", "cattle_manure", "starch_wastewater", "custom",
                                        NULL};
const char *const dc_sector_names[DC_N_SECTORS] = {
    [DC_SECTOR_HOUSEHOLD] = "household", [DC_SECTOR_COMMERCIAL] = "commercial",
    [DC_SECTOR_PUBLIC] = "public",       [DC_SECTOR_INDUSTRY] = "industry",
    [DC_SECTOR_EV_CHARGING] = "ev_charging", [DC_SECTOR_AGRICULTURE] = "agriculture",
};
static const char *const SECTOR[] = {"household", "commercial", "public", "industry", "ev_charging",
                                     "agriculture", NULL};
_Static_assert(sizeof SECTOR / sizeof SECTOR[0] == DC_N_SECTORS + 1, "one choice per sector");
const char *const dc_shape_names[] = {"auto", "household", "commercial", "public_office", "school",
                                      "industry", "ev_charging", "flat", "retail", NULL};
static const char *const CLOSED_DAYS[] = {"auto", "none", "obon", "school_vacation", NULL};

int dc_shape_for_sector(int sector)
{
    static const int by_sector[DC_N_SECTORS] = {
        [DC_SECTOR_HOUSEHOLD] = 1, [DC_SECTOR_COMMERCIAL] = 2, [DC_SECTOR_PUBLIC] = 3,
        [DC_SECTOR_INDUSTRY] = 5, [DC_SECTOR_EV_CHARGING] = 6, [DC_SECTOR_AGRICULTURE] = 7,
    };
    return sector >= 0 && sector < DC_N_SECTORS ? by_sector[sector] : 0;
}

/* Defaults name their source in the help text. */
const dc_param dc_params[] = {
    {.section = S_TOP, .key = "name", .type = P_TEXT, .offset = TOP(name), .size = TXT(name), .def_text = "",
     .max_count = DC_NAME_CHARS,
     .help = "scenario name, used for the output folder; default: the file name without .yaml"},
    {.section = S_TOP, .key = "year", .type = P_INTEGER, .offset = TOP(year), .def = 2030, .lo = 1955, .hi = 2099,
     .help = "year simulated: fiscal year (April start) or calendar year; 2030 = national target year"},
    {.section = S_TOP, .key = "year_basis", .type = P_CHOICE, .offset = TOP(fiscal), .def = 1, .choices = BASIS,
     .help = "fiscal (1 April - 31 March, Japanese municipal accounts) or calendar"},
    {.section = S_TOP, .key = "step_minutes", .type = P_INTEGER, .offset = TOP(step_minutes), .unit = "min",
     .def = 60, .lo = 1, .hi = 60, .help = "time step; must divide 60 (hourly weather held or interpolated within the hour: weather.substeps)"},
    {.section = S_TOP, .key = "holidays_file", .type = P_PATH, .offset = TOP(holidays_file),
     .size = TXT(holidays_file), .def_text = "",
     .help = "the Cabinet Office's holiday list (内閣府 syukujitsu.csv); for the years it covers it replaces the "
             "built-in 祝日法 rules, e.g. for days added by law; \"\" = the rules"},
    {.section = S_TOP, .key = "language", .type = P_CHOICE, .offset = TOP(language), .choices = LANGUAGE,
     .help = "labels: auto = Japanese application.xlsx and report.html, English CSV headers; ja = Japanese CSV "
             "headers too; en = English everywhere; decarb run --lang sets it"},
    {.section = S_TOP, .key = "obon", .type = P_TEXT, .offset = TOP(obon), .size = TXT(obon), .max_count = 40,
     .def_text = "08-13~08-16",
     .help = "お盆 as MM-DD~MM-DD: closed days of loads with closed_days obon (industry by default)"},
    {.section = S_TOP, .key = "school_vacations", .type = P_NAMES, .offset = TOP(school_vacations),
     .size = TXT(school_vacations), .def_text = "[]",
     .help = "school vacations as YYYY-MM-DD~YYYY-MM-DD, from your board of education (学校管理規則); none = "
             "ILLUSTRATIVE typical dates 07-21~08-31, 12-26~01-07, 03-25~04-05"},
    {.section = S_TOP, .key = "load_shapes_dir", .type = P_PATH, .offset = TOP(shapes_dir), .size = TXT(shapes_dir),
     .def_text = "", .help = "folder of load shape CSVs; default: the bundled inputs/load_shapes"},

    {.section = S_WEATHER, .key = "file", .type = P_PATH, .offset = TOP(weather_file), .size = TXT(weather_file),
     .flags = P_REQUIRED, .help = "weather file, relative to the scenario: EPW, or a JMA hourly CSV download"},
    {.section = S_WEATHER, .key = "format", .type = P_CHOICE, .offset = TOP(weather_format), .choices = WFORMAT,
     .help = "auto: from the file's first line; epw; jma (気象庁 過去の気象データ, UTF-8 or Shift_JIS)"},
    {.section = S_WEATHER, .key = "accept_quality", .type = P_INTLIST, .offset = TOP(accept_quality),
     .size = TOP(n_accept_quality), .def_text = "[8, 5]", .lo = 0, .hi = 8, .max_count = 8,
     .help = "JMA 品質情報 codes taken as data (8 normal, 5 quasi-normal, 4 insufficient, 2 questionable, 1 "
             "missing, 0 not observed); other hours are gaps"},
    {.section = S_WEATHER, .key = "fill", .type = P_CHOICE, .offset = TOP(weather_fill), .choices = FILL,
     .help = "none: a gap is an error (listed by date); linear: filled between the hours around it (warned)"},
    {.section = S_WEATHER, .key = "substeps", .type = P_CHOICE, .offset = TOP(substeps), .choices = SUBSTEPS,
     .help = "steps shorter than an hour: hold (each takes the hour's mean) or interpolate (linear between hours; "
             "irradiance then rescaled so each hour keeps its energy)"},
    {.section = S_WEATHER, .key = "decomposition", .type = P_CHOICE, .offset = TOP(decomposition), .choices = DECOMP,
     .help = "auto: the file's DNI/DHI, Erbs when absent; erbs: always split GHI by Erbs"},

    {.section = S_LOCATION, .key = "latitude_deg", .type = P_NUMBER, .offset = TOP(latitude_deg), .unit = "deg",
     .def = NAN, .lo = -90, .hi = 90, .flags = P_AUTO, .help = "north positive; auto = from the weather file"},
    {.section = S_LOCATION, .key = "longitude_deg", .type = P_NUMBER, .offset = TOP(longitude_deg), .unit = "deg",
     .def = NAN, .lo = -180, .hi = 180, .flags = P_AUTO, .help = "east positive; auto = from the weather file"},
    {.section = S_LOCATION, .key = "elevation_m", .type = P_NUMBER, .offset = TOP(elevation_m), .unit = "m",
     .def = NAN, .lo = -500, .hi = 9000, .flags = P_AUTO, .help = "above sea level; auto = from the weather file"},
    {.section = S_LOCATION, .key = "delta_t_s", .type = P_NUMBER, .offset = TOP(delta_t_s), .unit = "s", .def = NAN,
     .lo = -100, .hi = 300, .flags = P_AUTO,
     .help = "TT - UT for the solar position; auto = Espenak & Meeus (NASA 2006) polynomial"},

    {.section = S_GRID, .key = "import_limit_kw", .type = P_NUMBER, .offset = TOP(grid.import_limit_kw),
     .unit = "kW", .def = INFINITY, .lo = 0, .hi = 1e9, .flags = P_UNLIMITED,
     .help = "largest import of a connection unless its site or private wire says otherwise; unlimited by default"},
    {.section = S_GRID, .key = "export_limit_kw", .type = P_NUMBER, .offset = TOP(grid.export_limit_kw),
     .unit = "kW", .def = INFINITY, .lo = 0, .hi = 1e9, .flags = P_UNLIMITED,
     .help = "largest export of a connection unless its site or private wire says otherwise; "
             "0 = no reverse flow (逆潮流なし), as for most on-site PPA buildings"},
    {.section = S_GRID, .key = "emission_factor_kg_per_kwh", .type = P_NUMBER,
     .offset = TOP(grid.emission_factor_kg_per_kwh), .unit = "kg-CO2/kWh", .def = NAN, .lo = 0, .hi = 2,
     .flags = P_AUTO,
     .help = "CO2 of imported electricity (電気事業者別排出係数; t-CO2/kWh as the list prints is converted); "
             "auto = the supplier's factor from grid.factors_file"},
    {.section = S_GRID, .key = "supplier", .type = P_TEXT, .offset = TOP(grid.supplier), .size = TXT(grid.supplier),
     .def_text = "", .help = "retail supplier as named in the factors table; its factor for the scenario year "
                             "(or the latest year before it) prices imports unless a factor is given"},
    {.section = S_GRID, .key = "menu", .type = P_TEXT, .offset = TOP(grid.menu), .size = TXT(grid.menu),
     .def_text = "", .help = "the supplier's menu (メニューA, ...); empty = the supplier as a whole"},
    {.section = S_GRID, .key = "factor_kind", .type = P_CHOICE, .offset = TOP(grid.factor_kind), .def = 0,
     .choices = FACTOR_KIND,
     .help = "which factor the scenario reports: adjusted (調整後排出係数) or basic (基礎排出係数)"},
    {.section = S_GRID, .key = "factors_file", .type = P_PATH, .offset = TOP(grid.factors_file),
     .size = TXT(grid.factors_file), .def_text = "",
     .help = "electricity factors by fiscal year, supplier and menu; default: the bundled "
             "inputs/ghg/electricity_factors.csv"},

    {.section = S_DISPATCH, .key = "deficit_order", .type = P_NAMES, .offset = TOP(dispatch.deficit),
     .size = TXT(dispatch.deficit), .def_text = "[battery, grid]",
     .help = "who covers demand that PV cannot, in order: resource names, or a type (battery, grid) for "
             "every resource of that type at the site in file order"},
    {.section = S_DISPATCH, .key = "surplus_order", .type = P_NAMES, .offset = TOP(dispatch.surplus),
     .size = TXT(dispatch.surplus), .def_text = "[battery, grid]",
     .help = "who takes a PV surplus, in order (grid = export); the rest is curtailed"},

    {.section = S_GHG, .key = "statistics_dir", .type = P_PATH, .offset = TOP(ghg.statistics_dir),
     .size = TXT(ghg.statistics_dir), .def_text = "",
     .help = "folder with emissions.csv and indicators.csv (and waste.csv; see inputs/ghg/README.md); empty = "
             "none (a karte_file alone can be the source; neither = no GHG estimate)"},
    {.section = S_GHG, .key = "municipality", .type = P_TEXT, .offset = TOP(ghg.municipality),
     .size = TXT(ghg.municipality), .def_text = "",
     .help = "5-digit municipal code; its first two digits name the prefecture"},
    {.section = S_GHG, .key = "base_year", .type = P_INTEGER, .offset = TOP(ghg.base_year), .def = 2013,
     .lo = 1990, .hi = 2100, .help = "base fiscal year (FY2013, as the 地球温暖化対策計画 targets)"},
    {.section = S_GHG, .key = "years", .type = P_INTLIST, .offset = TOP(ghg.years), .size = TOP(ghg.n_years),
     .def_text = "[]", .lo = 1990, .hi = 2100, .max_count = DC_MAX_YEARS,
     .help = "further fiscal years of statistics to estimate, e.g. [2020, 2021]"},
    {.section = S_GHG, .key = "target_years", .type = P_INTLIST, .offset = TOP(ghg.target_years),
     .size = TOP(ghg.n_target_years), .def_text = "[]", .lo = 1990, .hi = 2100, .max_count = DC_MAX_YEARS,
     .help = "fiscal years of the municipality's own targets, e.g. [2030, 2050]"},
    {.section = S_GHG, .key = "target_reduction_pct", .type = P_NUMLIST, .offset = TOP(ghg.target_reduction_pct),
     .size = TOP(ghg.n_target_pct), .unit = "%", .def_text = "[]", .lo = 0, .hi = 100, .max_count = DC_MAX_YEARS,
     .help = "the municipality's targets below the base year, one per target_years entry; national targets "
             "come from ghg.targets_file"},
    {.section = S_GHG, .key = "statistics_factor_kg_per_kwh", .type = P_NUMBER,
     .offset = TOP(ghg.statistics_factor_kg_per_kwh), .unit = "kg-CO2/kWh", .def = NAN, .lo = 0, .hi = 2,
     .flags = P_AUTO,
     .help = "electricity factor the statistics' electricity carbon embeds (for the factor change of the "
             "scenario year); auto = grid.supplier's factor for the statistics year, if the table has it"},
    {.section = S_GHG, .key = "scenario_link", .type = P_CHOICE, .offset = TOP(ghg.scenario_link), .def = 1,
     .choices = LINK,
     .help = "electricity: the scenario year adds the project's effect on linked sectors (their loads' grid "
             "purchases with the project less without it, times each site's factor); off"},
    {.section = S_GHG, .key = "methods_file", .type = P_PATH, .offset = TOP(ghg.methods_file),
     .size = TXT(ghg.methods_file), .def_text = "",
     .help = "allocation rules per sector; default: the bundled inputs/ghg/methods.csv"},
    {.section = S_GHG, .key = "factors_file", .type = P_PATH, .offset = TOP(ghg.factors_file),
     .size = TXT(ghg.factors_file), .def_text = "",
     .help = "fuel heat and carbon factors (算定省令); default: the bundled inputs/ghg/factors.csv"},
    {.section = S_GHG, .key = "facilities_file", .type = P_PATH, .offset = TOP(ghg.facilities_file),
     .size = TXT(ghg.facilities_file), .def_text = "",
     .help = "bottom-up data: reported emissions, fuel or electricity use of large facilities, measured "
             "sector totals"},
    {.section = S_GHG, .key = "waste_file", .type = P_PATH, .offset = TOP(ghg.waste_file),
     .size = TXT(ghg.waste_file), .def_text = "",
     .help = "一般廃棄物処理実態調査 fields of the incineration plants; default: waste.csv in statistics_dir"},
    {.section = S_GHG, .key = "targets_file", .type = P_PATH, .offset = TOP(ghg.targets_file),
     .size = TXT(ghg.targets_file), .def_text = "",
     .help = "national targets by fiscal year; default: the bundled inputs/ghg/targets.csv"},
    {.section = S_GHG, .key = "karte_file", .type = P_PATH, .offset = TOP(ghg.karte_file),
     .size = TXT(ghg.karte_file), .def_text = "",
     .help = "the 自治体排出量カルテ sector table (千t-CO2 by sector and year): the source when there is no "
             "statistics_dir, else shown side by side"},

    {.section = S_SITES, .key = "name", .type = P_TEXT, .offset = SITE(name), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .flags = P_REQUIRED, .help = "site name (unique): a building, or customers behind one kind of meter"},
    {.section = S_SITES, .key = "contract", .type = P_TEXT, .offset = SITE(contract), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .def_text = "",
     .help = "contract kind, a label: low_voltage (低圧), high_voltage (高圧) and extra_high_voltage (特別高圧) "
             "must give import_limit_kw; generator (発電所) must give export_limit_kw"},
    {.section = S_SITES, .key = "import_limit_kw", .type = P_NUMBER, .offset = SITE(import_limit_kw), .unit = "kW",
     .def = NAN, .lo = 0, .hi = 1e9, .flags = P_AUTO | P_UNLIMITED,
     .help = "largest import at this meter (contracted demand or receiving capacity); auto = grid.import_limit_kw"},
    {.section = S_SITES, .key = "export_limit_kw", .type = P_NUMBER, .offset = SITE(export_limit_kw), .unit = "kW",
     .def = NAN, .lo = 0, .hi = 1e9, .flags = P_AUTO | P_UNLIMITED,
     .help = "largest export at this meter; 0 = no reverse flow (逆潮流なし); auto = grid.export_limit_kw"},
    {.section = S_SITES, .key = "supplier", .type = P_TEXT, .offset = SITE(supplier), .size = DC_NAME_MAX,
     .def_text = "", .help = "retail supplier of this meter; empty = grid.supplier"},
    {.section = S_SITES, .key = "menu", .type = P_TEXT, .offset = SITE(menu), .size = DC_NAME_MAX,
     .def_text = "", .help = "its menu; empty = grid.menu"},
    {.section = S_SITES, .key = "emission_factor_kg_per_kwh", .type = P_NUMBER,
     .offset = SITE(emission_factor_kg_per_kwh), .unit = "kg-CO2/kWh", .def = NAN, .lo = 0, .hi = 2,
     .flags = P_AUTO, .help = "CO2 of this meter's imports; auto = its supplier's factor, else the grid's"},
    {.section = S_SITES, .key = "area", .type = P_TEXT, .offset = SITE(area), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .def_text = "", .help = "area tag: leading_area.area counts the sites that carry it"},

    {.section = S_WIRES, .key = "name", .type = P_TEXT, .offset = WIRE(name), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .flags = P_REQUIRED, .help = "private wire name (unique)"},
    {.section = S_WIRES, .key = "sites", .type = P_NAMES, .offset = WIRE(sites), .size = DC_NAMES_MAX,
     .flags = P_REQUIRED, .help = "the sites it joins (two or more); they share one point of connection"},
    {.section = S_WIRES, .key = "contract", .type = P_TEXT, .offset = WIRE(contract), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .def_text = "", .help = "contract kind at the point of connection, a label (see sites[].contract)"},
    {.section = S_WIRES, .key = "import_limit_kw", .type = P_NUMBER, .offset = WIRE(import_limit_kw), .unit = "kW",
     .def = NAN, .lo = 0, .hi = 1e9, .flags = P_AUTO | P_UNLIMITED,
     .help = "largest import at the point of connection; auto = grid.import_limit_kw"},
    {.section = S_WIRES, .key = "export_limit_kw", .type = P_NUMBER, .offset = WIRE(export_limit_kw), .unit = "kW",
     .def = NAN, .lo = 0, .hi = 1e9, .flags = P_AUTO | P_UNLIMITED,
     .help = "largest export at the point of connection; auto = grid.export_limit_kw"},

    {.section = S_PV, .key = "name", .type = P_TEXT, .offset = PV(name), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS, .flags = P_REQUIRED,
     .help = "array name (unique among arrays)"},
    {.section = S_PV, .key = "site", .type = P_TEXT, .offset = PV(site), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS, .def_text = "",
     .help = "site whose meter the array is behind; may be left out when there is one site; an offsite_ppa "
             "array without a site is its own generating site"},
    {.section = S_PV, .key = "capacity_kw", .type = P_NUMBER, .offset = PV(pv.capacity_kw), .unit = "kW", .lo = 0,
     .hi = 1e7, .flags = P_REQUIRED, .help = "DC nameplate at STC (kWp)"},
    {.section = S_PV, .key = "tilt_deg", .type = P_NUMBER, .offset = PV(pv.tilt_deg), .unit = "deg", .def = 20,
     .lo = 0, .hi = 90, .help = "from horizontal (PVWatts v8 default 20)"},
    {.section = S_PV, .key = "azimuth_deg", .type = P_NUMBER, .offset = PV(pv.azimuth_deg), .unit = "deg",
     .def = 180, .lo = 0, .hi = 360, .help = "direction faced, clockwise from north: 90 east, 180 south, 270 west"},
    {.section = S_PV, .key = "mounting", .type = P_CHOICE, .offset = PV(pv.mounting), .choices = MOUNTING,
     .help = "thermal preset: rooftop, open_rack, carport or floating (pond)"},
    {.section = S_PV, .key = "temperature_model", .type = P_CHOICE, .offset = PV(pv.temp_model), .choices = TEMP,
     .help = "auto: SAPM on land; Faiman for floating arrays and whenever heat_loss or its coefficients are set"},
    {.section = S_PV, .key = "diffuse_iam", .type = P_CHOICE, .offset = PV(pv.diffuse_iam), .choices = DIFFUSE_IAM,
     .help = "incidence loss of sky and ground light: marion = integrated over the sky (Marion 2017, as pvlib); "
             "equivalent_angle = Brandemuehl & Beckman's one angle per tilt (decarb 0.1)"},
    {.section = S_PV, .key = "heat_loss", .type = P_CHOICE, .offset = PV(pv.heat_loss), .choices = dc_heat_loss_names,
     .help = "measured heat-loss set (PVsyst Uc, Uv): free_standing 29/0, semi_integrated 20/0, integrated 15/0 "
             "(PVsyst help); floating by structure, Doerenkaemper et al. 2021: float_closed_large_nl 25.2/3.7, "
             "float_open_tracking_nl 24.4/6.5, float_closed_large_sg 34.8/0.8, float_closed_medium_sg 18.9/8.9, "
             "float_open_sg 35.3/8.9; auto = by mounting (floating: float_closed_large_nl)"},
    {.section = S_PV, .key = "heat_loss_uc", .type = P_NUMBER, .offset = PV(pv.u_c), .unit = "W/m2K", .def = NAN,
     .lo = 1, .hi = 200, .flags = P_AUTO,
     .help = "constant heat-loss coefficient Uc (PVsyst form, absorptance 0.9, efficiency 0.1); auto = heat_loss's"},
    {.section = S_PV, .key = "heat_loss_uv", .type = P_NUMBER, .offset = PV(pv.u_v), .unit = "W s/m3K", .def = NAN,
     .lo = 0, .hi = 50, .flags = P_AUTO, .help = "wind heat-loss coefficient Uv (PVsyst form); auto = heat_loss's"},
    {.section = S_PV, .key = "transposition", .type = P_CHOICE, .offset = PV(pv.transposition), .choices = TRANSP,
     .help = "sky diffuse model: perez (1990), haydavies or isotropic"},
    {.section = S_PV, .key = "contract", .type = P_CHOICE, .offset = PV(contract), .choices = CONTRACT,
     .help = "onsite_ppa: the provider bills what its site uses; offsite_ppa: a generating site selling "
             "through the grid to its buyers; owned"},
    {.section = S_PV, .key = "buyers", .type = P_NAMES, .offset = PV(buyers), .size = PVT(buyers),
     .def_text = "[]", .help = "offsite_ppa: the sites that buy the output"},
    {.section = S_PV, .key = "buyer_shares_pct", .type = P_NUMLIST, .offset = PV(buyer_shares_pct),
     .size = PV(n_buyer_shares), .unit = "%", .def_text = "[]", .lo = 0, .hi = 100, .max_count = DC_MAX_BUYERS,
     .help = "offsite_ppa: share of the output for each buyer, in order; none = split by the buyers' imports"},
    {.section = S_PV, .key = "albedo", .type = P_NUMBER, .offset = PV(pv.albedo), .def = NAN, .lo = 0, .hi = 1,
     .flags = P_AUTO, .help = "ground reflectance; auto = 0.20 on land (common default), 0.06 on water (Payne 1972)"},
    {.section = S_PV, .key = "dc_ac_ratio", .type = P_NUMBER, .offset = PV(pv.dc_ac_ratio), .def = 1.2, .lo = 0.5,
     .hi = 3, .help = "DC nameplate / inverter AC rating (PVWatts default 1.2)"},
    {.section = S_PV, .key = "losses_pct", .type = P_NUMBER, .offset = PV(pv.losses_pct), .unit = "%", .def = 14,
     .lo = 0, .hi = 99, .help = "DC system losses: soiling, wiring, mismatch... (PVWatts default 14)"},
    {.section = S_PV, .key = "gamma_pct_per_c", .type = P_NUMBER, .offset = PV(pv.gamma_pct_per_c),
     .unit = "%/degC", .def = -0.37, .lo = -2, .hi = 0,
     .help = "power temperature coefficient (PVWatts standard module -0.37)"},
    {.section = S_PV, .key = "inverter_eff_pct", .type = P_NUMBER, .offset = PV(pv.inverter_eff_pct), .unit = "%",
     .def = 96, .lo = 50, .hi = 100, .help = "nominal inverter efficiency (PVWatts default 96)"},
    {.section = S_PV, .key = "degradation_pct_per_year", .type = P_NUMBER,
     .offset = PV(pv.degradation_pct_per_year), .unit = "%/year", .def = 0.5, .lo = 0, .hi = 10,
     .help = "output loss per year of age (Jordan & Kurtz 2013 median 0.5)"},
    {.section = S_PV, .key = "install_year", .type = P_INTEGER, .offset = PV(pv.install_year), .lo = 1970,
     .hi = 2099, .flags = P_AUTO, .help = "year of commissioning; auto = the scenario year (no degradation)"},
    {.section = S_PV, .key = "profile_file", .type = P_PATH, .offset = PV(profile_file), .size = PVT(profile_file),
     .def_text = "",
     .help = "measured AC output, one kWh value per step (last column); replaces the PV model"},
    {.section = S_PV, .key = "fit", .type = P_CHOICE, .offset = PV(fit), .choices = BOOL,
     .help = "true: its output is sold under FIT, so it is not the area's renewable supply (an owned array only)"},
    {.section = S_PV, .key = "capex_yen_per_kw", .type = P_NUMBER, .offset = PV(cost.capex_yen), .unit = "yen/kW",
     .def = NAN, .lo = 0, .hi = 1e8, .flags = P_AUTO, .help = "capital cost per kW (DC); auto = inputs/economics/costs.csv"},
    {.section = S_PV, .key = "opex_yen_per_kw_year", .type = P_NUMBER, .offset = PV(cost.opex_yen_per_year),
     .unit = "yen/kW/year", .def = NAN, .lo = 0, .hi = 1e7, .flags = P_AUTO,
     .help = "operating cost per kW and year; auto = inputs/economics/costs.csv"},
    {.section = S_PV, .key = "lifetime_years", .type = P_NUMBER, .offset = PV(cost.lifetime_years), .unit = "year",
     .def = NAN, .lo = 1, .hi = 60, .flags = P_AUTO, .help = "economic life; auto = inputs/economics/costs.csv"},
    {.section = S_PV, .key = "subsidy_pct", .type = P_NUMBER, .offset = PV(cost.subsidy_pct), .unit = "%",
     .def = 0, .lo = 0, .hi = 100,
     .help = "share of capex a grant pays (地域脱炭素移行・再エネ推進交付金: up to 2/3 for 先行地域)"},
    {.section = S_PV, .key = "subsidy_cap_yen", .type = P_NUMBER, .offset = PV(cost.subsidy_cap_yen), .unit = "yen",
     .def = INFINITY, .lo = 0, .hi = 1e13, .flags = P_UNLIMITED, .help = "largest grant for the item"},

    {.section = S_LOADS, .key = "name", .type = P_TEXT, .offset = LD(name), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .flags = P_REQUIRED, .help = "load name (unique among loads)"},
    {.section = S_LOADS, .key = "site", .type = P_TEXT, .offset = LD(site), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS, .def_text = "",
     .help = "site whose meter serves the load; may be left out when there is one site"},
    {.section = S_LOADS, .key = "sector", .type = P_CHOICE, .offset = LD(sector), .choices = SECTOR,
     .flags = P_REQUIRED,
     .help = "household (家庭), commercial (業務その他), public, industry, ev_charging, agriculture"},
    {.section = S_LOADS, .key = "annual_kwh", .type = P_NUMBER, .offset = LD(annual_kwh), .unit = "kWh", .lo = 0,
     .hi = 1e11, .help = "annual consumption before saving; with profile_file, 0 = use the profile as is"},
    {.section = S_LOADS, .key = "shape", .type = P_CHOICE, .offset = LD(shape), .choices = dc_shape_names,
     .help = "bundled normalized shape (month x weekday/off day x hour); auto = by sector"},
    {.section = S_LOADS, .key = "profile_file", .type = P_PATH, .offset = LD(profile_file),
     .size = LDT(profile_file), .def_text = "",
     .help = "measured CSV, one kWh value per step (last column); replaces the shape"},
    {.section = S_LOADS, .key = "profile_format", .type = P_CHOICE, .offset = MT(kind), .choices = PROFILE_KIND,
     .help = "plain: one value per step of the scenario year, by position; meter: a dated 30-minute meter export, "
             "read by the meter_* keys and aligned onto the scenario's year"},
    {.section = S_LOADS, .key = "meter_layout", .type = P_CHOICE, .offset = MT(layout), .choices = METER_LAYOUT,
     .help = "slots: a row per 30-minute slot; days: a row per day with 48 slot columns"},
    {.section = S_LOADS, .key = "meter_stamp", .type = P_CHOICE, .offset = MT(stamp), .choices = METER_STAMP,
     .help = "a slot's time is its start (0:00 = the first slot) or its end (0:30 = the first, 24:00 the last)"},
    {.section = S_LOADS, .key = "meter_unit", .type = P_CHOICE, .offset = MT(unit), .choices = METER_UNIT,
     .help = "kwh: energy of the slot; kw: mean demand over it (x 0.5 h)"},
    {.section = S_LOADS, .key = "meter_align", .type = P_CHOICE, .offset = MT(align), .choices = METER_ALIGN,
     .help = "weekday: another year's days onto the scenario's by weekday and day type (holidays from off days); "
             "date: the same month and day"},
    {.section = S_LOADS, .key = "meter_date_column", .type = P_TEXT, .offset = MT(date_column),
     .size = MTT(date_column), .def_text = "1", .help = "header name, or number (1 = first), of the date column"},
    {.section = S_LOADS, .key = "meter_time_column", .type = P_TEXT, .offset = MT(time_column),
     .size = MTT(time_column), .def_text = "", .help = "the time column (slots layout); empty = the date column holds "
                                                       "date and time"},
    {.section = S_LOADS, .key = "meter_value_column", .type = P_TEXT, .offset = MT(value_column),
     .size = MTT(value_column), .def_text = "2",
     .help = "the value column (slots), or the first of the 48 slot columns (days)"},
    {.section = S_LOADS, .key = "saving_pct", .type = P_NUMBER, .offset = LD(saving_pct), .unit = "%", .lo = 0,
     .hi = 100, .flags = P_OPEN_HIGH, .help = "efficiency saving applied to the whole load"},
    {.section = S_LOADS, .key = "critical", .type = P_CHOICE, .offset = LD(critical), .choices = BOOL,
     .help = "true: served through a grid outage (a shelter, the town hall, water pumps); false: shed"},
    {.section = S_LOADS, .key = "area", .type = P_TEXT, .offset = LD(area), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .def_text = "", .help = "area tag; empty = its site's"},
    {.section = S_LOADS, .key = "closed_days", .type = P_CHOICE, .offset = LD(closed_days), .choices = CLOSED_DAYS,
     .help = "extra days the shape treats as off days: obon, school_vacation or none; auto = industry obon, "
             "school school_vacation, others none"},
    {.section = S_LOADS, .key = "cooling_kw_per_k", .type = P_NUMBER, .offset = LD(cooling_kw_per_k), .unit = "kW/K",
     .def = 0, .lo = 0, .hi = 1e6,
     .help = "demand added per kelvin of dry-bulb temperature above cooling_base_c (on top of annual_kwh)"},
    {.section = S_LOADS, .key = "cooling_base_c", .type = P_NUMBER, .offset = LD(cooling_base_c), .unit = "degC",
     .def = 24, .lo = -30, .hi = 50, .help = "cooling base temperature, compared hour by hour (24: the cooling degree-day base of 拡張アメダス気象データ)"},
    {.section = S_LOADS, .key = "heating_kw_per_k", .type = P_NUMBER, .offset = LD(heating_kw_per_k), .unit = "kW/K",
     .def = 0, .lo = 0, .hi = 1e6,
     .help = "demand added per kelvin of dry-bulb temperature below heating_base_c (on top of annual_kwh)"},
    {.section = S_LOADS, .key = "heating_base_c", .type = P_NUMBER, .offset = LD(heating_base_c), .unit = "degC",
     .def = 14, .lo = -30, .hi = 50, .help = "heating base temperature, compared hour by hour (14: the D14 heating degree days of 理科年表)"},

    {.section = S_BATTERIES, .key = "name", .type = P_TEXT, .offset = BAT(name), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .flags = P_REQUIRED, .help = "battery name (unique among dispatchable resources)"},
    {.section = S_BATTERIES, .key = "site", .type = P_TEXT, .offset = BAT(site), .size = DC_NAME_MAX, .max_count = DC_NAME_CHARS,
     .def_text = "", .help = "site whose meter the battery is behind; may be left out when there is one site"},
    {.section = S_BATTERIES, .key = "energy_kwh", .type = P_NUMBER, .offset = BAT(b.energy_kwh), .unit = "kWh",
     .lo = 0, .hi = 1e8, .help = "nominal energy capacity; 0 = no battery"},
    {.section = S_BATTERIES, .key = "power_kw", .type = P_NUMBER, .offset = BAT(b.power_kw), .unit = "kW", .lo = 0,
     .hi = 1e8, .help = "charge and discharge power limit (AC)"},
    {.section = S_BATTERIES, .key = "charge_eff_pct", .type = P_NUMBER, .offset = BAT(b.charge_eff_pct),
     .unit = "%", .def = 92.2, .lo = 0, .hi = 100, .flags = P_OPEN_LOW | P_WHOLE_PCT,
     .help = "AC to stored; 92.2 x 92.2 = 85 % round trip (NREL ATB 2023, utility battery)"},
    {.section = S_BATTERIES, .key = "discharge_eff_pct", .type = P_NUMBER, .offset = BAT(b.discharge_eff_pct),
     .unit = "%", .def = 92.2, .lo = 0, .hi = 100, .flags = P_OPEN_LOW | P_WHOLE_PCT, .help = "stored to AC; see charge_eff_pct"},
    {.section = S_BATTERIES, .key = "soc_min_pct", .type = P_NUMBER, .offset = BAT(b.soc_min_pct), .unit = "%",
     .def = 10, .lo = 0, .hi = 100, .help = "lowest state of charge (10 %: common lithium-ion warranty window)"},
    {.section = S_BATTERIES, .key = "soc_max_pct", .type = P_NUMBER, .offset = BAT(b.soc_max_pct), .unit = "%",
     .def = 90, .lo = 0, .hi = 100, .help = "highest state of charge (90 %: common lithium-ion warranty window)"},
    {.section = S_BATTERIES, .key = "soc_initial_pct", .type = P_NUMBER, .offset = BAT(b.soc_initial_pct),
     .unit = "%", .def = 50, .lo = 0, .hi = 100,
     .help = "state of charge at the start of the year (with year_end: free)"},
    {.section = S_BATTERIES, .key = "self_discharge_pct_per_day", .type = P_NUMBER,
     .offset = BAT(b.self_discharge_pct_per_day), .unit = "%/day", .def = 0.1, .lo = 0, .hi = 100,
     .help = "loss of stored energy (~3 %/month for lithium-ion cells)"},
    {.section = S_BATTERIES, .key = "year_end", .type = P_CHOICE, .offset = BAT(year_end), .choices = YEAR_END,
     .help = "free: start at soc_initial_pct and report the energy the year drew from it; cyclic: the year "
             "starts in the state it ends in, so it gets no energy for free"},
    {.section = S_BATTERIES, .key = "disaster_reserve_pct", .type = P_NUMBER, .offset = BAT(disaster_reserve_pct),
     .unit = "%", .lo = 0, .hi = 100,
     .help = "energy kept for grid outages [% of energy_kwh]: not used day to day, usable during an outage"},
    {.section = S_BATTERIES, .key = "grid_forming", .type = P_CHOICE, .offset = BAT(grid_forming), .def = 1,
     .choices = BOOL, .help = "true: its inverter can form an islanded site's grid (then PV there keeps running)"},
    {.section = S_BATTERIES, .key = "capex_yen_per_kwh", .type = P_NUMBER, .offset = BAT(cost.capex_yen), .unit = "yen/kWh",
     .def = NAN, .lo = 0, .hi = 1e8, .flags = P_AUTO, .help = "capital cost per kWh; auto = inputs/economics/costs.csv"},
    {.section = S_BATTERIES, .key = "opex_yen_per_kwh_year", .type = P_NUMBER, .offset = BAT(cost.opex_yen_per_year),
     .unit = "yen/kWh/year", .def = NAN, .lo = 0, .hi = 1e7, .flags = P_AUTO,
     .help = "operating cost per kWh and year; auto = inputs/economics/costs.csv"},
    {.section = S_BATTERIES, .key = "lifetime_years", .type = P_NUMBER, .offset = BAT(cost.lifetime_years), .unit = "year",
     .def = NAN, .lo = 1, .hi = 60, .flags = P_AUTO, .help = "economic life; auto = inputs/economics/costs.csv"},
    {.section = S_BATTERIES, .key = "subsidy_pct", .type = P_NUMBER, .offset = BAT(cost.subsidy_pct), .unit = "%",
     .def = 0, .lo = 0, .hi = 100,
     .help = "share of capex a grant pays (地域脱炭素移行・再エネ推進交付金: up to 2/3 for 先行地域)"},
    {.section = S_BATTERIES, .key = "subsidy_cap_yen", .type = P_NUMBER, .offset = BAT(cost.subsidy_cap_yen), .unit = "yen",
     .def = INFINITY, .lo = 0, .hi = 1e13, .flags = P_UNLIMITED, .help = "largest grant for the item"},

    {.section = S_EVS, .key = "name", .type = P_TEXT, .offset = EV(name), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .flags = P_REQUIRED, .help = "fleet name (unique among dispatchable resources)"},
    {.section = S_EVS, .key = "site", .type = P_TEXT, .offset = EV(site), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .def_text = "", .help = "site whose chargers the cars use"},
    {.section = S_EVS, .key = "count", .type = P_INTEGER, .offset = EV(count), .def = 1, .lo = 1, .hi = 10000,
     .help = "identical cars in the fleet (they share the schedule)"},
    {.section = S_EVS, .key = "battery_kwh", .type = P_NUMBER, .offset = EV(battery_kwh), .unit = "kWh", .lo = 0,
     .hi = 1000, .flags = P_REQUIRED | P_OPEN_LOW, .help = "usable battery energy of one car"},
    {.section = S_EVS, .key = "charger_kw", .type = P_NUMBER, .offset = EV(charger_kw), .unit = "kW", .lo = 0,
     .hi = 1000, .flags = P_REQUIRED | P_OPEN_LOW, .help = "charger power per car (AC side)"},
    {.section = S_EVS, .key = "v2b", .type = P_CHOICE, .offset = EV(v2b), .choices = BOOL,
     .help = "true: bidirectional (DC) chargers, the cars may supply their site (V2B) above their reserve"},
    {.section = S_EVS, .key = "charge_eff_pct", .type = P_NUMBER, .offset = EV(charge_eff_pct), .unit = "%",
     .def = 90, .lo = 0, .hi = 100, .flags = P_OPEN_LOW | P_WHOLE_PCT,
     .help = "AC to battery (ILLUSTRATIVE default 90 %: typical of chargers and on-board conversion)"},
    {.section = S_EVS, .key = "discharge_eff_pct", .type = P_NUMBER, .offset = EV(discharge_eff_pct), .unit = "%",
     .def = 90, .lo = 0, .hi = 100, .flags = P_OPEN_LOW | P_WHOLE_PCT,
     .help = "battery to AC through a V2B charger (ILLUSTRATIVE default 90 %)"},
    {.section = S_EVS, .key = "kwh_per_km", .type = P_NUMBER, .offset = EV(kwh_per_km), .unit = "kWh/km",
     .lo = 0, .hi = 10, .flags = P_REQUIRED | P_OPEN_LOW, .help = "energy a car draws from its battery per km"},
    {.section = S_EVS, .key = "weekday_departure", .type = P_TEXT, .offset = EV(weekday_departure),
     .size = EVT(weekday_departure), .def_text = "", .help = "HH:MM the cars leave on weekdays"},
    {.section = S_EVS, .key = "weekday_return", .type = P_TEXT, .offset = EV(weekday_return),
     .size = EVT(weekday_return), .def_text = "", .help = "HH:MM they are back (same day)"},
    {.section = S_EVS, .key = "weekday_km", .type = P_NUMBER, .offset = EV(weekday_km), .unit = "km", .lo = 0,
     .hi = 2000, .help = "distance of a car's weekday trip; 0 = no trip"},
    {.section = S_EVS, .key = "offday_departure", .type = P_TEXT, .offset = EV(offday_departure),
     .size = EVT(offday_departure), .def_text = "", .help = "HH:MM the cars leave on off days"},
    {.section = S_EVS, .key = "offday_return", .type = P_TEXT, .offset = EV(offday_return),
     .size = EVT(offday_return), .def_text = "", .help = "HH:MM they are back"},
    {.section = S_EVS, .key = "offday_km", .type = P_NUMBER, .offset = EV(offday_km), .unit = "km", .lo = 0,
     .hi = 2000, .help = "distance of an off-day trip; 0 = no trip"},
    {.section = S_EVS, .key = "margin_pct", .type = P_NUMBER, .offset = EV(margin_pct), .unit = "%", .def = 20,
     .lo = 0, .hi = 1000, .help = "a car leaves with its trip's energy plus this much more [% of the trip]"},
    {.section = S_EVS, .key = "reserve_pct", .type = P_NUMBER, .offset = EV(reserve_pct), .unit = "%", .def = 30,
     .lo = 0, .hi = 100, .help = "V2B never draws a car below this [% of its battery]; usable in an outage"},
    {.section = S_EVS, .key = "charging", .type = P_CHOICE, .offset = EV(charging), .choices = CHARGING,
     .help = "immediate: charge when plugged in (V2B then only in an outage); smart: from PV surplus first, the "
             "grid only as needed for the next departure"},
    {.section = S_EVS, .key = "initial_pct", .type = P_NUMBER, .offset = EV(initial_pct), .unit = "%", .def = 80,
     .lo = 0, .hi = 100, .help = "energy in the batteries when the year starts [% of battery]"},
    {.section = S_EVS, .key = "grid_forming", .type = P_CHOICE, .offset = EV(grid_forming), .choices = BOOL,
     .help = "true: its V2B chargers can form an islanded site's grid"},
    {.section = S_EVS, .key = "trips_in_outage", .type = P_CHOICE, .offset = EV(trips_in_outage), .choices = BOOL,
     .help = "false: while the site's grid is down the cars stay plugged in as its power (their whole battery "
             "usable); true: trips go on and each keeps its energy"},

    {.section = S_OUTAGES, .key = "name", .type = P_TEXT, .offset = OUT(name), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .flags = P_REQUIRED, .help = "outage name (unique among outages)"},
    {.section = S_OUTAGES, .key = "start", .type = P_TEXT, .offset = OUT(start), .size = OUTT(start),
     .flags = P_REQUIRED, .help = "when the grid goes down, YYYY-MM-DDTHH:MM (JST)"},
    {.section = S_OUTAGES, .key = "hours", .type = P_NUMBER, .offset = OUT(hours), .unit = "h", .lo = 0,
     .hi = 8784, .flags = P_REQUIRED | P_OPEN_LOW, .help = "how long it lasts"},
    {.section = S_OUTAGES, .key = "sites", .type = P_NAMES, .offset = OUT(sites), .size = OUTT(sites),
     .def_text = "[]", .help = "the sites it cuts off; [] = every site"},

    {.section = S_RESILIENCE, .key = "scan", .type = P_CHOICE, .offset = TOP(resilience.scan), .choices = BOOL,
     .help = "true: for every start hour of the year, how long each site's critical loads last in an outage"},
    {.section = S_RESILIENCE, .key = "max_hours", .type = P_INTEGER, .offset = TOP(resilience.max_hours),
     .def = 168, .lo = 1, .hi = 720, .help = "the longest outage the scan follows [h]"},

    {.section = S_LEADING, .key = "area", .type = P_TEXT, .offset = TOP(leading.area), .size = TXT(leading.area),
     .max_count = DC_NAME_CHARS, .def_text = "",
     .help = "the target area: the tag its sites (and loads) carry in their area key"},
    {.section = S_LEADING, .key = "year", .type = P_INTEGER, .offset = TOP(leading.year), .lo = 1990, .hi = 2100,
     .flags = P_AUTO, .help = "target fiscal year; auto = the scenario year (the only year decarb simulates)"},
    {.section = S_LEADING, .key = "retail_renewable_mwh", .type = P_NUMBER, .offset = TOP(leading.retail_renewable_mwh),
     .unit = "MWh", .def = 0, .lo = 0, .hi = 1e9,
     .help = "bought for household and commercial loads as a retailer's renewable menu with 非化石証書"},
    {.section = S_LEADING, .key = "certificates_mwh", .type = P_NUMBER, .offset = TOP(leading.certificates_mwh),
     .unit = "MWh", .def = 0, .lo = 0, .hi = 1e9, .help = "renewable certificates and J-credits retired for them"},
    {.section = S_LEADING, .key = "tariff_yen_per_kwh", .type = P_NUMBER, .offset = TOP(leading.tariff_yen_per_kwh),
     .unit = "yen/kWh", .def = NAN, .lo = 0, .hi = 1000, .flags = P_AUTO,
     .help = "the area's grid electricity price (energy charge and levies); auto = no economics"},
    {.section = S_LEADING, .key = "export_yen_per_kwh", .type = P_NUMBER, .offset = TOP(leading.export_yen_per_kwh),
     .unit = "yen/kWh", .def = 9.6, .lo = 0, .hi = 1000,
     .help = "price of exported energy (9.6: 調達価格等算定委員会's post-FIT sale price, FY2026 意見)"},
    {.section = S_LEADING, .key = "discount_rate_pct", .type = P_NUMBER, .offset = TOP(leading.discount_rate_pct),
     .unit = "%", .def = 3, .lo = 0, .hi = 50, .help = "real discount rate of NPV and LCOE (ILLUSTRATIVE default)"},
    {.section = S_LEADING, .key = "target_irr_pct", .type = P_NUMBER, .offset = TOP(leading.target_irr_pct),
     .unit = "%", .def = 5, .lo = 0, .hi = 50,
     .help = "the IRR a PPA provider asks; the PPA price is solved for it (ILLUSTRATIVE default)"},

    {.section = S_BIOMASS, .key = "name", .type = P_TEXT, .offset = BIO(name), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .flags = P_REQUIRED, .help = "plant name (unique among dispatchable resources)"},
    {.section = S_BIOMASS, .key = "site", .type = P_TEXT, .offset = BIO(site), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .def_text = "", .help = "site whose meter the plant is behind"},
    {.section = S_BIOMASS, .key = "capacity_kw", .type = P_NUMBER, .offset = BIO(capacity_kw), .unit = "kW",
     .lo = 0, .hi = 1e6, .flags = P_REQUIRED | P_OPEN_LOW, .help = "rated electric output (sending end)"},
    {.section = S_BIOMASS, .key = "efficiency_pct", .type = P_NUMBER, .offset = BIO(efficiency_pct), .unit = "%",
     .lo = 0, .hi = 100, .flags = P_REQUIRED | P_OPEN_LOW | P_WHOLE_PCT,
     .help = "electric efficiency at full load, on the fuel's lower heating value as burned"},
    {.section = S_BIOMASS, .key = "heat_efficiency_pct", .type = P_NUMBER, .offset = BIO(heat_efficiency_pct),
     .unit = "%", .lo = 0, .hi = 100, .help = "heat recovered for use (CHP), of the fuel's LHV; 0 = power only"},
    {.section = S_BIOMASS, .key = "part_load_pct", .type = P_NUMLIST, .offset = BIO(part_load_pct),
     .size = BIO(n_part_load), .unit = "%", .def_text = "[]", .lo = 0, .hi = 100, .max_count = DC_MAX_CURVE,
     .help = "load points of the part-load curve [% of rating], ascending; [] = the same efficiency at any load"},
    {.section = S_BIOMASS, .key = "part_load_eff_pct", .type = P_NUMLIST, .offset = BIO(part_load_eff_pct),
     .size = BIO(n_part_eff), .unit = "%", .def_text = "[]", .lo = 0, .hi = 100, .max_count = DC_MAX_CURVE,
     .help = "efficiency at each load point, % of the full-load efficiency (linear between points)"},
    {.section = S_BIOMASS, .key = "min_load_pct", .type = P_NUMBER, .offset = BIO(min_load_pct), .unit = "%",
     .lo = 0, .hi = 100, .help = "minimum stable load: the plant runs at or above it, or is off"},
    {.section = S_BIOMASS, .key = "ramp_kw_per_h", .type = P_NUMBER, .offset = BIO(ramp_kw_per_h), .unit = "kW/h",
     .def = INFINITY, .lo = 0, .hi = 1e9, .flags = P_UNLIMITED | P_OPEN_LOW,
     .help = "largest change of output per hour; unlimited by default"},
    {.section = S_BIOMASS, .key = "availability_pct", .type = P_NUMBER, .offset = BIO(availability_pct),
     .unit = "%", .def = 100, .lo = 0, .hi = 100, .flags = P_OPEN_LOW | P_WHOLE_PCT,
     .help = "expected availability outside planned outages: the ceiling is derated by it"},
    {.section = S_BIOMASS, .key = "outages", .type = P_NAMES, .offset = BIO(outages), .size = BIOT(outages),
     .def_text = "[]", .help = "planned outages as YYYY-MM-DD~YYYY-MM-DD (both days included)"},
    {.section = S_BIOMASS, .key = "mode", .type = P_CHOICE, .offset = BIO(mode), .def = DC_RUN_FOLLOW,
     .choices = PLANT_MODE,
     .help = "baseload: runs at its ceiling; follow: between its minimum load and ceiling, as the deficit order "
             "asks; schedule: at schedule_file's level"},
    {.section = S_BIOMASS, .key = "schedule_file", .type = P_PATH, .offset = BIO(schedule_file),
     .size = BIOT(schedule_file), .def_text = "",
     .help = "mode schedule: % of rating by month x day type x hour (the load-shape CSV format)"},
    {.section = S_BIOMASS, .key = "wood", .type = P_CHOICE, .offset = BIO(wood), .choices = WOOD,
     .help = "wood kind for the default dry LHV (inputs/biomass/wood.csv)"},
    {.section = S_BIOMASS, .key = "lhv_dry_mj_per_kg", .type = P_NUMBER, .offset = BIO(lhv_dry_mj_per_kg),
     .unit = "MJ/kg", .def = NAN, .lo = 5, .hi = 30, .flags = P_AUTO,
     .help = "lower heating value of the dry wood; auto = the wood kind's"},
    {.section = S_BIOMASS, .key = "moisture_pct", .type = P_NUMBER, .offset = BIO(moisture_pct), .unit = "%",
     .lo = 0, .hi = 100, .flags = P_REQUIRED | P_OPEN_HIGH, .help = "moisture of the chips as delivered, wet basis"},
    {.section = S_BIOMASS, .key = "fuel_t_per_year", .type = P_NUMBER, .offset = BIO(fuel_t_per_year), .unit = "t",
     .lo = 0, .hi = 1e8, .flags = P_REQUIRED, .help = "green tonnes of chips delivered in the year"},
    {.section = S_BIOMASS, .key = "delivery_monthly_pct", .type = P_NUMLIST, .offset = BIO(delivery_monthly_pct),
     .size = BIO(n_delivery), .unit = "%", .def_text = "[]", .lo = 0, .hi = 100, .max_count = 12,
     .help = "share of the deliveries in each month of the scenario year, in its order (12 values adding to 100); "
             "[] = by days"},
    {.section = S_BIOMASS, .key = "yard_capacity_t", .type = P_NUMBER, .offset = BIO(yard_capacity_t),
     .unit = "t", .def = INFINITY, .lo = 0, .hi = 1e8, .flags = P_UNLIMITED,
     .help = "what the chip yard holds; deliveries beyond it are turned away (counted)"},
    {.section = S_BIOMASS, .key = "yard_initial_t", .type = P_NUMBER, .offset = BIO(yard_initial_t), .unit = "t",
     .lo = 0, .hi = 1e8, .help = "chips in the yard when the year starts"},

    {.section = S_BIOGAS, .key = "name", .type = P_TEXT, .offset = GAS(name), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .flags = P_REQUIRED, .help = "plant name (unique among dispatchable resources)"},
    {.section = S_BIOGAS, .key = "site", .type = P_TEXT, .offset = GAS(site), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .def_text = "", .help = "site whose meter the engine is behind"},
    {.section = S_BIOGAS, .key = "engine_kw", .type = P_NUMBER, .offset = GAS(engine_kw), .unit = "kW", .lo = 0,
     .hi = 1e6, .flags = P_REQUIRED | P_OPEN_LOW, .help = "rated electric output of the gas engine"},
    {.section = S_BIOGAS, .key = "engine_eff_pct", .type = P_NUMBER, .offset = GAS(engine_eff_pct), .unit = "%",
     .lo = 0, .hi = 100, .flags = P_REQUIRED | P_OPEN_LOW | P_WHOLE_PCT,
     .help = "electric efficiency of the engine, of the methane's LHV"},
    {.section = S_BIOGAS, .key = "heat_eff_pct", .type = P_NUMBER, .offset = GAS(heat_eff_pct), .unit = "%", .lo = 0,
     .hi = 100, .help = "heat recovered from the engine, of the methane's LHV (it heats the digester first)"},
    {.section = S_BIOGAS, .key = "min_load_pct", .type = P_NUMBER, .offset = GAS(min_load_pct), .unit = "%",
     .lo = 0, .hi = 100, .help = "minimum load of the engine: it runs at or above it, or is off"},
    {.section = S_BIOGAS, .key = "holder_nm3", .type = P_NUMBER, .offset = GAS(holder_nm3), .unit = "Nm3",
     .lo = 0, .hi = 1e8, .flags = P_REQUIRED, .help = "gas holder capacity (biogas); above it, gas is flared"},
    {.section = S_BIOGAS, .key = "holder_min_nm3", .type = P_NUMBER, .offset = GAS(holder_min_nm3), .unit = "Nm3",
     .lo = 0, .hi = 1e8, .help = "the holder is never drawn below this"},
    {.section = S_BIOGAS, .key = "holder_initial_nm3", .type = P_NUMBER, .offset = GAS(holder_initial_nm3),
     .unit = "Nm3", .def = NAN, .lo = 0, .hi = 1e8, .flags = P_AUTO,
     .help = "biogas in the holder when the year starts; auto = holder_min_nm3"},
    {.section = S_BIOGAS, .key = "methane_lhv_mj_per_nm3", .type = P_NUMBER, .offset = GAS(methane_lhv_mj_per_nm3),
     .unit = "MJ/Nm3", .def = 35.8, .lo = 30, .hi = 40,
     .help = "lower heating value of methane at 0 degC and 101.325 kPa (ISO 6976: 35.8)"},
    {.section = S_BIOGAS, .key = "digester_heat_kwh_per_day", .type = P_NUMBER,
     .offset = GAS(digester_heat_kwh_per_day), .unit = "kWh/day", .lo = 0, .hi = 1e8,
     .help = "heat the digester needs (a parasitic demand), met by the engine's heat, else by a biogas boiler"},
    {.section = S_BIOGAS, .key = "boiler_eff_pct", .type = P_NUMBER, .offset = GAS(boiler_eff_pct), .unit = "%",
     .def = NAN, .lo = 0, .hi = 100, .flags = P_AUTO | P_OPEN_LOW | P_WHOLE_PCT,
     .help = "efficiency of the biogas boiler heating the digester; needed with digester_heat_kwh_per_day"},
    {.section = S_BIOGAS, .key = "run", .type = P_CHOICE, .offset = GAS(run), .choices = GAS_RUN,
     .help = "when the engine may run: always, above_level (holder above run_above_pct) or hours (run_hours); "
             "it always runs when the holder would overflow"},
    {.section = S_BIOGAS, .key = "run_above_pct", .type = P_NUMBER, .offset = GAS(run_above_pct), .unit = "%",
     .def = NAN, .lo = 0, .hi = 100, .flags = P_AUTO, .help = "holder level that lets it run (run: above_level)"},
    {.section = S_BIOGAS, .key = "run_hours", .type = P_INTLIST, .offset = GAS(run_hours), .size = GAS(n_run_hours),
     .def_text = "[]", .lo = 0, .hi = 23, .max_count = 24,
     .help = "hours of the day it may run (run: hours), e.g. [17, 18, 19, 20] for the evening peak"},

    {.section = S_FEEDSTOCKS, .key = "name", .type = P_TEXT, .offset = FEED(name), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .flags = P_REQUIRED, .help = "feedstock name (unique among feedstocks)"},
    {.section = S_FEEDSTOCKS, .key = "plant", .type = P_TEXT, .offset = FEED(plant), .size = DC_NAME_MAX,
     .max_count = DC_NAME_CHARS, .def_text = "", .help = "the biogas plant it feeds; may be left out when there is one"},
    {.section = S_FEEDSTOCKS, .key = "kind", .type = P_CHOICE, .offset = FEED(kind), .choices = FEED_KIND,
     .flags = P_REQUIRED, .help = "for the defaults of inputs/biogas/feedstocks.csv; custom = give every property"},
    {.section = S_FEEDSTOCKS, .key = "t_per_day", .type = P_NUMBER, .offset = FEED(t_per_day), .unit = "t/day",
     .lo = 0, .hi = 1e6, .help = "wet tonnes fed a day"},
    {.section = S_FEEDSTOCKS, .key = "monthly_t_per_day", .type = P_NUMLIST, .offset = FEED(monthly_t_per_day),
     .size = FEED(n_monthly), .unit = "t/day", .def_text = "[]", .lo = 0, .hi = 1e6, .max_count = 12,
     .help = "wet tonnes a day in each month of the scenario year, in its order; replaces t_per_day"},
    {.section = S_FEEDSTOCKS, .key = "ts_pct", .type = P_NUMBER, .offset = FEED(ts_pct), .unit = "%", .def = NAN,
     .lo = 0, .hi = 100, .flags = P_AUTO | P_OPEN_LOW, .help = "total solids, % of the wet mass; auto = the kind's"},
    {.section = S_FEEDSTOCKS, .key = "vs_pct_of_ts", .type = P_NUMBER, .offset = FEED(vs_pct_of_ts), .unit = "%",
     .def = NAN, .lo = 0, .hi = 100, .flags = P_AUTO | P_OPEN_LOW,
     .help = "volatile solids, % of the total solids; auto = the kind's"},
    {.section = S_FEEDSTOCKS, .key = "yield_nm3_per_kg_vs", .type = P_NUMBER, .offset = FEED(yield_nm3_per_kg_vs),
     .unit = "Nm3/kg", .def = NAN, .lo = 0, .hi = 1.5, .flags = P_AUTO | P_OPEN_LOW,
     .help = "methane yield [Nm3 CH4 per kg VS fed]; auto = the kind's"},
    {.section = S_FEEDSTOCKS, .key = "methane_pct", .type = P_NUMBER, .offset = FEED(methane_pct), .unit = "%",
     .def = NAN, .lo = 0, .hi = 100, .flags = P_AUTO | P_OPEN_LOW | P_WHOLE_PCT,
     .help = "methane share of the biogas; auto = the kind's"},
};
const size_t dc_n_params = sizeof dc_params / sizeof dc_params[0];

int dc_section_is_list(dc_psection s) { return s >= 0 && s < S_COUNT && dc_sections[s].item_size > 0; }

int dc_section_lookup(const char *key, const char **item)
{
    if (item) *item = NULL;
    for (int k = 1; k < S_COUNT; k++)
        if (strcmp(key, dc_sections[k].name) == 0) return k;
    for (size_t k = 0; k < dc_n_section_aliases; k++)
        if (strcmp(key, dc_section_aliases[k].name) == 0) {
            if (item) *item = dc_section_aliases[k].item;
            return (int)dc_section_aliases[k].section;
        }
    return -1;
}

const dc_param *dc_param_find(dc_psection s, const char *key)
{
    for (size_t i = 0; i < dc_n_params; i++)
        if (dc_params[i].section == s && strcmp(dc_params[i].key, key) == 0) return &dc_params[i];
    return NULL;
}

void *dc_param_ptr(const dc_param *p, dc_scenario *s, int item)
{
    if (dc_section_is_list(p->section)) return (char *)dc_list_item(s, p->section, item) + p->offset;
    return (char *)s + p->offset;
}

const void *dc_param_cptr(const dc_param *p, const dc_scenario *s, int item)
{
    return dc_param_ptr(p, (dc_scenario *)s, item);
}

dc_pos dc_param_pos(const dc_scenario *s, dc_psection sec, int item, const char *key)
{
    const dc_param *p = key ? dc_param_find(sec, key) : NULL;
    size_t row = p ? (size_t)(p - dc_params) : 0;
    dc_pos none = {0, 0};
    if (!dc_section_is_list(sec)) return p && s->key_pos && s->key_pos[row].line > 0 ? s->key_pos[row] : none;
    const dc_list *l = &s->list[sec];
    if (item < 0 || item >= l->n || !l->pos) return none;
    const dc_pos *pos = dc_item_pos(s, sec, item);
    if (p && pos[DC_POS_KEYS + row].line > 0) return pos[DC_POS_KEYS + row];
    return pos[DC_POS_ITEM].line > 0 ? pos[DC_POS_ITEM] : none;
}

/* The raw position of a key's value: line -1 when --set gave it. */
static dc_pos raw_pos(const dc_scenario *s, dc_psection sec, int item, const char *key)
{
    const dc_param *p = key ? dc_param_find(sec, key) : NULL;
    dc_pos none = {0, 0};
    if (!p) return none;
    size_t row = (size_t)(p - dc_params);
    if (!dc_section_is_list(sec)) return s->key_pos ? s->key_pos[row] : none;
    if (item < 0 || item >= s->list[sec].n) return none;
    return dc_item_pos(s, sec, item)[DC_POS_KEYS + row];
}

static void report(const dc_scenario *s, dc_diag *diag, int warning, dc_psection sec, int item, const char *key,
                   const char *fmt, va_list ap)
{
    char field[512], msg[1024];
    dc_pos at = dc_param_pos(s, sec, item, key);
    const char *file = s->file;
    if (raw_pos(s, sec, item, key).line < 0) file = "--set", at = (dc_pos){0, 0};
    dc_field_name(s, sec, item, key, field, sizeof field);
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (warning) dc_diag_warn(diag, file, at.line, at.col, field, "%s", msg);
    else dc_diag_add(diag, file, at.line, at.col, field, "%s", msg);
}

void dc_scenario_error(const dc_scenario *s, dc_diag *diag, dc_psection sec, int item, const char *key,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(s, diag, 0, sec, item, key, fmt, ap);
    va_end(ap);
}

void dc_scenario_warn(const dc_scenario *s, dc_diag *diag, dc_psection sec, int item, const char *key,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(s, diag, 1, sec, item, key, fmt, ap);
    va_end(ap);
}

int dc_param_given(const dc_scenario *s, dc_psection sec, int item, const char *key)
{
    const dc_param *p = dc_param_find(sec, key);
    if (!p) return 0;
    size_t row = (size_t)(p - dc_params);
    if (!dc_section_is_list(sec)) return s->key_pos && s->key_pos[row].line != 0;
    const dc_list *l = &s->list[sec];
    return item >= 0 && item < l->n && l->pos && dc_item_pos(s, sec, item)[DC_POS_KEYS + row].line != 0;
}

void dc_field_name(const dc_scenario *s, dc_psection sec, int item, const char *key, char *buf, size_t n)
{
    const char *name = dc_sections[sec].name;
    int alias = dc_section_is_list(sec) && s && item >= 0 && item < s->list[sec].n
                    ? dc_item_pos(s, sec, item)[DC_POS_ALIAS].line : 0;
    if (alias) snprintf(buf, n, "%s%s%s", dc_section_aliases[alias - 1].name, key ? "." : "", key ? key : "");
    else if (dc_section_is_list(sec)) snprintf(buf, n, "%s[%d]%s%s", name, item, key ? "." : "", key ? key : "");
    else if (sec == S_TOP) snprintf(buf, n, "%s", key ? key : "");
    else snprintf(buf, n, "%s%s%s", name, key ? "." : "", key ? key : "");
}

#include "params.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOP(f) offsetof(dc_scenario, f)
#define PVO(f) offsetof(dc_pv_params, f)
#define LDO(f) offsetof(dc_load_params, f)
#define TXT(f) sizeof(((dc_scenario *)0)->f)
#define PVT(f) sizeof(((dc_pv_params *)0)->f)
#define LDT(f) sizeof(((dc_load_params *)0)->f)

const char *const dc_section_names[S_COUNT] = {"", "weather", "site", "grid", "battery",
                                               "dispatch", "ghg", "pv_arrays", "loads"};

static const char *const BASIS[] = {"calendar", "fiscal", NULL};
static const char *const DECOMP[] = {"auto", "erbs", NULL};
static const char *const RESOURCES[] = {"battery", "grid", NULL};
static const char *const LINK[] = {"off", "electricity", NULL};
static const char *const MOUNTING[] = {"rooftop", "open_rack", "carport", "floating", NULL};
static const char *const TEMP[] = {"auto", "sapm", "faiman", NULL};
static const char *const TRANSP[] = {"perez", "haydavies", "isotropic", NULL};
static const char *const CONTRACT[] = {"onsite_ppa", "offsite_ppa", "owned", NULL};
static const char *const SECTOR[] = {"household", "commercial", "public", "industry",
                                     "ev_charging", "agriculture", NULL};
const char *const dc_shape_names[] = {"auto", "household", "commercial", "public_office", "school",
                                      "industry", "ev_charging", "flat", NULL};

int dc_shape_for_sector(int sector)
{
    static const int by_sector[] = {1, 2, 3, 5, 6, 7};
    return by_sector[sector];
}

/* Defaults name their source in the help text. */
const dc_param dc_params[] = {
    {S_TOP, "name", P_TEXT, TOP(name), TXT(name), "", 0, "", 0, 0, NULL, 0,
     "scenario name, used for the output folder; default: the file name without .yaml"},
    {S_TOP, "year", P_INTEGER, TOP(year), 0, "", 2030, NULL, 1955, 2099, NULL, 0,
     "year simulated: fiscal year (April start) or calendar year; 2030 = national target year"},
    {S_TOP, "year_basis", P_CHOICE, TOP(fiscal), 0, "", 1, NULL, 0, 0, BASIS, 0,
     "fiscal (1 April - 31 March, Japanese municipal accounts) or calendar"},
    {S_TOP, "step_minutes", P_INTEGER, TOP(step_minutes), 0, "min", 60, NULL, 1, 60, NULL, 0,
     "time step; must divide 60 (hourly weather is repeated within the hour)"},
    {S_TOP, "load_shapes_dir", P_PATH, TOP(shapes_dir), TXT(shapes_dir), "", 0, "", 0, 0, NULL, 0,
     "folder of load shape CSVs; default: the bundled inputs/load_shapes"},
    {S_WEATHER, "file", P_PATH, TOP(weather_file), TXT(weather_file), "", 0, NULL, 0, 0, NULL,
     P_REQUIRED, "EPW weather file (EnergyPlus format), relative to the scenario"},
    {S_WEATHER, "decomposition", P_CHOICE, TOP(decomposition), 0, "", 0, NULL, 0, 0, DECOMP, 0,
     "auto: the file's DNI/DHI, Erbs when absent; erbs: always split GHI by Erbs"},
    {S_SITE, "latitude_deg", P_NUMBER, TOP(latitude_deg), 0, "deg", NAN, NULL, -90, 90, NULL, P_AUTO,
     "north positive; auto = from the weather file"},
    {S_SITE, "longitude_deg", P_NUMBER, TOP(longitude_deg), 0, "deg", NAN, NULL, -180, 180, NULL,
     P_AUTO, "east positive; auto = from the weather file"},
    {S_SITE, "elevation_m", P_NUMBER, TOP(elevation_m), 0, "m", NAN, NULL, -500, 9000, NULL, P_AUTO,
     "above sea level; auto = from the weather file"},
    {S_SITE, "delta_t_s", P_NUMBER, TOP(delta_t_s), 0, "s", NAN, NULL, -100, 300, NULL, P_AUTO,
     "TT - UT for the solar position; auto = Espenak & Meeus (NASA 2006) polynomial"},
    {S_GRID, "import_limit_kw", P_NUMBER, TOP(grid.import_limit_kw), 0, "kW", INFINITY, NULL, 0, 1e9,
     NULL, P_UNLIMITED, "largest import; unlimited by default"},
    {S_GRID, "export_limit_kw", P_NUMBER, TOP(grid.export_limit_kw), 0, "kW", INFINITY, NULL, 0, 1e9,
     NULL, P_UNLIMITED, "largest export; 0 for on-site PPA systems that may not export"},
    {S_GRID, "emission_factor_kg_per_kwh", P_NUMBER, TOP(grid.emission_factor_kg_per_kwh), 0,
     "kg-CO2/kWh", 0, NULL, 0, 2, NULL, P_REQUIRED,
     "CO2 of imported electricity: the supplier's factor from the MOE/METI list (電気事業者別排出係数)"},
    {S_BATTERY, "energy_kwh", P_NUMBER, TOP(battery.energy_kwh), 0, "kWh", 0, NULL, 0, 1e8, NULL, 0,
     "nominal energy capacity; 0 = no battery"},
    {S_BATTERY, "power_kw", P_NUMBER, TOP(battery.power_kw), 0, "kW", 0, NULL, 0, 1e8, NULL, 0,
     "charge and discharge power limit (AC)"},
    {S_BATTERY, "charge_eff_pct", P_NUMBER, TOP(battery.charge_eff_pct), 0, "%", 92.2, NULL, 0, 100,
     NULL, P_OPEN_LOW, "AC to stored; 92.2 x 92.2 = 85 % round trip (NREL ATB 2023, utility battery)"},
    {S_BATTERY, "discharge_eff_pct", P_NUMBER, TOP(battery.discharge_eff_pct), 0, "%", 92.2, NULL, 0,
     100, NULL, P_OPEN_LOW, "stored to AC; see charge_eff_pct"},
    {S_BATTERY, "soc_min_pct", P_NUMBER, TOP(battery.soc_min_pct), 0, "%", 10, NULL, 0, 100, NULL, 0,
     "lowest state of charge (10 %: common lithium-ion warranty window)"},
    {S_BATTERY, "soc_max_pct", P_NUMBER, TOP(battery.soc_max_pct), 0, "%", 90, NULL, 0, 100, NULL, 0,
     "highest state of charge (90 %: common lithium-ion warranty window)"},
    {S_BATTERY, "soc_initial_pct", P_NUMBER, TOP(battery.soc_initial_pct), 0, "%", 50, NULL, 0, 100,
     NULL, 0, "state of charge at the start of the year"},
    {S_BATTERY, "self_discharge_pct_per_day", P_NUMBER, TOP(battery.self_discharge_pct_per_day), 0,
     "%/day", 0.1, NULL, 0, 100, NULL, 0, "loss of stored energy (~3 %/month for lithium-ion cells)"},
    {S_DISPATCH, "deficit_order", P_ORDER, TOP(dispatch.deficit_order), TOP(dispatch.n_deficit), "",
     0, "[battery, grid]", 0, 0, RESOURCES, 0, "who covers demand PV cannot, in order"},
    {S_DISPATCH, "surplus_order", P_ORDER, TOP(dispatch.surplus_order), TOP(dispatch.n_surplus), "",
     0, "[battery, grid]", 0, 0, RESOURCES, 0,
     "who takes PV surplus, in order (grid = export); the rest is curtailed"},
    {S_GHG, "statistics_dir", P_PATH, TOP(ghg.statistics_dir), TXT(ghg.statistics_dir), "", 0, "", 0, 0, NULL,
     0, "folder with emissions.csv and indicators.csv (see inputs/ghg/README.md); empty = no GHG estimate"},
    {S_GHG, "municipality", P_TEXT, TOP(ghg.municipality), TXT(ghg.municipality), "", 0, "", 0, 0, NULL, 0,
     "5-digit municipal code; its first two digits name the prefecture"},
    {S_GHG, "base_year", P_INTEGER, TOP(ghg.base_year), 0, "", 2013, NULL, 1990, 2100, NULL, 0,
     "base fiscal year (FY2013: 地球温暖化対策計画, 2021)"},
    {S_GHG, "years", P_INTLIST, TOP(ghg.years), TOP(ghg.n_years), "", 0, "[]", 1990, 2100, NULL, 0,
     "further fiscal years of statistics to estimate, e.g. [2020, 2021]"},
    {S_GHG, "target_reduction_pct", P_NUMBER, TOP(ghg.target_reduction_pct), 0, "%", 46, NULL, 0, 100, NULL, 0,
     "municipal target below the base year (default 46: national FY2030 target, 地球温暖化対策計画 2021)"},
    {S_GHG, "scenario_link", P_CHOICE, TOP(ghg.scenario_link), 0, "", 1, NULL, 0, 0, LINK, 0,
     "electricity: the scenario year's electricity CO2 of linked sectors from simulated imports; off"},
    {S_GHG, "methods_file", P_PATH, TOP(ghg.methods_file), TXT(ghg.methods_file), "", 0, "", 0, 0, NULL, 0,
     "allocation rules per sector; default: the bundled inputs/ghg/methods.csv"},
    {S_GHG, "factors_file", P_PATH, TOP(ghg.factors_file), TXT(ghg.factors_file), "", 0, "", 0, 0, NULL, 0,
     "fuel and waste emission factors; default: the bundled inputs/ghg/factors.csv"},
    {S_GHG, "facilities_file", P_PATH, TOP(ghg.facilities_file), TXT(ghg.facilities_file), "", 0, "", 0, 0, NULL,
     0, "bottom-up data: reported emissions or fuel use of large facilities, measured sector totals"},
    {S_PV, "name", P_TEXT, PVO(name), PVT(name), "", 0, NULL, 0, 0, NULL, P_REQUIRED,
     "array name (unique)"},
    {S_PV, "capacity_kw", P_NUMBER, PVO(capacity_kw), 0, "kW", 0, NULL, 0, 1e7, NULL, P_REQUIRED,
     "DC nameplate at STC (kWp)"},
    {S_PV, "tilt_deg", P_NUMBER, PVO(tilt_deg), 0, "deg", 20, NULL, 0, 90, NULL, 0,
     "from horizontal (PVWatts v8 default 20)"},
    {S_PV, "azimuth_deg", P_NUMBER, PVO(azimuth_deg), 0, "deg", 180, NULL, 0, 360, NULL, 0,
     "direction faced, clockwise from north: 90 east, 180 south, 270 west"},
    {S_PV, "mounting", P_CHOICE, PVO(mounting), 0, "", 0, NULL, 0, 0, MOUNTING, 0,
     "thermal preset: rooftop, open_rack, carport or floating (pond)"},
    {S_PV, "temperature_model", P_CHOICE, PVO(temp_model), 0, "", 0, NULL, 0, 0, TEMP, 0,
     "auto: SAPM, Faiman for floating"},
    {S_PV, "transposition", P_CHOICE, PVO(transposition), 0, "", 0, NULL, 0, 0, TRANSP, 0,
     "sky diffuse model: perez (1990), haydavies or isotropic"},
    {S_PV, "contract", P_CHOICE, PVO(contract), 0, "", 0, NULL, 0, 0, CONTRACT, 0,
     "onsite_ppa, offsite_ppa or owned"},
    {S_PV, "albedo", P_NUMBER, PVO(albedo), 0, "", NAN, NULL, 0, 1, NULL, P_AUTO,
     "ground reflectance; auto = 0.20 on land (common default), 0.06 on water (Payne 1972)"},
    {S_PV, "dc_ac_ratio", P_NUMBER, PVO(dc_ac_ratio), 0, "", 1.2, NULL, 0.5, 3, NULL, 0,
     "DC nameplate / inverter AC rating (PVWatts default 1.2)"},
    {S_PV, "losses_pct", P_NUMBER, PVO(losses_pct), 0, "%", 14, NULL, 0, 99, NULL, 0,
     "DC system losses: soiling, wiring, mismatch... (PVWatts default 14)"},
    {S_PV, "gamma_pct_per_c", P_NUMBER, PVO(gamma_pct_per_c), 0, "%/degC", -0.37, NULL, -2, 0, NULL,
     0, "power temperature coefficient (PVWatts standard module -0.37)"},
    {S_PV, "inverter_eff_pct", P_NUMBER, PVO(inverter_eff_pct), 0, "%", 96, NULL, 50, 100, NULL, 0,
     "nominal inverter efficiency (PVWatts default 96)"},
    {S_PV, "degradation_pct_per_year", P_NUMBER, PVO(degradation_pct_per_year), 0, "%/year", 0.5,
     NULL, 0, 10, NULL, 0, "output loss per year of age (Jordan & Kurtz 2013 median 0.5)"},
    {S_PV, "install_year", P_INTEGER, PVO(install_year), 0, "", 0, NULL, 1970, 2099, NULL, P_AUTO,
     "year of commissioning; auto = the scenario year (no degradation)"},
    {S_LOAD, "name", P_TEXT, LDO(name), LDT(name), "", 0, NULL, 0, 0, NULL, P_REQUIRED,
     "load name (unique)"},
    {S_LOAD, "sector", P_CHOICE, LDO(sector), 0, "", 0, NULL, 0, 0, SECTOR, P_REQUIRED,
     "household (家庭), commercial (業務その他), public, industry, ev_charging, agriculture"},
    {S_LOAD, "annual_kwh", P_NUMBER, LDO(annual_kwh), 0, "kWh", 0, NULL, 0, 1e11, NULL, 0,
     "annual consumption before saving; with profile_file, 0 = use the profile as is"},
    {S_LOAD, "shape", P_CHOICE, LDO(shape), 0, "", 0, NULL, 0, 0, dc_shape_names, 0,
     "bundled normalized shape (month x weekday/off day x hour); auto = by sector"},
    {S_LOAD, "profile_file", P_PATH, LDO(profile_file), LDT(profile_file), "", 0, "", 0, 0, NULL, 0,
     "measured CSV, one kWh value per step (last column); replaces the shape"},
    {S_LOAD, "saving_pct", P_NUMBER, LDO(saving_pct), 0, "%", 0, NULL, 0, 100, NULL, P_OPEN_HIGH,
     "efficiency saving applied to the whole load"},
};
const size_t dc_n_params = sizeof dc_params / sizeof dc_params[0];
_Static_assert(sizeof dc_params / sizeof dc_params[0] <= sizeof(((dc_scenario *)0)->key_line) / sizeof(int),
               "key_line must hold a line for every parameter row");

int dc_section_is_list(dc_psection s) { return s == S_PV || s == S_LOAD; }

const dc_param *dc_param_find(dc_psection s, const char *key)
{
    for (size_t i = 0; i < dc_n_params; i++)
        if (dc_params[i].section == s && strcmp(dc_params[i].key, key) == 0) return &dc_params[i];
    return NULL;
}

void *dc_param_ptr(const dc_param *p, dc_scenario *s, int item)
{
    if (p->section == S_PV) return (char *)&s->pv[item] + p->offset;
    if (p->section == S_LOAD) return (char *)&s->loads[item] + p->offset;
    return (char *)s + p->offset;
}

const void *dc_param_cptr(const dc_param *p, const dc_scenario *s, int item)
{
    return dc_param_ptr(p, (dc_scenario *)s, item);
}

static int choice_index(const char *const *choices, const char *text)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(choices[i], text) == 0) return i;
    return -1;
}

static void choice_list(const char *const *choices, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int i = 0; choices[i]; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", i ? ", " : "", choices[i]);
    }
}

/* Unit suffixes accepted for a row's unit, with their factor to it. */
typedef struct {
    const char *unit, *alt;
    double factor;
} unit_alias;

static const unit_alias UNIT_ALIASES[] = {
    {"kW", "W", 1e-3}, {"kW", "MW", 1e3}, {"kWh", "Wh", 1e-3}, {"kWh", "MWh", 1e3},
    {"kWh", "GWh", 1e6}, {"kWh", "kWh/year", 1}, {"kWh", "MWh/year", 1e3},
};

static int unit_factor(const char *want, const char *got, double *factor)
{
    if (strcmp(want, got) == 0) return (*factor = 1.0), 0;
    for (size_t i = 0; i < sizeof UNIT_ALIASES / sizeof UNIT_ALIASES[0]; i++)
        if (strcmp(UNIT_ALIASES[i].unit, want) == 0 && strcmp(UNIT_ALIASES[i].alt, got) == 0)
            return (*factor = UNIT_ALIASES[i].factor), 0;
    return -1;
}

static int parse_number(const dc_param *p, const char *text, double *out, char *err, size_t n)
{
    if ((p->flags & P_AUTO) && strcmp(text, "auto") == 0) return (*out = NAN), 0;
    if ((p->flags & P_UNLIMITED) && (!strcmp(text, "unlimited") || !strcmp(text, ".inf")))
        return (*out = INFINITY), 0;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno == ERANGE || !isfinite(v)) {
        snprintf(err, n, "expected a number%s%s, got '%s'", *p->unit ? " in " : "", p->unit, text);
        return -1;
    }
    while (*end == ' ') end++;
    double factor = 1.0;
    if (*end && unit_factor(p->unit, end, &factor)) {
        snprintf(err, n, "unit '%s' does not fit: this value is in %s", end,
                 *p->unit ? p->unit : "no unit (a plain number)");
        return -1;
    }
    *out = v * factor;
    return 0;
}

static int check_range(const dc_param *p, double v, char *err, size_t n)
{
    if (isnan(v) || isinf(v)) return 0;
    int low = (p->flags & P_OPEN_LOW) ? v <= p->lo : v < p->lo;
    int high = (p->flags & P_OPEN_HIGH) ? v >= p->hi : v > p->hi;
    if (!low && !high) return 0;
    snprintf(err, n, "%g %s is out of range %s%g, %g%s", v, p->unit, (p->flags & P_OPEN_LOW) ? "(" : "[",
             p->lo, p->hi, (p->flags & P_OPEN_HIGH) ? ")" : "]");
    return -1;
}

static int parse_integer(const dc_param *p, const char *text, int *out, char *err, size_t n)
{
    if ((p->flags & P_AUTO) && strcmp(text, "auto") == 0) return (*out = 0), 0;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno) {
        snprintf(err, n, "expected a whole number, got '%s'", text);
        return -1;
    }
    if (check_range(p, (double)v, err, n)) return -1;
    *out = (int)v;
    return 0;
}

static int parse_path(const dc_param *p, char *dst, const char *text, const char *dir, char *err,
                      size_t n)
{
    if (!*text) return (dst[0] = '\0'), 0;
    int len = text[0] == '/' || !dir || !*dir ? snprintf(dst, p->size, "%s", text)
                                               : snprintf(dst, p->size, "%s/%s", dir, text);
    if (len < 0 || (size_t)len >= p->size) {
        snprintf(err, n, "path is too long");
        return -1;
    }
    char full[PATH_MAX];
    if (access(dst, R_OK) != 0 || !realpath(dst, full)) {
        snprintf(err, n, "cannot read '%s': %s", dst, strerror(errno));
        return -1;
    }
    if (strlen(full) < p->size) memcpy(dst, full, strlen(full) + 1); /* absolute: resolved file runs anywhere */
    return 0;
}

/* Order: "[a, b]" or "a, b" or "a". */
static int parse_order(const dc_param *p, dc_scenario *s, const char *text, char *err, size_t n)
{
    int *list = (int *)((char *)s + p->offset), *count = (int *)((char *)s + p->size), k = 0;
    char buf[256], names[128];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save, *tok = strtok_r(buf, "[], ", &save); tok; tok = strtok_r(NULL, "[], ", &save)) {
        int idx = choice_index(p->choices, tok);
        if (idx < 0 || k >= DC_MAX_ORDER) {
            choice_list(p->choices, names, sizeof names);
            snprintf(err, n, "'%s' is not one of: %s", tok, names);
            return -1;
        }
        for (int j = 0; j < k; j++)
            if (list[j] == idx) {
                snprintf(err, n, "'%s' is listed twice", tok);
                return -1;
            }
        list[k++] = idx;
    }
    *count = k;
    return 0;
}

/* Int list: "[2020, 2021]", "2020,2021" or "2020". */
static int parse_intlist(const dc_param *p, dc_scenario *s, const char *text, char *err, size_t n)
{
    int *list = (int *)((char *)s + p->offset), *count = (int *)((char *)s + p->size), k = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *save, *tok = strtok_r(buf, "[], ", &save); tok; tok = strtok_r(NULL, "[], ", &save)) {
        int v;
        if (k >= DC_MAX_ORDER) {
            snprintf(err, n, "at most %d values", DC_MAX_ORDER);
            return -1;
        }
        if (parse_integer(p, tok, &v, err, n)) return -1;
        list[k++] = v;
    }
    *count = k;
    return 0;
}

int dc_param_parse(const dc_param *p, dc_scenario *s, int item, const char *text, const char *dir,
                   char *err, size_t n)
{
    void *slot = dc_param_ptr(p, s, item);
    double v;
    switch (p->type) {
    case P_NUMBER:
        if (parse_number(p, text, &v, err, n) || check_range(p, v, err, n)) return -1;
        *(double *)slot = v;
        return 0;
    case P_INTEGER: return parse_integer(p, text, slot, err, n);
    case P_TEXT:
        if (strlen(text) >= p->size) {
            snprintf(err, n, "text longer than %zu characters", p->size - 1);
            return -1;
        }
        memcpy(slot, text, strlen(text) + 1);
        return 0;
    case P_PATH: return parse_path(p, slot, text, dir, err, n);
    case P_CHOICE: {
        int idx = choice_index(p->choices, text);
        if (idx < 0) {
            char names[256];
            choice_list(p->choices, names, sizeof names);
            snprintf(err, n, "'%s' is not one of: %s", text, names);
            return -1;
        }
        *(int *)slot = idx;
        return 0;
    }
    case P_ORDER: return parse_order(p, s, text, err, n);
    case P_INTLIST: return parse_intlist(p, s, text, err, n);
    }
    return -1;
}

void dc_params_default(dc_scenario *s, dc_psection sec, int item)
{
    char err[256];
    for (size_t i = 0; i < dc_n_params; i++) {
        const dc_param *p = &dc_params[i];
        if (p->section != sec) continue;
        void *slot = dc_param_ptr(p, s, item);
        switch (p->type) {
        case P_NUMBER: *(double *)slot = p->def; break;
        case P_INTEGER:
        case P_CHOICE: *(int *)slot = (int)p->def; break;
        case P_TEXT:
        case P_PATH: ((char *)slot)[0] = '\0'; break;
        case P_ORDER:
        case P_INTLIST: dc_param_parse(p, s, item, p->def_text, NULL, err, sizeof err); break;
        }
    }
}

/* YAML double-quoted scalar. */
static void quote(const char *text, char *buf, size_t len)
{
    size_t k = 0;
    if (len < 3) return;
    buf[k++] = '"';
    for (const char *c = text; *c && k + 3 < len; c++) {
        if (*c == '"' || *c == '\\') buf[k++] = '\\';
        buf[k++] = *c;
    }
    buf[k++] = '"';
    buf[k] = '\0';
}

void dc_param_format(const dc_param *p, const dc_scenario *s, int item, char *buf, size_t len)
{
    const void *slot = dc_param_cptr(p, s, item);
    switch (p->type) {
    case P_NUMBER: {
        double v = *(const double *)slot;
        if (isnan(v)) snprintf(buf, len, "auto");
        else if (isinf(v)) snprintf(buf, len, "unlimited");
        else snprintf(buf, len, "%.17g", v);
        return;
    }
    case P_INTEGER:
        if ((p->flags & P_AUTO) && *(const int *)slot == 0) snprintf(buf, len, "auto");
        else snprintf(buf, len, "%d", *(const int *)slot);
        return;
    case P_TEXT:
    case P_PATH: quote(slot, buf, len); return;
    case P_CHOICE: snprintf(buf, len, "%s", p->choices[*(const int *)slot]); return;
    case P_ORDER:
    case P_INTLIST: {
        const int *list = slot, *count = (const int *)((const char *)s + p->size);
        size_t used = (size_t)snprintf(buf, len, "[");
        for (int k = 0; k < *count && used < len; k++) {
            if (p->choices) used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "", p->choices[list[k]]);
            else used += (size_t)snprintf(buf + used, len - used, "%s%d", k ? ", " : "", list[k]);
        }
        if (used < len) snprintf(buf + used, len - used, "]");
        return;
    }
    }
}

/* Public listing (decarb params). */
size_t dc_param_count(void) { return dc_n_params; }

static const char *type_name(dc_ptype t)
{
    static const char *const names[] = {"number", "integer", "text", "path", "choice", "list", "years"};
    return names[t];
}

static void default_text(const dc_param *p, char *buf, size_t len)
{
    if (p->flags & P_REQUIRED) snprintf(buf, len, "required");
    else if (p->type == P_NUMBER && isnan(p->def)) snprintf(buf, len, "auto");
    else if (p->type == P_NUMBER && isinf(p->def)) snprintf(buf, len, "unlimited");
    else if (p->type == P_NUMBER) snprintf(buf, len, "%g", p->def);
    else if (p->type == P_INTEGER && (p->flags & P_AUTO)) snprintf(buf, len, "auto");
    else if (p->type == P_INTEGER) snprintf(buf, len, "%d", (int)p->def);
    else if (p->type == P_CHOICE) snprintf(buf, len, "%s", p->choices[(int)p->def]);
    else snprintf(buf, len, "%s", p->def_text && *p->def_text ? p->def_text : "\"\"");
}

int dc_param_get(size_t i, dc_param_info *out)
{
    if (i >= dc_n_params) return -1;
    const dc_param *p = &dc_params[i];
    out->type = type_name(p->type);
    out->unit = p->unit;
    out->help = p->help;
    out->key = p->key;
    out->section = dc_section_names[p->section];
    out->is_list = dc_section_is_list(p->section);
    default_text(p, out->deflt, sizeof out->deflt);
    if (p->choices) choice_list(p->choices, out->range, sizeof out->range);
    else if (p->type == P_NUMBER || p->type == P_INTEGER || p->type == P_INTLIST)
        snprintf(out->range, sizeof out->range, "%s%g, %g%s", (p->flags & P_OPEN_LOW) ? "(" : "[", p->lo,
                 p->hi, (p->flags & P_OPEN_HIGH) ? ")" : "]");
    else snprintf(out->range, sizeof out->range, "-");
    return 0;
}

#!/usr/bin/env python3
"""Writes the bundled load shapes (ILLUSTRATIVE) as month x daytype x hour CSVs.

Each weight = monthly factor x hourly factor of the day type. decarb only
uses the weights relative to each other: a load's annual kWh is spread over
the year in proportion to them. The factors below are ILLUSTRATIVE: set by
hand to common qualitative patterns (household morning and evening peaks
and winter-high use, office hours 8:30-17:15 of municipal offices, school
school vacations given by day (the scenario's school_vacations, through a
load's closed_days) rather than by month, shops busier on weekends than on
weekdays, overnight charging of official cars),
not fitted to any measured data set.
Replace them with measured smart-meter (30-minute) data where you have it,
through a load's profile_file.
Run: python3 generate_shapes.py (writes the CSVs next to this script)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

def ramp(values):
    assert len(values) == 24
    return values

SHAPES = {
    "household": dict(
        note="households (家庭): morning and evening peaks, winter heating high",
        monthly=[1.25, 1.20, 1.05, 0.90, 0.80, 0.80, 0.95, 1.10, 0.95, 0.85, 0.90, 1.10],
        weekday=ramp([0.55, 0.50, 0.45, 0.45, 0.45, 0.55, 0.85, 1.10, 1.00, 0.80, 0.70, 0.70,
                      0.75, 0.70, 0.70, 0.75, 0.90, 1.15, 1.40, 1.50, 1.45, 1.30, 1.05, 0.75]),
        offday=ramp([0.60, 0.55, 0.50, 0.45, 0.45, 0.50, 0.65, 0.90, 1.05, 1.05, 1.00, 1.00,
                     1.05, 1.00, 0.95, 0.95, 1.05, 1.20, 1.40, 1.50, 1.45, 1.30, 1.05, 0.80])),
    "commercial": dict(
        note="shops and offices (業務その他): business hours, summer cooling peak",
        monthly=[1.05, 1.05, 1.00, 0.90, 0.90, 1.00, 1.15, 1.20, 1.05, 0.90, 0.90, 1.00],
        weekday=ramp([0.35, 0.35, 0.35, 0.35, 0.35, 0.40, 0.55, 0.80, 1.20, 1.40, 1.45, 1.45,
                      1.40, 1.45, 1.45, 1.40, 1.35, 1.25, 1.05, 0.85, 0.70, 0.55, 0.45, 0.40]),
        offday=ramp([0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.40, 0.50, 0.70, 0.90, 1.00, 1.00,
                     1.00, 1.00, 1.00, 0.95, 0.90, 0.85, 0.75, 0.65, 0.55, 0.45, 0.40, 0.35])),
    "public_office": dict(
        note="town hall (庁舎): office hours 8:30-17:15, low on off days",
        monthly=[1.10, 1.10, 1.00, 0.90, 0.85, 0.95, 1.10, 1.15, 1.00, 0.90, 0.90, 1.05],
        weekday=ramp([0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.35, 0.70, 1.40, 1.60, 1.60, 1.55,
                      1.35, 1.55, 1.55, 1.50, 1.40, 1.00, 0.60, 0.45, 0.35, 0.30, 0.25, 0.25]),
        offday=ramp([0.25] * 8 + [0.30] * 10 + [0.25] * 6)),
    "school": dict(
        note="school (学校): lessons 8-16 on school days; vacations take the off-day weights (closed_days)",
        monthly=[1.00, 1.05, 0.95, 0.95, 0.95, 1.05, 1.05, 1.05, 1.05, 0.95, 0.95, 0.95],
        weekday=ramp([0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.30, 0.80, 1.60, 1.80, 1.80, 1.75,
                      1.50, 1.70, 1.60, 1.30, 0.90, 0.60, 0.40, 0.30, 0.25, 0.20, 0.20, 0.20]),
        offday=ramp([0.20] * 8 + [0.30] * 10 + [0.20] * 6)),
    "industry": dict(
        note="small factory (産業): two shifts on weekdays",
        monthly=[1.00, 1.00, 1.00, 1.00, 0.95, 1.00, 1.05, 0.95, 1.00, 1.00, 1.00, 1.00],
        weekday=ramp([0.50, 0.50, 0.50, 0.50, 0.50, 0.55, 0.80, 1.30, 1.50, 1.50, 1.50, 1.50,
                      1.30, 1.50, 1.50, 1.50, 1.45, 1.30, 1.20, 1.10, 1.00, 0.80, 0.60, 0.50]),
        offday=ramp([0.40] * 24)),
    "ev_charging": dict(
        note="official-car charging (公用車): plugged in after work, charged overnight",
        monthly=[1.15, 1.10, 1.00, 0.95, 0.95, 0.95, 1.00, 1.00, 0.95, 0.95, 1.00, 1.10],
        weekday=ramp([1.60, 1.60, 1.50, 1.30, 1.00, 0.60, 0.20, 0.10, 0.10, 0.20, 0.30, 0.30,
                      0.40, 0.30, 0.30, 0.30, 0.40, 1.00, 1.60, 1.80, 1.80, 1.80, 1.70, 1.60]),
        offday=ramp([0.50] * 6 + [0.20] * 12 + [0.40] * 6)),
    "retail": dict(
        note="shops and supermarkets (小売): open 9-21, weekends and holidays busier than weekdays",
        monthly=[1.00, 0.95, 0.95, 0.95, 1.00, 1.05, 1.15, 1.20, 1.05, 0.95, 0.95, 1.10],
        weekday=ramp([0.40, 0.40, 0.40, 0.40, 0.40, 0.45, 0.55, 0.75, 1.05, 1.30, 1.40, 1.40,
                      1.40, 1.40, 1.40, 1.40, 1.45, 1.50, 1.50, 1.40, 1.30, 0.80, 0.50, 0.45]),
        offday=ramp([0.40, 0.40, 0.40, 0.40, 0.40, 0.45, 0.55, 0.80, 1.15, 1.50, 1.65, 1.70,
                     1.70, 1.70, 1.70, 1.65, 1.65, 1.65, 1.60, 1.45, 1.30, 0.80, 0.50, 0.45])),
    "flat": dict(
        note="constant load (pumps, street lighting averaged): every hour alike",
        monthly=[1.0] * 12, weekday=[1.0] * 24, offday=[1.0] * 24),
}

def write(name, spec):
    lines = [
        f"# decarb load shape '{name}': {spec['note']}",
        "# ILLUSTRATIVE: relative weights set by hand (monthly factor x hourly factor), not measured.",
        "# Basis and how to replace them: generate_shapes.py in this folder. Units: none (relative).",
        "month,daytype," + ",".join(f"h{h:02d}" for h in range(24)),
    ]
    for m in range(12):
        for daytype in ("weekday", "offday"):
            row = [spec["monthly"][m] * v for v in spec[daytype]]
            lines.append(f"{m + 1},{daytype}," + ",".join(f"{v:.4f}" for v in row))
    with open(os.path.join(HERE, f"{name}.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")

for shape_name, shape in SHAPES.items():
    write(shape_name, shape)

#!/usr/bin/python3
"""Reads application.xlsx back as a spreadsheet user would and compares it
with the CSVs of the same run: python3 workbook_check.py OUTDIR [ja|en].
Prints what it checked; exits non-zero on the first difference."""
import csv
import datetime
import sys
import zipfile

import openpyxl

out = sys.argv[1]
lang = sys.argv[2] if len(sys.argv) > 2 else "ja"
names = {
    "ja": {"summary": "概要", "netzero": "実質ゼロ表", "monthly": "月別", "hourly": "時間別", "costs": "費用"},
    "en": {"summary": "summary", "netzero": "netzero", "monthly": "monthly", "hourly": "hourly", "costs": "costs"},
}[lang]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def close(a, b, what, tol=1e-6):
    if abs(a - b) > tol * max(1.0, abs(b)):
        fail(f"{what}: workbook {a} vs CSV {b}")
    print(f"ok {what}: {a:.6g}")


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


wb = openpyxl.load_workbook(f"{out}/application.xlsx")
for key, sheet in names.items():
    if sheet not in wb.sheetnames:
        fail(f"no sheet {sheet} among {wb.sheetnames}")

# summary.csv: the town's year row, energies in kWh; the workbook in MWh.
# Columns by position: their headers are Japanese with language: ja.
summary = rows(f"{out}/summary.csv")
town = next(r for r in summary[1:] if r[0] == "town" and r[2].startswith("FY"))
ws = wb[names["summary"]]
values = [ws.cell(row=r, column=2).value for r in range(4, 8)]
for got, key, col in zip(values, ["demand", "pv", "grid_import", "grid_export"], [3, 4, 9, 10]):
    close(got, float(town[col]) / 1000, f"summary {key} ({summary[0][col]})")

# netzero.csv: A and B.
table = {r[0] + ":" + r[1]: r for r in rows(f"{out}/netzero.csv")[1:]}
a_csv = float(next(v for k, v in table.items() if k.startswith("A:"))[3])
close(wb[names["netzero"]].cell(row=2, column=2).value, a_csv, "net-zero A")

# economics.csv: capex of the first item.
econ = rows(f"{out}/economics.csv")
close(wb[names["costs"]].cell(row=2, column=5).value, float(econ[1][5]), "capex of " + econ[1][1])

# hourly: Excel dates, one row per step, the first equal to hourly.csv's.
hourly = wb[names["hourly"]]
first = hourly.cell(row=2, column=1).value
if not isinstance(first, datetime.datetime):
    fail(f"the time column holds {type(first).__name__}, not a date")
steps = hourly.max_row - 1
with open(f"{out}/hourly.csv", encoding="utf-8-sig") as f:
    lines = f.read().splitlines()
if steps != len(lines) - 1:
    fail(f"{steps} hourly rows vs {len(lines) - 1} in hourly.csv")
cells = lines[1].split(",")
if first.strftime("%Y-%m-%dT%H:%M") != cells[0][:16] or first.strftime("%Y-%m-%d %H:%M") != cells[1]:
    fail(f"first time {first} vs {cells[:2]}")
close(hourly.cell(row=2, column=2).value, float(cells[2]), "first demand")
for r, line in enumerate(lines[1:], start=2):  # every step's date, not only the first
    when = hourly.cell(row=r, column=1).value
    if when.strftime("%Y-%m-%d %H:%M") != line.split(",", 2)[1]:
        fail(f"row {r}: time {when} vs {line.split(',', 2)[:2]}")
print(f"ok hourly: {steps} rows from {first}")

# Charts: five native ones (monthly by source, monthly demand, two weeks, duration).
with zipfile.ZipFile(f"{out}/application.xlsx") as z:
    charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
if len(charts) < 5:
    fail(f"{len(charts)} charts")
print(f"ok charts: {len(charts)}")

#!/usr/bin/python3
"""Writes town_hall_fy2023_30min.csv: an ILLUSTRATIVE 30-minute meter export
of a town hall for FY2023 (2023-04-01 to 2024-03-31), one row per day with
48 slots in kWh, Shift_JIS, as a utility's 30分値 download is laid out.

NOT MEASURED DATA: 25 kW of base load; on working days 95 kW more from
8:30 to 17:30 (lights, office equipment), a third more in July-September
(cooling) and a sixth more in December-February (heating); off days are
weekends, national holidays (the Cabinet Office list) and 29 Dec - 3 Jan.
"""
import datetime as dt

HOLIDAYS = {dt.date(2023, 4, 29), dt.date(2023, 5, 3), dt.date(2023, 5, 4), dt.date(2023, 5, 5),
            dt.date(2023, 7, 17), dt.date(2023, 8, 11), dt.date(2023, 9, 18), dt.date(2023, 9, 23),
            dt.date(2023, 10, 9), dt.date(2023, 11, 3), dt.date(2023, 11, 23), dt.date(2024, 1, 1),
            dt.date(2024, 1, 8), dt.date(2024, 2, 11), dt.date(2024, 2, 12), dt.date(2024, 2, 23),
            dt.date(2024, 3, 20)}   # 内閣府 syukujitsu.csv, FY2023


def off(d):
    return d.weekday() >= 5 or d in HOLIDAYS or (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


lines = ["年月日," + ",".join(f"{s // 2}:{s % 2 * 30:02d}～{(s + 1) // 2}:{(s + 1) % 2 * 30:02d}" for s in range(48))]
d = dt.date(2023, 4, 1)
while d < dt.date(2024, 4, 1):
    season = 4 / 3 if d.month in (7, 8, 9) else 7 / 6 if d.month in (12, 1, 2) else 1.0
    kw = [25 + (95 * season if not off(d) and 17 <= s < 35 else 0) for s in range(48)]
    lines.append(d.strftime("%Y/%m/%d") + "," + ",".join(f"{k / 2:.1f}" for k in kw))
    d += dt.timedelta(days=1)
with open("town_hall_fy2023_30min.csv", "wb") as f:
    f.write(("\r\n".join(lines) + "\r\n").encode("cp932"))

#!/usr/bin/python3
"""Rewrites the bundled IWEC EPW (Tokyo Hyakuri) in the layout of a JMA
hourly download, so that the JMA reader has a whole year to run on.

NOT A JMA DOWNLOAD: the values are the EPW's (see README.md here for its
source); only the layout is the JMA's, as described on
https://www.data.jma.go.jp/risk/obsdl/top/help3.html (first line
ダウンロードした時刻, station row, element row, rows labelling 品質情報 and
均質番号; hour-ending stamps; 日射量 in MJ/m2 to 0.01; blank radiation at
night with quality 8). Dates are written as 2023, the EPW's months being
from different years. Run from this folder to remake hyakuri_iwec_jma_layout.csv.
"""
import csv

rows = list(csv.reader(open("JPN_Tokyo.Hyakuri.477150_IWEC.epw", encoding="ascii")))[8:]
out = ["ダウンロードした時刻：2026/11/27 12:00:00", "",
       "," + ",".join(["百里（IWEC）"] * 11),
       "年月日時," + ",".join(["気温(℃)"] * 3 + ["日射量(MJ/㎡)"] * 3 + ["風速(m/s)"] * 2 + ["現地気圧(hPa)"] * 3),
       ",,品質情報,均質番号,,品質情報,均質番号,,品質情報,,品質情報,均質番号"]
for r in rows:
    month, day, hour = int(r[1]), int(r[2]), int(r[3])        # EPW hour 1..24 ends the hour
    ghi_mj = float(r[13]) * 3600 / 1e6
    ghi = f"{ghi_mj:.2f}" if float(r[13]) > 0 else ""
    temp, wind, press = float(r[6]), float(r[21]), float(r[9]) / 100
    out.append(f"2023/{month}/{day} {hour}:00:00,{temp:.1f},8,1,{ghi},8,1,{wind:.1f},8,{press:.1f},8,1")
with open("hyakuri_iwec_jma_layout.csv", "wb") as f:
    f.write(("\r\n".join(out) + "\r\n").encode("cp932"))

#!/usr/bin/python3
"""Writes the JMA-format sample files of this folder (run it to remake them).

Layout: the JMA's description of its download files, "ダウンロードファイル(CSV
ファイル)の形式", https://www.data.jma.go.jp/risk/obsdl/top/help3.html (first
line ダウンロードした時刻, a blank line, station row, element row, rows naming
the extra columns 品質情報 / 均質番号 / 風向; hourly values stamped at the
hour's end). The values are ILLUSTRATIVE: a plausible late-February clear
day at Tateno (つくば), not observations.
"""
import datetime as dt

STATION = "つくば（館野）"
# MJ/m2 in the hour ending at 1..24 h, a clear late-February day
GHI = [None] * 6 + [0.00, 0.05, 0.45, 1.05, 1.60, 1.95, 2.10, 2.00, 1.70, 1.20, 0.70, 0.20, 0.01] + [None] * 5
TEMP = [1.2, 0.8, 0.5, 0.1, -0.3, -0.5, -0.4, 0.6, 2.4, 4.6, 6.5, 8.0, 9.1, 9.6, 9.5, 8.8, 7.4, 5.9, 4.8, 4.0,
        3.3, 2.7, 2.1, 1.6]


def rows(midnight):
    """72 hours from 2024-02-28 01:00 (leap day included); stamps of the
    hour ending at midnight written as midnight ('0:00') or '24:00'."""
    start = dt.datetime(2024, 2, 28)
    out = []
    for k in range(72):
        end = start + dt.timedelta(hours=k + 1)
        h = end.hour
        if h == 0 and midnight == "24":
            prev = end - dt.timedelta(days=1)
            stamp = f"{prev.year}/{prev.month}/{prev.day} 24:00:00"
        else:
            stamp = f"{end.year}/{end.month}/{end.day} {h}:00:00"
        hour_index = (h - 1) % 24            # 0 for the hour ending 1:00
        g = GHI[hour_index]
        gq = 8
        # the leap day carries one hour of every quality code (hours ending 11..15)
        if end.day == 29:
            codes = {11: (5, "1.40"), 12: (4, "1.70"), 13: (2, "1.90"), 14: (1, ""), 15: (0, "")}
            if h in codes:
                gq, g = codes[h]
        gtext = g if isinstance(g, str) else ("" if g is None else f"{g:.2f}")
        wind, wq = "2.1", 8
        if end.day == 1 and h == 3:
            wind, wq = "", 1                  # a missing wind hour
        out.append(f"{stamp},{TEMP[hour_index]:.1f},8,1,{gtext},{gq},1,{wind},{wq},北西,8,1,1013.2,8,1")
    return out


def header():
    n = 14
    return ["ダウンロードした時刻：2024/05/01 10:00:00", "",
            "," + ",".join([STATION] * n),
            "年月日時," + ",".join(["気温(℃)"] * 3 + ["日射量(MJ/㎡)"] * 3 + ["風速(m/s)"] * 5 + ["現地気圧(hPa)"] * 3),
            ",,,,,,,,,風向,風向,,,,",
            ",,品質情報,均質番号,,品質情報,均質番号,,品質情報,,品質情報,均質番号,,品質情報,均質番号"]


def write(name, lines, encoding):
    with open(name, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode(encoding))


if __name__ == "__main__":
    write("tateno_sjis.csv", header() + rows("0"), "cp932")
    write("tateno_utf8.csv", header() + rows("24"), "utf-8-sig")
    write("tateno_eucjp.csv", [h.replace("㎡", "m2") for h in header()] + rows("0"), "euc_jp")
    write("tateno_utf16.csv", header() + rows("0"), "utf-16")
    no_sun = [h for h in header()]
    no_sun[3] = "年月日時," + ",".join(["気温(℃)"] * 3 + ["日照時間(時間)"] * 4 + ["風速(m/s)"] * 5 + ["現地気圧(hPa)"] * 3)
    no_sun[5] = ",,品質情報,均質番号,,現象なし情報,品質情報,均質番号,,品質情報,,品質情報,均質番号,,品質情報,均質番号"
    no_sun[4] = ",,,,,,,,,,風向,風向,,,,"
    write("no_radiation.csv", no_sun + ["2024/2/28 1:00:00,1.2,8,1,0.0,1,8,1,2.1,8,北西,8,1,1013.2,8,1"], "cp932")
    write("error_page.csv", ["<!DOCTYPE html>", "<html><head><title>エラー</title></head>",
                             "<body>ただいまアクセスが集中しています。</body></html>"], "utf-8")

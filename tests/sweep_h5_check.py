"""sweep.h5 read back as the README shows, against sweep.csv: the same
columns in the same order, every number equal, every text equal.
Usage: sweep_h5_check.py DIR (holding sweep.csv and sweep.h5)."""
import sys

import h5py
import numpy as np
import pandas as pd

d = sys.argv[1]
h5 = pd.DataFrame(h5py.File(f"{d}/sweep.h5", "r")["cases"][()])
csv = pd.read_csv(f"{d}/sweep.csv", encoding="utf-8-sig")
assert list(h5.columns) == list(csv.columns), (list(h5.columns), list(csv.columns))
assert len(h5) == len(csv) and len(h5) > 0
for col in csv.columns:
    a, b = h5[col], csv[col]
    if a.dtype == object:
        assert (a.str.decode("utf-8") == b.astype(str)).all(), col
    else:
        assert np.array_equal(a.to_numpy(float), b.to_numpy(float), equal_nan=True), col
print(f"sweep.h5 = sweep.csv: {len(h5)} rows x {len(h5.columns)} columns")

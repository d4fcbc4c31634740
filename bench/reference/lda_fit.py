"""scikit-learn reference for the LDA fit: reads x (n×d float64) and labels (n int64), fits
LinearDiscriminantAnalysis(solver="eigen"), writes its scalings' first r columns (as rows) and prints timings."""
import argparse
import json
import time

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--r", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--repetitions", type=int, default=5)
    a = p.parse_args()
    raw = np.fromfile(a.data, dtype=np.float64)
    x = raw[: a.n * a.d].reshape(a.n, a.d)
    y = raw[a.n * a.d :].astype(np.int64)
    for rep in range(a.repetitions + 1):
        start = time.perf_counter()
        lda = LinearDiscriminantAnalysis(solver="eigen").fit(x, y)
        elapsed = time.perf_counter() - start
        if rep > 0:
            print(json.dumps({"seconds": elapsed}), flush=True)
    np.ascontiguousarray(lda.scalings_[:, : a.r].T).astype(np.float64).tofile(a.out)


if __name__ == "__main__":
    main()

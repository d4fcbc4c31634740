"""scikit-learn reference for a point's evaluation: reads train features (n×p float64) with labels and test features
(m×p) with labels, then, timed together as one evaluation: KMeans(k, k-means++, n_init=5) on the test features, NMI,
ARI and Hungarian-matched accuracy against the test labels, StandardScaler + multinomial LogisticRegression (lbfgs) on
the training features with C chosen so its objective equals ours (mean cross-entropy + l2 * ||W||^2), test accuracy.
Writes the last repetition's cluster labels (m int64) and prints one JSON line per timed repetition."""
import argparse
import json
import time

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score, confusion_matrix, normalized_mutual_info_score
from sklearn.preprocessing import StandardScaler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--m", type=int, required=True)
    p.add_argument("--p", type=int, required=True)
    p.add_argument("--k", type=int, required=True)
    p.add_argument("--l2", type=float, default=1e-4)
    p.add_argument("--out", required=True)
    p.add_argument("--repetitions", type=int, default=5)
    a = p.parse_args()
    raw = np.fromfile(a.data, dtype=np.float64)
    at = 0
    xs = raw[at : at + a.n * a.p].reshape(a.n, a.p); at += a.n * a.p
    ys = raw[at : at + a.n].astype(np.int64); at += a.n
    xt = raw[at : at + a.m * a.p].reshape(a.m, a.p); at += a.m * a.p
    yt = raw[at : at + a.m].astype(np.int64)
    # sklearn minimises 0.5||W||^2 + C * sum(CE); divided by C*n that is mean(CE) + ||W||^2 / (2 C n).
    c = 1.0 / (2.0 * a.l2 * a.n)
    for rep in range(a.repetitions + 1):
        start = time.perf_counter()
        clusters = KMeans(n_clusters=a.k, init="k-means++", n_init=5, random_state=rep).fit_predict(xt)
        nmi = normalized_mutual_info_score(yt, clusters)
        ari = adjusted_rand_score(yt, clusters)
        table = confusion_matrix(yt, clusters, labels=range(a.k))
        rows, cols = linear_sum_assignment(-table)
        matched = table[rows, cols].sum() / a.m
        scaler = StandardScaler().fit(xs)
        probe = LogisticRegression(C=c, max_iter=1000).fit(scaler.transform(xs), ys)
        accuracy = float((probe.predict(scaler.transform(xt)) == yt).mean())
        elapsed = time.perf_counter() - start
        if rep > 0:
            print(json.dumps({"seconds": elapsed, "nmi": nmi, "ari": ari, "cluster_acc": matched, "probe_acc": accuracy,
                              "probe_iterations": int(probe.n_iter_[0])}), flush=True)
    clusters.astype(np.int64).tofile(a.out)


if __name__ == "__main__":
    main()

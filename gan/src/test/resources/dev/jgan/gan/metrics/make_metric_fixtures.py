"""Reference values for the GAN metrics, computed once with numpy/scipy as the published code does.

Run with Debian's python3 (numpy, scipy): /usr/bin/python3 make_metric_fixtures.py
Writes metric_fixtures.json next to this script; MetricFixturesTest compares the Java metrics with it.

- Frechet distance: pytorch-fid's calculate_frechet_distance (scipy.linalg.sqrtm of sigma1 @ sigma2).
- Kernel distance: Binkowski et al.'s unbiased MMD^2 with the cubic kernel, on whole sets (one subset).
- Precision/recall: Kynkaanniemi et al.'s k-th neighbour balls, k = 3, "inside" meaning distance <= radius.
- Parzen window: mean log density of the test points, Gaussians of width sigma on the samples.
"""
import json
import os

import numpy as np
from scipy import linalg
from scipy.special import logsumexp
from scipy.spatial.distance import cdist

rng = np.random.default_rng(20240601)
n, d = 50, 5
mix = rng.normal(size=(d, d))
x = rng.normal(size=(n, d)) @ mix
y = rng.normal(size=(n, d)) @ (0.7 * mix + 0.3 * np.eye(d)) + 0.4


def frechet(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean, _ = linalg.sqrtm(s1 @ s2, disp=False)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean.real))


def kernel_distance(a, b):
    k = lambda u, v: (u @ v.T / a.shape[1] + 1) ** 3
    m = a.shape[0]
    kxx, kyy, kxy = k(a, a), k(b, b), k(a, b)
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
                 - 2 * kxy.mean())


def precision_recall(real, fake, k=3):
    real_radii = np.sort(cdist(real, real), axis=1)[:, k]
    fake_radii = np.sort(cdist(fake, fake), axis=1)[:, k]
    d = cdist(fake, real)
    return float((d <= real_radii[None, :]).any(1).mean()), float((d.T <= fake_radii[None, :]).any(1).mean())


def parzen(samples, points, sigma):
    d2 = cdist(points, samples, 'sqeuclidean')
    ll = logsumexp(-d2 / (2 * sigma ** 2), axis=1) - np.log(len(samples)) \
        - 0.5 * samples.shape[1] * np.log(2 * np.pi * sigma ** 2)
    return float(ll.mean())


precision, recall = precision_recall(x, y)
fixture = {
    "x": x.tolist(),
    "y": y.tolist(),
    "frechetDistance": frechet(x, y),
    "kernelDistance": kernel_distance(x, y),
    "precision": precision,
    "recall": recall,
    "parzenSigma": 1.5,
    "parzenMeanLogLikelihood": parzen(y, x, 1.5),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric_fixtures.json"), "w") as f:
    json.dump(fixture, f, indent=1)
print({k: v for k, v in fixture.items() if k not in ("x", "y")})

"""PyTorch reference for the linear InfoNCE training step (the peer ContrastiveOrleans must match or beat).

Reads x, partner (n×d float32) and the initial map A (r×d float32) written by the bench harness, trains exactly as
src/Experiments/Training/LinearInfoNce.cs does (per-epoch random permutation, in-batch negatives, cross-entropy over
x·A^T (x+·A^T)^T / tau, Adam, cosine annealing per step), and prints one JSON line per repetition.
"""
import argparse
import json
import time

import numpy as np
import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--d", type=int, required=True)
    p.add_argument("--r", type=int, required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--lr", type=float, default=0.03)
    p.add_argument("--temperature", type=float, default=0.5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repetitions", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)

    raw = np.fromfile(a.data, dtype=np.float32)
    x = torch.from_numpy(raw[: a.n * a.d].reshape(a.n, a.d).copy())
    partner = torch.from_numpy(raw[a.n * a.d : 2 * a.n * a.d].reshape(a.n, a.d).copy())
    init = torch.from_numpy(raw[2 * a.n * a.d :].reshape(a.r, a.d).copy())

    for rep in range(a.repetitions + 1):  # repetition 0 is warm-up
        gen = torch.Generator().manual_seed(1)
        A = torch.nn.Parameter(init.clone())
        opt = torch.optim.Adam([A], lr=a.lr)
        steps_per_epoch = a.n // a.batch
        total = steps_per_epoch * a.epochs
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, max(total, 1))
        target = torch.arange(a.batch)
        start = time.perf_counter()
        loss = None
        for _ in range(a.epochs):
            order = torch.randperm(a.n, generator=gen)
            xe, pe = x.index_select(0, order), partner.index_select(0, order)
            for s in range(steps_per_epoch):
                opt.zero_grad()
                xb = xe.narrow(0, s * a.batch, a.batch)
                pb = pe.narrow(0, s * a.batch, a.batch)
                logits = (xb @ A.T) @ (pb @ A.T).T / a.temperature
                loss = torch.nn.functional.cross_entropy(logits, target)
                loss.backward()
                opt.step()
                sched.step()
        elapsed = time.perf_counter() - start
        if rep > 0:
            print(json.dumps({"steps": total, "seconds": elapsed, "steps_per_s": total / elapsed,
                              "final_loss": float(loss.item())}), flush=True)


if __name__ == "__main__":
    main()

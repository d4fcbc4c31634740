"""PyTorch reference for alpha-cl's CNN training step (src/Experiments/AlphaCl/ConvEncoder.cs, ConvContrastiveTrainer.cs).

Reads the initial parameters (conv1..conv3 weights and biases, then the two head layers, float32, in ConvEncoder's
order) and a fixed set of input batches (each 2N standardised views: N anchors then their N partners) written by the
bench harness, trains exactly as the C# step does (3x3 convolutions, the first two with stride 2, ReLU, average pooling
to pool x pool cells, head relu(W1 h + b1) -> W2, NT-Xent over unit-normalised outputs with the 2N - 2 other views as negatives,
Adam, constant learning rate), cycling through the batches, and prints one JSON line per repetition.
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn.functional as F


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--channels", type=int, required=True)
    p.add_argument("--width", type=int, required=True)
    p.add_argument("--pairs", type=int, required=True)
    p.add_argument("--batches", type=int, required=True)
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--pool", type=int, default=2)
    p.add_argument("--size", type=int, default=28)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--temperature", type=float, default=0.5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repetitions", type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)

    c, w, g = a.channels, a.width, a.pool
    f = 4 * c * g * g
    shapes = [(c, 1, 3, 3), (c,), (2 * c, c, 3, 3), (2 * c,), (4 * c, 2 * c, 3, 3), (4 * c,), (4 * c, f), (4 * c,), (w, 4 * c), (w,)]
    raw = np.fromfile(a.data, dtype=np.float32)
    init, at = [], 0
    for s in shapes:
        n = int(np.prod(s))
        init.append(torch.from_numpy(raw[at:at + n].reshape(s).copy()))
        at += n
    rows = 2 * a.pairs
    batches = torch.from_numpy(raw[at:].reshape(a.batches, rows, 1, a.size, a.size).copy())
    target = (torch.arange(rows) + a.pairs) % rows
    diagonal = torch.eye(rows, dtype=torch.bool)

    def forward(params, x):
        w1, b1, w2, b2, w3, b3, w4, b4, w5, b5 = params
        h = F.relu(F.conv2d(x, w1, b1, stride=2, padding=1))
        h = F.relu(F.conv2d(h, w2, b2, stride=2, padding=1))
        h = F.adaptive_avg_pool2d(F.relu(F.conv2d(h, w3, b3, padding=1)), g).flatten(1)
        return F.linear(F.relu(F.linear(h, w4, b4)), w5, b5)

    for rep in range(a.repetitions + 1):  # repetition 0 is warm-up
        params = [torch.nn.Parameter(t.clone()) for t in init]
        opt = torch.optim.Adam(params, lr=a.lr)
        start = time.perf_counter()
        loss = None
        for step in range(a.steps):
            opt.zero_grad()
            z = F.normalize(forward(params, batches[step % a.batches]), dim=1)
            logits = (z @ z.T / a.temperature).masked_fill(diagonal, float("-inf"))
            loss = F.cross_entropy(logits, target)
            loss.backward()
            opt.step()
        elapsed = time.perf_counter() - start
        if rep > 0:
            print(json.dumps({"steps": a.steps, "seconds": elapsed, "images_per_s": a.steps * rows / elapsed,
                              "final_loss": float(loss.item())}), flush=True)


if __name__ == "__main__":
    main()

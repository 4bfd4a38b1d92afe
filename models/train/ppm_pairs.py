"""PPM pairwise accuracy on held-out step pairs, by kind of pair (from_export.py labels):
  tree-vs-tree            both steps from the policy's own search tree (what MCTS asks the PPM to tell apart)
  reference-vs-tree       the generator's correct step over a policy step with Q < 0 at the same prefix
  reference-vs-corrupted  the correct step over the same step with one number changed
for the trained PPM and for the policy weights it started from. Every pair is scored (no sub-sampling).

    /usr/bin/python3 models/train/ppm_pairs.py --labels work/ppm-heldout-labels.jsonl --ppm work/ppm.pt \\
        --before work/policy.pt --out work/ppm-pairs.json
"""

import argparse
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import load_ckpt  # noqa: E402
from train_ppm import KINDS, pair_counts, pair_examples  # noqa: E402


def accuracy(model, labs):
    counts = pair_counts(model, pair_examples(labs))
    out = {k: {"pairs": counts.get(k, [0, 0])[1],
               "accuracy": round(counts[k][0] / counts[k][1], 4) if k in counts else None} for k in KINDS}
    right, n = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    out["all"] = {"pairs": n, "accuracy": round(right / n, 4) if n else None}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--ppm", required=True)
    ap.add_argument("--before", required=True, help="the checkpoint the PPM was initialised from")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    labs = [json.loads(line) for line in open(a.labels)]
    res = {"ppm": accuracy(load_ckpt(a.ppm)[0], labs), "before": accuracy(load_ckpt(a.before)[0], labs)}
    json.dump(res, open(a.out, "w"), indent=1)
    print(json.dumps(res))


if __name__ == "__main__":
    main()

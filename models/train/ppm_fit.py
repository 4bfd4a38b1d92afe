"""Can the PPM fit its own training pairs? Trains a PPM from a policy checkpoint on a few hundred step pairs
(generated problems: the generator's solution against copies with one error each, label.py's rStar-style
labels) and fails unless it ranks at least --require of those very pairs right. quick.sh runs it; a PPM set-up
that cannot memorise a few hundred pairs cannot learn from thousands.

    /usr/bin/python3 models/train/ppm_fit.py --problems data/train.jsonl --policy work/policy.pt --pairs 300
"""

import argparse
import json
import os
import random
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from label import CORRUPTIONS, label_problem, reference_samples  # noqa: E402
from model import load_ckpt  # noqa: E402
from train_ppm import n_pairs, pair_accuracy, pair_examples, require_packing, train  # noqa: E402


def fit_labels(problems, n_pairs, corruptions, seed):
    rng = random.Random(seed)
    labs, total = [], 0
    for i, p in enumerate(problems):
        if total >= n_pairs:
            break
        samples = reference_samples(p["solution"], rng, corruptions, CORRUPTIONS)
        lab = label_problem({"index": i, "samples": samples, "question": p["question"], "answer": p["answer"]})
        lab["tree_trajectories"] = 0  # every trajectory here is the reference or a corrupted copy
        if lab["pairs"]:
            labs.append(lab)
            total += len(lab["pairs"])
    return labs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--problems", required=True, help="generated problems (question, answer, solution)")
    ap.add_argument("--policy", required=True)
    ap.add_argument("--pairs", type=int, default=300)
    ap.add_argument("--corruptions", type=int, default=3, help="corrupted copies per problem")
    ap.add_argument("--epochs", type=int, default=30, help="at most this many passes (it stops once it fits)")
    ap.add_argument("--minutes", type=float, default=30, help="a guard: stop after this long whatever the epoch")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-pairs", type=int, default=16)
    ap.add_argument("--point-weight", type=float, default=0.2)
    ap.add_argument("--mass-weight", type=float, default=0.1)
    ap.add_argument("--require", type=float, default=0.95)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--report", help="write the numbers here as JSON")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    problems = [json.loads(line) for line in open(a.problems)]
    labs = fit_labels(problems, a.pairs, a.corruptions, a.seed)
    ex = pair_examples(labs)
    model, _ = load_ckpt(a.policy)
    err = require_packing(model, labs, lambda s: print(s, flush=True))
    before = pair_accuracy(model, ex)
    t0 = time.time()
    # Epoch-budgeted (a busy machine makes it slower, not weaker); it stops early once the pairs are fitted.
    run = train(model, ex, a.minutes, a.lr, a.batch_pairs, a.point_weight, a.mass_weight, a.seed, lambda s: print(s, flush=True),
                max_epochs=a.epochs, stop_at=min(1.0, a.require + 0.02))
    acc = pair_accuracy(model, ex)
    rep = {"problems": len(labs), "pairs": n_pairs(ex), "packing_error": err, "accuracy_before": round(before[0], 4),
           "accuracy": round(acc[0], 4), "require": a.require, **run, "seconds": round(time.time() - t0, 1)}
    print("ppm fit: %s" % json.dumps(rep), flush=True)
    if a.report:
        json.dump(rep, open(a.report, "w"), indent=1)
    if acc[0] < a.require:
        print("FAILED: the PPM ranks %.1f%% of its own %d training pairs right (needs %.0f%%)"
              % (100 * acc[0], n_pairs(ex), 100 * a.require))
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Search-free baselines from sampled solutions, scored with the PPM in torch (its GGUF export is checked
equal separately): greedy accuracy, self-consistency@k (majority of printed answers), best-of-k by the PPM
(the finished solution whose last step scores highest: rStar's "last" aggregate), pass@k (an oracle
ceiling), and the PPM's pairwise accuracy on the step pairs of these held-out problems.

    /usr/bin/python3 models/train/eval_samples.py --greedy work/greedy_labels.jsonl \
        --sampled work/test_labels.jsonl --ppm work/ppm.pt --out work/eval.json
"""

import argparse
import json
import os
import sys
from collections import Counter

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from label import same_number  # noqa: E402
from model import load_ckpt  # noqa: E402
from train_ppm import encode_trajectory, scores  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--greedy", required=True, help="label.py output of greedy samples (k=1, temperature 0)")
    ap.add_argument("--sampled", help="label.py output of k samples per problem (temperature 1)")
    ap.add_argument("--ppm", help="PPM checkpoint")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    g = [json.loads(l) for l in open(a.greedy)]
    res = {"greedy": {"problems": len(g), "correct": sum(r["values"][0] > 0 for r in g),
                      "tokens": sum(r["tokens"] for r in g)}}
    res["greedy"]["accuracy"] = round(res["greedy"]["correct"] / max(1, len(g)), 4)
    if a.sampled:
        rows = [json.loads(l) for l in open(a.sampled)]
        ppm = None
        if a.ppm:
            ppm, _ = load_ckpt(a.ppm)
            ppm.eval()
        sc = bon = pk = 0
        pair_right = pair_total = 0
        k = len(rows[0]["outputs"]) if rows else 0
        for r in rows:
            outs = [o for o in r["outputs"] if o is not None]
            if outs:
                top = Counter(outs).most_common(1)[0][0]
                sc += same_number(top, r["answer"])
            pk += any(v > 0 for v in r["values"])
            if ppm is not None:
                with torch.no_grad():
                    rs = [scores(ppm, [encode_trajectory(r["question"], t["steps"])])[0] for t in r["trajectories"]]
                best, best_r = None, None
                for ti, t in enumerate(r["trajectories"]):
                    if t["output"] is not None and (best_r is None or float(rs[ti][-1]) > best_r):
                        best, best_r = ti, float(rs[ti][-1])
                if best is not None:
                    bon += r["trajectories"][best]["value"] > 0
                for p in r["pairs"]:
                    (ca, cs), (ra, rs_) = p["chosen"], p["rejected"]
                    pair_total += 1
                    pair_right += float(rs[ca][cs]) > float(rs[ra][rs_])
        n = max(1, len(rows))
        res["sampled"] = {"problems": len(rows), "k": k, "tokens": sum(r["tokens"] for r in rows),
                          "self_consistency_accuracy": round(sc / n, 4), "pass_at_k": round(pk / n, 4)}
        if ppm is not None:
            res["sampled"]["best_of_k_ppm_accuracy"] = round(bon / n, 4)
            res["ppm_heldout_pairs"] = {"pairs": pair_total,
                                        "accuracy": round(pair_right / max(1, pair_total), 4)}
    print(json.dumps(res, indent=1))
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()

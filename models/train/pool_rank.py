"""Best-of-N by PPM checkpoints on one fixed pool of samples, offline: which PPM (and which aggregate) ranks the
policy's own finished solutions best, compared on the same samples (a paired comparison, without a policy run
per PPM). The pool is a `stepwise export` folder of a sampling strategy with no reward model, e.g.

    node dist/cli.js export --problems F --out POOL --policy models/stepwise-policy.gguf --reward none \\
        --strategy best-of-n --samples 16 --threads 1 --context-size 2048 --prompt-style rstar --quiet
    /usr/bin/python3 models/train/pool_rank.py POOL --ppm work/ppm.pt work/other.pt --out pool.json

Each tree's `trajectories` say which finished solutions the engine's ranking lets choose (only the verified
ones when any is verified, then only the grounded ones when any is grounded, as src/engine/search/rank.ts does
with grounding on); every step of each is scored at its tag as the engine reads it (train_ppm.py), the score
mapped to [-1, 1] as the engine maps it (2 P(good) - 1). A problem counts as right when the chosen answer is
numerically the reference (these datasets' answers are numbers). Reported: the majority vote (grounded, and
"majority_plain" as self-consistency with grounding off), the oracle (some choosable solution is right), the
tokens the pool generated per problem and, per PPM, best-of-N under each aggregate of src/engine/search/rank.ts.
"""

import argparse
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from from_export import tree_labels  # noqa: E402
from model import load_ckpt  # noqa: E402
from train_ppm import pack_problem, reward_of, side_logits  # noqa: E402

AGGREGATES = {
    "last": lambda s: s[-1],
    "min": min,
    "mean": lambda s: sum(s) / len(s),
    "product": lambda s: 2 * math.prod((x + 1) / 2 for x in s) - 1,
}


def number(a):
    try:
        return round(float(str(a).replace(",", "")), 6)
    except ValueError:
        return str(a).strip()


def choosable(tree):
    """The finished trajectories (from_export.py's, in its order) the ranking may choose with grounding off
    (the verified ones when any is verified), with `right` set."""
    trajs, _, _, _ = tree_labels(tree, [])
    flags = {t["leaf"]: t for t in tree["trajectories"]}
    nodes = {n["id"]: n for n in tree["nodes"]}
    leaves = sorted(i for i, n in nodes.items() if n["parent"] is not None and n["rendered"] is not None
                    and not any(m["parent"] == i and m["rendered"] is not None for m in tree["nodes"]))
    out = []
    for leaf, t in zip(leaves, trajs):
        f = flags.get(leaf)
        if f is None or f["answer"] is None:
            continue
        out.append({**t, "answer": f["answer"], "verified": f["verified"], "grounded": bool(f["grounded"]), "unused": f.get("unused"),
                    "right": number(f["answer"]) == number(tree["reference"])})
    if any(t["verified"] for t in out):
        out = [t for t in out if t["verified"]]
    return out


def grounded(trajs):
    """Those the ranking may choose with grounding on: the grounded ones when any is grounded, then of those the
    ones that leave the fewest of the problem's numbers unused (a pool exported before `unused` existed: all)."""
    trajs = [t for t in trajs if t["grounded"]] or trajs
    fewest = min((len(t.get("unused") or []) for t in trajs), default=0)
    return [t for t in trajs if len(t.get("unused") or []) == fewest]


@torch.no_grad()
def step_scores(model, question, trajs):
    """Each trajectory's step scores in [-1, 1]; NaN for a step past the trained context (unscored)."""
    sides = [(ti, d) for ti, t in enumerate(trajs) for d in range(len(t["steps"]))]
    lab = {"question": question, "trajectories": trajs,
           "pairs": [{"chosen": list(s), "rejected": list(s), "chosenQ": 0, "rejectedQ": 0} for s in sides]}
    packed = pack_problem(lab, 1024)
    r = reward_of(side_logits(model, [packed])).tolist() if packed["pairs"] else []
    keys = {}  # pack_problem numbers each distinct prefix it keeps in order of first appearance
    for i in packed["kept"]:
        ti, d = sides[i]
        keys.setdefault(tuple(trajs[ti]["steps"][:d + 1]), len(keys))

    def score(key):
        return 2 / (1 + math.exp(-r[keys[key]])) - 1 if key in keys else math.nan
    return [[score(tuple(t["steps"][:d + 1])) for d in range(len(t["steps"]))] for t in trajs]


def scored(f):
    """An aggregate over the scored steps, as rank.ts: NaN steps are skipped, none scored gives 0."""
    return lambda s: f([x for x in s if not math.isnan(x)] or [0.0])


def majority(trajs):
    votes = {}
    for t in trajs:
        v = votes.setdefault(number(t["answer"]), [0, t["right"]])
        v[0] += 1
    return max(votes.values(), key=lambda v: v[0])[1]  # first-seen wins a tie


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pool", help="a `stepwise export` folder")
    ap.add_argument("--ppm", nargs="+", required=True, help="PPM checkpoints (.pt, or a GGUF model.load_ckpt reads)")
    ap.add_argument("--out", help="write the results here too (JSON)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    problems, tokens = [], 0
    for line in open(os.path.join(a.pool, "trees.jsonl")):
        tree = json.loads(line)
        assert "trajectories" in tree, "a pool exported before trees carried their trajectories"
        plain = choosable(tree)
        problems.append((tree["question"], grounded(plain), plain))
        tokens += sum(n.get("tokenCount", 0) for n in tree["nodes"])
    answered = [(q, ts) for q, ts, _ in problems if ts]
    res = {"problems": len(problems), "majority": sum(majority(ts) for _, ts in answered),
           "majority_plain": sum(majority(ts) for _, _, ts in problems if ts),
           "oracle": sum(any(t["right"] for t in ts) for _, ts in answered),
           "tokens_generated_per_problem": round(tokens / max(1, len(problems)), 1), "best_of_n": {}}
    for path in a.ppm:
        model = load_ckpt(path)[0].eval()
        scored_pool = [(ts, step_scores(model, q, ts)) for q, ts in answered]
        res["best_of_n"][path] = {
            how: sum(max(zip(s, ts), key=lambda st: scored(f)(st[0]))[1]["right"] for ts, s in scored_pool)
            for how, f in AGGREGATES.items()}
    print(json.dumps(res, indent=1))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()

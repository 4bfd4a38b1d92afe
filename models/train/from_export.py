"""Round-1 labels from the project's own MCTS: turns `stepwise export` output (trees.jsonl, pairs.jsonl) into
the labelled-trajectory form train_ppm.py reads (the same form label.py writes).

`stepwise export --problems FILE` runs the search with every terminal node valued +1 when its answer equals
the reference and -1 otherwise, backs those values up the tree (Q = mean terminal value through a node) and
writes step-preference pairs (same parent, Q > 0 over Q < 0, gap >= 0.5; a step whose code failed is a
rejected step with Q -1). The code of every step ran in the Pyodide sandbox. This script only re-shapes:
trajectories are the root-to-leaf paths of each tree, each step as the PPM reads it (ppm_text.ppm_step: the
rendered step plus what its code newly printed, from the nodes' sandbox output), and each pair points at
(trajectory, step) positions of its two nodes.

    node dist/cli.js export --problems collect.jsonl --out work/export --reward none ...
    /usr/bin/python3 models/train/from_export.py work/export work/collect-labels.jsonl \\
        --add-reference collect.jsonl

--add-reference: a weak policy rarely reaches a right answer, so the tree alone gives few pairs (they need a step
with Q > 0). This adds each problem's generator solution (a +1 rollout) and a copy with one number changed
(label.py), and pairs the solution's steps with the tree's Q < 0 steps that share its prefix.
"""

import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from label import CORRUPTIONS, label_problem, reference_samples  # noqa: E402
from ppm_text import new_output, ppm_step  # noqa: E402


def node_q(n):
    return -1.0 if n["status"] == "failed" else float(n["q"])


def reference_pairs(trajs, k, per_parent=4):
    """Pairs between the correct reference trajectory (trajs[k]) and the tree's steps with Q < 0 that share its
    prefix: the engine's rule, with every step of the reference valued +1 since it leads to the right answer
    (its own Q from label.py mixes in the corrupted copy that shares its first steps)."""
    ref = trajs[k]
    first = {}  # (prefix, step) -> (trajectory, position, Q), first occurrence
    for ti, t in enumerate(trajs[:k]):
        for d, step in enumerate(t["steps"]):
            first.setdefault((tuple(t["steps"][:d]), step), (ti, d, t["q"][d]))
    out = []
    for d, step in enumerate(ref["steps"]):
        prefix = tuple(ref["steps"][:d])
        cands = [(ti, pos, q) for (pre, st), (ti, pos, q) in first.items() if pre == prefix and st != step and q < 0]
        cands.sort(key=lambda c: c[2])
        for ti, pos, q in cands[:per_parent]:
            out.append({"chosen": [k, d], "rejected": [ti, pos], "chosenQ": ref["value"], "rejectedQ": q, "depth": d})
    return out


def answer_pairs(trajs, n_tree, per_problem, rng):
    """Pairs of two finished solutions of one problem at their answer steps: a right one (value > 0) over a wrong
    one (value < 0), each judged at its last step. Step pairs share a prefix, so they almost never reach the answer
    step (16 of 2,892 pairs on the shipped policy's round 1), and the engine ranks finished solutions by the score
    there (`aggregate: last`): without these that score was never trained. Pairs of two of the search's own
    solutions (trajs[:n_tree]: what best-of-N and the vote choose between) come first, then pairs with the
    reference solution or its corrupted copies."""
    right = [i for i, t in enumerate(trajs) if t["value"] > 0 and t["steps"]]
    wrong = [i for i, t in enumerate(trajs) if t["value"] < 0 and t["steps"]]
    combos = [(r, w) for r in right for w in wrong]
    rng.shuffle(combos)
    combos.sort(key=lambda c: not (c[0] < n_tree and c[1] < n_tree))  # stable: the shuffle orders each group
    return [{"chosen": [r, len(trajs[r]["steps"]) - 1], "rejected": [w, len(trajs[w]["steps"]) - 1],
             "chosenQ": trajs[r]["value"], "rejectedQ": trajs[w]["value"], "depth": None, "kind": "answer"}
            for r, w in combos[:per_problem]]


def tree_labels(tree, pairs):
    """label.py's record for one exported tree and its pairs."""
    nodes = {n["id"]: n for n in tree["nodes"]}
    kids = {}
    for n in tree["nodes"]:
        if n["parent"] is not None:
            kids.setdefault(n["parent"], []).append(n["id"])
    # Only steps whose code ran have a rendered text; a still-pending leaf ends its path before it.
    leaves = [i for i, n in nodes.items() if n["parent"] is not None and n["rendered"] is not None
              and not any(nodes[k]["rendered"] is not None for k in kids.get(i, []))]
    trajectories, where = [], {}
    for leaf in sorted(leaves):
        path = []
        i = leaf
        while nodes[i]["parent"] is not None:
            path.append(nodes[i])
            i = nodes[i]["parent"]
        path.reverse()
        ti = len(trajectories)
        for d, n in enumerate(path):
            where.setdefault(n["id"], (ti, d))
        end = path[-1]
        value = node_q(end) if end["status"] in ("terminal", "failed", "invalid") else 0.0
        outputs = [nodes[path[0]["parent"]].get("output") or ""] + [n.get("output") or "" for n in path]
        steps = [ppm_step(n["rendered"], new_output(outputs[d + 1], outputs[d])) for d, n in enumerate(path)]
        trajectories.append({"steps": steps, "q": [node_q(n) for n in path],
                             "value": value, "output": end.get("answer")})
    out_pairs = []
    for p in pairs:
        if p["chosenId"] in where and p["rejectedId"] in where:
            out_pairs.append({"chosen": list(where[p["chosenId"]]), "rejected": list(where[p["rejectedId"]]),
                              "chosenQ": p["chosenQ"], "rejectedQ": p["rejectedQ"], "depth": len(p["prefix"])})
    tokens = sum(n["tokenCount"] for n in tree["nodes"])
    terminals = [n for n in tree["nodes"] if n["status"] == "terminal"]
    return trajectories, out_pairs, tokens, terminals


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export_dir", help="the --out folder of `stepwise export`")
    ap.add_argument("out")
    ap.add_argument("--add-reference", help="the problems JSONL given to export: add its solution and corrupted copies")
    ap.add_argument("--corruptions", type=int, default=1, help="corrupted copies of each reference solution")
    ap.add_argument("--answer-pairs", type=int, default=0,
                    help="per problem, pairs of a right finished solution over a wrong one at their answer steps")
    ap.add_argument("--kinds", default="number", help="comma-separated kinds of corruption (label.py: %s)" % ",".join(CORRUPTIONS))
    a = ap.parse_args()
    kinds = tuple(a.kinds.split(","))
    assert all(k in CORRUPTIONS for k in kinds), kinds
    rng = random.Random(0)
    # its own stream, so that turning --answer-pairs on leaves every problem's corrupted copies as they were
    answer_rng = random.Random(1)
    refs = [json.loads(l) for l in open(a.add_reference)] if a.add_reference else []
    pairs_by_id = {}
    for line in open(os.path.join(a.export_dir, "pairs.jsonl")):
        p = json.loads(line)
        pairs_by_id.setdefault(p["id"], []).append(p)
    stats = {"problems": 0, "tree_nodes": 0, "terminals": 0, "correct_terminals": 0, "tree_pairs": 0, "pairs": 0}
    with open(a.out, "w") as f:
        for line in open(os.path.join(a.export_dir, "trees.jsonl")):
            tree = json.loads(line)
            trajs, pairs, tokens, terminals = tree_labels(tree, pairs_by_id.get(tree["id"], []))
            stats["problems"] += 1
            stats["tree_nodes"] += len(tree["nodes"])
            stats["terminals"] += len(terminals)
            stats["correct_terminals"] += sum(n["q"] > 0 for n in terminals)
            stats["tree_pairs"] += len(pairs)
            index = int(tree["id"])
            n_tree = len(trajs)  # trajectories from the search; reference ones follow
            if refs:
                ref = label_problem({"index": index, "samples": reference_samples(refs[index]["solution"], rng, a.corruptions, kinds),
                                     "question": tree["question"], "answer": tree["reference"]})
                trajs += ref["trajectories"]
                for p in ref["pairs"]:
                    pairs.append({**p, "chosen": [p["chosen"][0] + n_tree, p["chosen"][1]],
                                  "rejected": [p["rejected"][0] + n_tree, p["rejected"][1]]})
                correct = [n_tree + i for i, t in enumerate(ref["trajectories"]) if t["value"] > 0]
                if correct:
                    extra = reference_pairs(trajs, correct[0])
                    stats["reference_vs_tree_pairs"] = stats.get("reference_vs_tree_pairs", 0) + len(extra)
                    pairs += extra
            if a.answer_pairs:
                extra = answer_pairs(trajs, n_tree, a.answer_pairs, answer_rng)
                stats["answer_pairs"] = stats.get("answer_pairs", 0) + len(extra)
                pairs += extra
            stats["pairs"] += len(pairs)
            f.write(json.dumps({"index": index, "question": tree["question"], "answer": tree["reference"],
                                "trajectories": trajs, "tree_trajectories": n_tree, "pairs": pairs, "tokens": tokens,
                                "values": [t["value"] for t in trajs],
                                "outputs": [t["output"] for t in trajs]}) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()

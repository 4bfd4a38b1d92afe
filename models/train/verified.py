"""Round-2 SFT data from the project's own MCTS: the verified, right trajectories of `stepwise export` trees.

A trajectory qualifies when it is a root-to-terminal path of the tree whose every step's code ran without
error in the Pyodide sandbox and whose terminal answer equals the reference (the export values it +1). Its
text is the steps as the engine rendered them, which is the policy's training format (problems.py's
`solution`: steps, `<end_of_code>`, the interpreter's output, the boxed answer). Identical texts count once;
at most --per-problem distinct ones are kept per problem, shortest first (rStar-Math keeps the best few per
problem the same way, so an easy problem does not crowd out a hard one).

    /usr/bin/python3 models/train/verified.py work/export-round1-a work/export-round1-b --out work/verified.jsonl
"""

import argparse
import json
import os


def right_trajectories(tree):
    """The distinct texts of the tree's verified root-to-terminal paths with the right answer."""
    nodes = {n["id"]: n for n in tree["nodes"]}
    out = []
    for n in tree["nodes"]:
        if n["status"] != "terminal" or not n.get("verified") or float(n["q"]) <= 0:
            continue
        path, i = [], n["id"]
        while nodes[i]["parent"] is not None:
            path.append(nodes[i])
            i = nodes[i]["parent"]
        path.reverse()
        if any(p["rendered"] is None or not p.get("verified") for p in path):
            continue
        text = "".join(p["rendered"] for p in path)
        if text not in out:
            out.append(text)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export_dirs", nargs="+", help="--out folders of `stepwise export`")
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-problem", type=int, default=4)
    a = ap.parse_args()
    stats = {"problems": 0, "solved": 0, "right_paths": 0, "kept": 0}
    with open(a.out, "w") as f:
        for d in a.export_dirs:
            for line in open(os.path.join(d, "trees.jsonl")):
                tree = json.loads(line)
                stats["problems"] += 1
                texts = right_trajectories(tree)
                stats["right_paths"] += len(texts)
                if texts:
                    stats["solved"] += 1
                for text in sorted(texts, key=len)[:a.per_problem]:
                    stats["kept"] += 1
                    f.write(json.dumps({"question": tree["question"], "answer": tree["reference"], "solution": text,
                                        "ops": "verified"}) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()

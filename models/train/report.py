"""Writes bench/results/models.json and models.md from what the pipeline measured (work/*.json and the
bench harness's summaries). Missing pieces are reported as not run, never filled in."""

import argparse
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
W = os.path.join(ROOT, "models", "train", "work")  # --work changes it


def load(name):
    p = os.path.join(W, name)
    return json.load(open(p)) if os.path.exists(p) else None


def why(m, ppm, pp, greedy=None):
    """The measured reasons search cannot gain: what the trajectories contained, and how well the PPM ranks
    (ppm: its training stats; pp: ppm-pairs.json; greedy: greedy's summary on the same set)."""
    parts = []
    if "oracleAccuracy" in m:
        if greedy and m["oracleAccuracy"] - greedy["accuracy"] < 0.2:
            parts.append("Greedy (%.1f%%) is already within %.1f points of what a perfect ranker over MCTS's own "
                         "trajectories would get (oracle column, %.1f%%): on this set no ranking can add 20 points "
                         "to greedy." % (100 * greedy["accuracy"], 100 * (m["oracleAccuracy"] - greedy["accuracy"]),
                                         100 * m["oracleAccuracy"]))
        elif m["oracleAccuracy"] - m["accuracy"] >= 0.1:
            parts.append("Some trajectory of MCTS's own search was right on %.1f%% of the problems (oracle column), "
                         "but %.1f%% were answered right: the right trajectory is found and then not chosen, so "
                         "ranking, not proposing, is what loses." % (100 * m["oracleAccuracy"], 100 * m["accuracy"]))
        else:
            parts.append("Even a perfect ranker over MCTS's own trajectories would be right on only %.1f%% of the "
                         "problems (oracle column): the policy rarely proposes a right solution, and search cannot "
                         "choose what was never proposed." % (100 * m["oracleAccuracy"]))
    if pp and pp["ppm"]["tree-vs-tree"]["pairs"]:
        t, c = pp["ppm"]["tree-vs-tree"], pp["ppm"]["reference-vs-corrupted"]
        r = pp["ppm"]["reference-vs-tree"]
        parts.append(("The PPM tells the generator's steps from the policy's (%.0f%% on reference-vs-tree pairs), but on "
                      % (100 * r["accuracy"]) if (r["accuracy"] or 0) >= 0.7 else "On ") +
                     "the choice search gives it, between two of the policy's own steps, the PPM is right %.0f%% of the time "
                     "(%d held-out pairs), and on a step with one wrong number %.0f%% (%d pairs)%s" % (
                         100 * t["accuracy"], t["pairs"], 100 * (c["accuracy"] or 0), c["pairs"],
                         ": it learnt the reference's style more than checking numbers."
                         if max(t["accuracy"], c["accuracy"] or 0) < 0.6 else "."))
    elif ppm:
        parts.append("The PPM orders held-out step pairs correctly %.1f%% of the time (50%% is chance)."
                     % (100 * ppm["heldout_pair_accuracy"]))
    return " ".join(parts) + " See models/MODEL_CARD.md."


def goal_check(title, bench, ppm, pp):
    """Search against greedy and self-consistency on one set: the MCTS row whose tokens are closest to
    self-consistency's is the one the goal compares."""
    g, sc = bench.get("greedy"), bench.get("self-consistency")
    mcts = [bench[k] for k in ("mcts-6", "mcts") if k in bench and bench[k]["problems"] >= (sc or {}).get("problems", 0)]
    m = min(mcts, key=lambda r: abs(r["tokensGeneratedPerProblem"] - sc["tokensGeneratedPerProblem"])) if sc and mcts else None
    if not (g and m and sc):
        return []
    d = 100 * (m["accuracy"] - g["accuracy"])
    met = d >= 20 and m["accuracy"] > sc["accuracy"]
    return ["## Goal check: %s" % title, "",
            "Goal: MCTS + PPM at least 20 points above greedy and above self-consistency at equal tokens.",
            "Measured: MCTS + PPM %.1f%% (%.0f tokens/problem) vs greedy %.1f%% (%+.1f points) and "
            "self-consistency %.1f%% (%.0f tokens/problem). %s" % (
                100 * m["accuracy"], m["tokensGeneratedPerProblem"], 100 * g["accuracy"], d,
                100 * sc["accuracy"], sc["tokensGeneratedPerProblem"],
                "Goal met." if met else "**Goal not met.** " + why(m, ppm, pp, g))] + grounded_note(bench) + [""]


def grounded_note(bench):
    """What the grounded vote does for each search, measured both ways."""
    pairs = [(label, bench.get(a), bench.get(b)) for label, a, b in (
        ("self-consistency", "self-consistency-grounded", "self-consistency"), ("MCTS + PPM", "mcts", "mcts-ungrounded"))]
    said = ["%s %.1f%% with the grounded vote, %.1f%% without" % (label, 100 * g["accuracy"], 100 * p["accuracy"])
            for label, g, p in pairs if g and p]
    return ["Grounding (src/engine/grounding.ts): " + "; ".join(said) + "."] if said else []


def other_goals(hw, pp):
    """Greedy on the hand-written set (goal 60%) and the PPM on held-out tree-vs-tree pairs (goal 75%)."""
    lines = []
    g = hw.get("greedy")
    if g:
        lines.append("- Greedy on the hand-written set: %.1f%% (goal 60%%): %s." % (
            100 * g["accuracy"], "met" if g["accuracy"] >= 0.6 else "**not met**"))
    if pp and pp["ppm"]["tree-vs-tree"]["pairs"]:
        t = pp["ppm"]["tree-vs-tree"]
        lines.append("- PPM on held-out tree-vs-tree pairs: %.1f%% of %d (goal 75%%): %s." % (
            100 * t["accuracy"], t["pairs"], "met" if t["accuracy"] >= 0.75 else "**not met**"))
    return ["## Other goals", ""] + lines + [""] if lines else []


def rounds(out):
    """Self-evolution, round by round: what each round's policy trained on, what its search found."""
    rows = []
    for r, label, bench_name in (("round1", "1", "greedy-round1"), ("round2", "2", "greedy")):
        x = out["rounds"][r]
        pol, srch, ver = x["policy"], x["search"], x["verified"]
        if not (pol or srch):
            continue
        greedy, hw = out["bench"].get(bench_name), out["bench_handwritten"].get(bench_name)
        rows.append("| %s | %s | %s | %s | %s | %s |" % (
            label,
            "%.1f M tokens in %.0f min (%d steps)" % (pol["tokens"] / 1e6, pol["seconds"] / 60, pol["steps"])
            if pol else "not recorded",
            "%.1f%% / %.1f%%" % (100 * greedy["accuracy"], 100 * hw["accuracy"]) if greedy and hw else "not run",
            "%d problems: %d of %d terminals right" % (srch["problems"], srch["correct_terminals"], srch["terminals"])
            if srch else "not run",
            "%d problems solved, %d trajectories" % (ver["solved"], ver["kept"]) if ver else "not run",
            "%d tree pairs, %d in all" % (srch["tree_pairs"], srch["pairs"]) if srch else "not run"))
    if not rows:
        return []
    return ["## Self-evolution, round by round", "",
            "| round | policy SFT | greedy: generator / hand-written | its MCTS on new training problems | verified right trajectories | PPM pairs |",
            "| --- | --- | --- | --- | --- | --- |"] + rows + [
            "", "Round 2's policy is round 1's, trained further on round 1's verified right trajectories (with replayed "
            "generator solutions); the PPM is trained once, after round 2, on both rounds' pairs.", ""]


def main():
    global W
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", default=W, help="the pipeline's work folder")
    ap.add_argument("--results", default=os.path.join(ROOT, "bench", "results"), help="where models.json/.md go")
    args = ap.parse_args()
    W = args.work
    out = {"policy": load("policy.pt.json"), "policy_export_check": load("policy-check.json"),
           "ppm": load("ppm.pt.json"), "collect": load("collect-labels.json"),
           "bench": {}}
    out["rounds"] = {r: {"policy": load(p), "search": load("labels-%s.json" % r), "verified": load("verified-%s.json" % r)}
                     for r, p in (("round1", "policy-round1.pt.json"), ("round2", "policy.pt.json"))}
    names = ("greedy-round1", "greedy", "self-consistency", "self-consistency-grounded", "best-of-n", "mcts-6", "mcts",
             "mcts-ungrounded")
    out["bench_handwritten"] = {}
    for name in names:
        s = load("bench-%s.summary.json" % name)
        if s:
            out["bench"][name] = s
        s = load("bench-%s@handwritten.summary.json" % name)
        if s:
            out["bench_handwritten"][name] = s
    b = out["bench"]
    labels = {"greedy-round1": "greedy, round-1 policy", "greedy": "greedy", "self-consistency": "self-consistency@%s (plain majority)",
              "self-consistency-grounded": "self-consistency@%s, grounded vote", "best-of-n": "best-of-%s by PPM",
              "mcts": "MCTS + PPM", "mcts-6": "MCTS + PPM", "mcts-ungrounded": "MCTS + PPM, grounding off"}

    def table(bench):
        rows = []
        for name, s in bench.items():
            o = s.get("options", {})
            label = labels[name] % o.get("samples", 16) if "%s" in labels[name] else labels[name]
            if name.startswith("mcts"):
                label = label.replace("PPM", "PPM (%s rollouts x %s expansions)" % (o.get("rollouts", "?"), o.get("expansions", "?")))
            oracle = "%.1f%%" % (100 * s["oracleAccuracy"]) if "oracleAccuracy" in s else "not recorded"
            rows.append("| %s | %d | %.1f%% | %s | %.0f | %.1f s |" % (
                label, s["problems"], 100 * s["accuracy"], oracle, s["tokensGeneratedPerProblem"], s["wallMsPerProblem"] / 1000))
        return rows
    rows = table(b)
    hw_rows = table(out["bench_handwritten"])
    md = ["# Stepwise's own models on held-out problems", "",
          "Held-out problems: the broad set's test split (models/train/problems.py --seed 31 --wide 0.6 --everyday 0.5; structures never seen in training),",
          "same order for every strategy (the first N of the file). Machine: 2 cores, node-llama-cpp threads 1, two strategies at a time.", ""]
    if rows:
        md += ["## The project's search (stepwise bench)", "",
               "| strategy | problems | accuracy | some trajectory right (oracle) | tokens generated / problem | wall / problem |",
               "| --- | --- | --- | --- | --- | --- |"] + rows + [
               "",
               "Oracle: the share of problems where at least one finished trajectory had the right answer, i.e. the",
               "accuracy a perfect ranker would reach with the same search; the gap to accuracy is what ranking lost.",
               ""]
    else:
        md += ["The bench harness was not run.", ""]
    md += ["## The hand-written set (models/eval/handwritten.jsonl, never trained on)", ""]
    if hw_rows:
        md += ["| strategy | problems | accuracy | some trajectory right (oracle) | tokens generated / problem | wall / problem |",
               "| --- | --- | --- | --- | --- | --- |"] + hw_rows + [""]
    else:
        md += ["Not run.", ""]
    if out["ppm"]:
        p = out["ppm"]
        md += ["PPM training: %d pairs from %d training problems; pairwise accuracy on the %d held-out pairs "
               "%.1f%% (%.1f%% with the policy's weights before PPM training)." % (
                   p["train_pairs"], p["train_problems"], p["heldout_pairs"], 100 * p["heldout_pair_accuracy"],
                   100 * p["heldout_pair_accuracy_before"]), ""]
    pp = load("ppm-pairs.json")
    out["ppm_pairs"] = pp
    if pp:
        md += ["PPM pairwise accuracy on held-out step pairs, by kind (models/train/ppm_pairs.py; 50% is chance):", "",
               "| pairs | count | trained PPM | policy weights before PPM training |", "| --- | --- | --- | --- |"]
        for k in ("tree-vs-tree", "reference-vs-tree", "reference-vs-corrupted", "all"):
            a, z = pp["ppm"][k], pp["before"][k]
            if a["pairs"]:
                md.append("| %s | %d | %.1f%% | %.1f%% |" % (k, a["pairs"], 100 * a["accuracy"], 100 * z["accuracy"]))
        md += ["", "tree-vs-tree: both steps from the policy's own MCTS tree (what search asks the PPM to rank); "
               "reference-vs-tree: the generator's correct step over a policy step with Q < 0 at the same prefix; "
               "reference-vs-corrupted: the correct step over a copy with one number changed.", ""]
    md += rounds(out)
    for title, bench in (("generator held-out problems", b), ("hand-written problems", out["bench_handwritten"])):
        md += goal_check(title, bench, out["ppm"], pp)
    md += other_goals(out["bench_handwritten"], pp)
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, "models.json"), "w") as f:
        json.dump(out, f, indent=1)
    with open(os.path.join(args.results, "models.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()

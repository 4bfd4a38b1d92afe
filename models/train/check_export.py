"""Checks a GGUF export against the torch model it came from: llama.cpp (through node-llama-cpp) must
tokenize prompts exactly like our tokenizer, give the same next-token probabilities, and decode greedily
to the same tokens. Exits non-zero on a mismatch.

    /usr/bin/python3 models/train/check_export.py --ckpt work/policy.pt --gguf models/stepwise-policy.gguf \
        --problems models/train/data/test.jsonl --n 3
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import VOCAB, load_ckpt  # noqa: E402
from problems import prompt_header  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--problems", required=True)
    ap.add_argument("--n", type=int, default=3)
    ap.add_argument("--max-new", type=int, default=400)
    ap.add_argument("--tol", type=float, default=0.03, help="max |p_torch - p_gguf| allowed (q8_0 rounding)")
    ap.add_argument("--report", help="write the numbers here as JSON")
    a = ap.parse_args()
    torch.set_num_threads(1)
    model, _ = load_ckpt(a.ckpt)
    model.eval()
    probs = [json.loads(l) for l in open(a.problems)][: a.n]
    texts = [prompt_header(p["question"]) for p in probs]
    rep = compare(model, a.gguf, texts, a.max_new, a.tol, [p["answer"] for p in probs])
    print(json.dumps(rep))
    if a.report:
        json.dump(rep, open(a.report, "w"), indent=1)
    sys.exit(0 if rep["ok"] else 1)


def run_node(gguf, texts, max_new):
    stop = [VOCAB.index["<end_of_code>"], VOCAB.index["<end_of_answer>"], VOCAB.EOS]
    req = {"nVocab": len(VOCAB.tokens), "prompts": [{"text": t, "maxNew": max_new, "stop": stop} for t in texts]}
    with tempfile.TemporaryDirectory() as d:
        rq, rs = os.path.join(d, "req.json"), os.path.join(d, "res.json")
        json.dump(req, open(rq, "w"))
        subprocess.run(["node", os.path.join(HERE, "check_gguf.mjs"), gguf, rq, rs], check=True)
        return json.load(open(rs))["prompts"]


def compare(model, gguf, texts, max_new, tol, answers=None):
    """Runs the GGUF on `texts` (+ a greedy continuation of max_new tokens) and compares with torch."""
    res = run_node(gguf, texts, max_new)
    answers = answers or [""] * len(texts)
    failures = []
    worst = 0.0
    flips = 0
    total_gen = 0
    for text, answer, r in zip(texts, answers, res):
        ours = VOCAB.encode(text, add_bos=False)
        if r["ids"] != ours:  # llama.cpp must split text exactly as training did
            failures.append("tokenization differs for %r" % text[:60])
            continue
        ids = [VOCAB.BOS] + ours + r["gen"]
        with torch.no_grad():
            pt = torch.softmax(model(torch.tensor([ids]))[0], -1).numpy()
        npos = len(ours) + 1
        pg = np.array(r["promptProbs"] + r["genProbs"])
        n = min(len(pg), pt.shape[0])
        diff = float(np.abs(pt[:n] - pg[:n]).max())
        worst = max(worst, diff)
        # greedy agreement: each generated token must be torch's argmax too, unless the two top
        # probabilities are within the tolerance (a near-tie that rounding may flip)
        for j, tok in enumerate(r["gen"]):
            row = pt[npos - 1 + j]
            top = int(row.argmax())
            total_gen += 1
            if top != tok:
                flips += 1
                if row[top] - row[tok] > tol:
                    failures.append("greedy token %d differs (gguf %d, torch %d)" % (j, tok, top))
                    break
        print("prompt %d tokens, %d generated, max |dp| %.4f, answer %s, continuation ends %r"
              % (len(ours), len(r["gen"]), diff, answer, r["genText"][-60:]), file=sys.stderr)
    if worst > tol:
        failures.append("probabilities differ by %.4f > %.4f" % (worst, tol))
    return {"prompts": len(res), "max_abs_prob_diff": round(worst, 5), "generated_tokens": total_gen,
            "greedy_near_tie_flips": flips, "ok": not failures, "failures": failures}


if __name__ == "__main__":
    main()

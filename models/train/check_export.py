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
    stop = [VOCAB.index["<end_of_code>"], VOCAB.index["<end_of_answer>"], VOCAB.EOS]
    req = {"nVocab": len(VOCAB.tokens),
           "prompts": [{"text": prompt_header(p["question"]), "maxNew": a.max_new, "stop": stop} for p in probs]}
    with tempfile.TemporaryDirectory() as d:
        rq, rs = os.path.join(d, "req.json"), os.path.join(d, "res.json")
        json.dump(req, open(rq, "w"))
        subprocess.run(["node", os.path.join(HERE, "check_gguf.mjs"), a.gguf, rq, rs], check=True)
        res = json.load(open(rs))["prompts"]
    failures = []
    worst = 0.0
    flips = 0
    total_gen = 0
    for p, r in zip(probs, res):
        ours = VOCAB.encode(prompt_header(p["question"]), add_bos=False)
        if r["ids"] != ours:
            failures.append("tokenization differs for %r" % p["question"][:60])
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
                if row[top] - row[tok] > a.tol:
                    failures.append("greedy token %d differs (gguf %d, torch %d)" % (j, tok, top))
                    break
        print("prompt %d tokens, %d generated, max |dp| %.4f, answer %s, continuation ends %r"
              % (len(ours), len(r["gen"]), diff, p["answer"], r["genText"][-60:]))
    if worst > a.tol:
        failures.append("probabilities differ by %.4f > %.4f" % (worst, a.tol))
    rep = {"prompts": len(res), "max_abs_prob_diff": round(worst, 5), "generated_tokens": total_gen,
           "greedy_near_tie_flips": flips, "ok": not failures, "failures": failures}
    print(json.dumps(rep))
    if a.report:
        json.dump(rep, open(a.report, "w"), indent=1)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

"""Trains the process preference model (PPM) from labelled search trees (from_export.py), initialised from the policy.

The PPM reads text exactly as the "stepwise-ppm" reward descriptor (src/inference/reward-descriptors.ts)
builds it: <s> + the rstar prompt + each rendered step directly followed by the tag token "ки". The score of
a step is read at its tag: r = logit("+") - logit("-"), so llama.cpp's next-token probabilities give
P("+") / (P("+") + P("-")) = sigmoid(r). Loss: -log sigmoid(r_chosen - r_rejected) over step-preference
pairs (rStar-Math's pairwise loss), plus a small pointwise term that pins sigmoid(r) to the sign of Q so a
score of 0 means "undecided" across problems.

    /usr/bin/python3 models/train/train_ppm.py --labels work/labels.jsonl --policy work/policy.pt \
        --minutes 10 --ckpt work/ppm.pt --gguf models/stepwise-ppm.gguf
"""

import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import VOCAB, export_gguf, load_ckpt, save_ckpt  # noqa: E402
from problems import prompt_header  # noqa: E402

TAG = VOCAB.index["ки"]
PLUS = VOCAB.encode("+", add_bos=False)[0]
MINUS = VOCAB.encode("-", add_bos=False)[0]


def encode_trajectory(question, steps):
    """Token ids and the index of each step's tag, as the stepwise-ppm descriptor lays them out."""
    ids = VOCAB.encode(prompt_header(question), add_bos=True)
    tags = []
    for s in steps:
        ids += VOCAB.encode(s, add_bos=False) + [TAG]
        tags.append(len(ids) - 1)
    return ids, tags


def problem_batch(lab, max_traj, rng):
    """The trajectories a problem's pairs refer to (at most max_traj), encoded, plus the pairs remapped."""
    used = sorted({p["chosen"][0] for p in lab["pairs"]} | {p["rejected"][0] for p in lab["pairs"]})
    if len(used) > max_traj:
        used = sorted(rng.sample(used, max_traj))
    remap = {t: i for i, t in enumerate(used)}
    encs = [encode_trajectory(lab["question"], lab["trajectories"][t]["steps"]) for t in used]
    pairs = [((remap[p["chosen"][0]], p["chosen"][1]), (remap[p["rejected"][0]], p["rejected"][1]))
             for p in lab["pairs"] if p["chosen"][0] in remap and p["rejected"][0] in remap]
    qs = [lab["trajectories"][t]["q"] for t in used]
    return encs, pairs, qs


def scores(model, encs):
    """r = logit(+) - logit(-) at every tag, per trajectory."""
    T = max(len(e[0]) for e in encs)
    x = torch.full((len(encs), T), VOCAB.EOS, dtype=torch.long)
    for i, (ids, _) in enumerate(encs):
        x[i, :len(ids)] = torch.tensor(ids)
    logits = model(x)
    out = []
    for i, (_, tags) in enumerate(encs):
        lt = logits[i, tags]
        out.append(lt[:, PLUS] - lt[:, MINUS])
    return out


def loss_for(model, encs, pairs, qs, point_weight):
    r = scores(model, encs)
    terms = []
    if pairs:
        rc = torch.stack([r[a][s] for (a, s), _ in pairs])
        rr = torch.stack([r[b][s] for _, (b, s) in pairs])
        terms.append(-F.logsigmoid(rc - rr).mean())
    pts, tg = [], []
    for i, q in enumerate(qs):
        for s, v in enumerate(q):
            if abs(v) >= 0.5:
                pts.append(r[i][s])
                tg.append(1.0 if v > 0 else 0.0)
    if pts and point_weight > 0:
        terms.append(point_weight * F.binary_cross_entropy_with_logits(torch.stack(pts), torch.tensor(tg)))
    return sum(terms) if terms else None


@torch.no_grad()
def pair_accuracy(model, labs, max_traj):
    model.eval()
    right = total = 0
    rng = random.Random(0)
    for lab in labs:
        if not lab["pairs"]:
            continue
        encs, pairs, _ = problem_batch(lab, max_traj, rng)
        if not pairs:
            continue
        r = scores(model, encs)
        for (a, s), (b, t) in pairs:
            total += 1
            right += float(r[a][s]) > float(r[b][t])
    model.train()
    return right / max(total, 1), total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True, help="from_export.py output on training problems")
    ap.add_argument("--heldout-labels", help="from_export.py output on held-out problems, for pairwise accuracy")
    ap.add_argument("--policy", required=True, help="policy checkpoint to start from")
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--max-traj", type=int, default=6)
    ap.add_argument("--point-weight", type=float, default=0.2)
    ap.add_argument("--holdout-frac", type=float, default=0.15,
                    help="share of --labels problems held out for pairwise accuracy when no --heldout-labels")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--dtype", default="f16")
    ap.add_argument("--check", action="store_true", help="compare the GGUF with torch through node-llama-cpp")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    labs = [json.loads(l) for l in open(a.labels)]
    labs = [l for l in labs if l["pairs"]]
    if a.heldout_labels:
        held = [json.loads(l) for l in open(a.heldout_labels)]
        train = labs
    else:
        rng.shuffle(labs)
        k = max(1, int(len(labs) * a.holdout_frac))
        held, train = labs[:k], labs[k:]
    model, _ = load_ckpt(a.policy)
    print("ppm: %d training problems with %d pairs; %d held-out problems with %d pairs" % (
        len(train), sum(len(l["pairs"]) for l in train), len(held), sum(len(l["pairs"]) for l in held)), flush=True)
    acc0, n0 = pair_accuracy(model, held, a.max_traj)
    print("held-out pairwise accuracy before training (policy weights): %.3f on %d pairs" % (acc0, n0), flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.95), weight_decay=0.01)
    t0 = time.time()
    budget = a.minutes * 60
    step = epoch = 0
    model.train()
    while time.time() - t0 < budget and train:
        order = list(range(len(train)))
        rng.shuffle(order)
        for i in order:
            el = time.time() - t0
            if el >= budget:
                break
            for g in opt.param_groups:
                g["lr"] = a.lr * min(1.0, (step + 1) / 20) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * el / budget)))
            encs, pairs, qs = problem_batch(train[i], a.max_traj, rng)
            loss = loss_for(model, encs, pairs, qs, a.point_weight)
            if loss is None:
                continue
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            if step % 25 == 0:
                print("step %d  %.1f min  loss %.4f" % (step, el / 60, loss.item()), flush=True)
        epoch += 1
    acc, n = pair_accuracy(model, held, a.max_traj)
    tr_acc, tr_n = pair_accuracy(model, train[:200], a.max_traj)
    stats = {"steps": step, "epochs_started": epoch, "seconds": round(time.time() - t0, 1),
             "train_problems": len(train), "train_pairs": sum(len(l["pairs"]) for l in train),
             "heldout_problems": len(held), "heldout_pairs": n, "heldout_pair_accuracy": round(acc, 4),
             "heldout_pair_accuracy_before": round(acc0, 4), "train_pair_accuracy": round(tr_acc, 4),
             "params": model.n_params()}
    print("done: %s" % json.dumps(stats), flush=True)
    save_ckpt(model, a.ckpt, stats)
    export_gguf(model, a.gguf, "stepwise-ppm", a.dtype)
    if a.check:
        # The exported file must give llama.cpp the same next-token probabilities (so the same P("+")).
        from check_export import compare
        texts = []
        for lab in (held or train)[:2]:
            t = lab["trajectories"][0]
            texts.append(prompt_header(lab["question"]) + "".join(s + "ки" for s in t["steps"]))
        model.eval()
        rep = compare(model, a.gguf, texts, 0, 0.03)
        stats["export_check"] = rep
        print("export check: %s" % json.dumps(rep), flush=True)
        if not rep["ok"]:
            sys.exit(1)
    with open(a.ckpt + ".json", "w") as f:
        json.dump(stats, f, indent=1)


if __name__ == "__main__":
    main()

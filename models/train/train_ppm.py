"""Trains the process preference model (PPM) from labelled search trees (from_export.py), initialised from the policy.

The PPM reads text exactly as the "stepwise-ppm-outputs" reward descriptor (src/engine/steps/reward-descriptors.ts)
builds it: <s> + the rstar prompt + each step as the PPM reads it (`ppm_step`: the rendered step, plus what
its code newly printed) directly followed by the tag token "ки". The GGUF's general.name is that descriptor's
id, so the engine picks it for the file. The score of a step is read at its tag with
the same tokens the engine reads (src/inference/reward.ts `candidateTokens`: "+" and "▁+" are good, "-" and
"▁-" bad): r = logsumexp(logits[good]) - logsumexp(logits[bad]), so llama.cpp's next-token probabilities give
P(good) / (P(good) + P(bad)) = sigmoid(r).

Loss, over batches of step-preference pairs drawn from all problems:
  -log sigmoid(r_chosen - r_rejected)            rStar-Math's pairwise loss
  + point_weight * BCE(sigmoid(r), Q > 0)         pins 0 to "undecided" across problems
  + mass_weight * -log P(good or bad) at the tag  keeps the next-token mass on the tokens the engine reads
Each side of a pair is encoded only up to its own tag (prefix + step + tag): the steps after it cannot change a
causal model's score there.

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
def judged_tokens(text):
    """The token ids the engine sums for `text` ("+" or "-"): `text` alone and with a leading space, each when
    it is one token whose text trims to `text` (mirrors candidateTokens in src/inference/reward.ts)."""
    out = []
    for t in (text, " " + text):
        ids = VOCAB.encode(t, add_bos=False)
        if ids and VOCAB.decode([ids[-1]]).strip() == text and ids[-1] not in out:
            out.append(ids[-1])
    return out


GOOD = judged_tokens("+")
BAD = judged_tokens("-")


def encode_trajectory(question, steps):
    """Token ids and the index of each step's tag, as the stepwise-ppm descriptor lays them out."""
    ids = VOCAB.encode(prompt_header(question), add_bos=True)
    tags = []
    for s in steps:
        ids += VOCAB.encode(s, add_bos=False) + [TAG]
        tags.append(len(ids) - 1)
    return ids, tags


def tag_logits(model, seqs):
    """Logits at the last token (the tag) of each token list."""
    T = max(len(s) for s in seqs)
    if T > model.cfg["ctx"]:
        raise ValueError("a PPM input of %d tokens is longer than the trained context (%d)" % (T, model.cfg["ctx"]))
    x = torch.full((len(seqs), T), VOCAB.EOS, dtype=torch.long)
    for i, s in enumerate(seqs):
        x[i, :len(s)] = torch.tensor(s)
    logits = model(x)
    return logits[torch.arange(len(seqs)), torch.tensor([len(s) - 1 for s in seqs])]


def reward_of(lt):
    """r = log P(good) - log P(bad) from logits (any leading shape, vocabulary last)."""
    return torch.logsumexp(lt[..., GOOD], -1) - torch.logsumexp(lt[..., BAD], -1)


def scores(model, encs):
    """r at every tag, per trajectory (encs from encode_trajectory)."""
    T = max(len(e[0]) for e in encs)
    x = torch.full((len(encs), T), VOCAB.EOS, dtype=torch.long)
    for i, (ids, _) in enumerate(encs):
        x[i, :len(ids)] = torch.tensor(ids)
    logits = model(x)
    return [reward_of(logits[i, tags]) for i, (_, tags) in enumerate(encs)]


def pair_examples(labs):
    """Every pair of every problem as (chosen ids, rejected ids, chosenQ, rejectedQ, kind), each side encoded up
    to its own tag. kind: tree-vs-tree, reference-vs-tree or reference-vs-corrupted (see ppm_pairs.py)."""
    out = []
    for lab in labs:
        head = VOCAB.encode(prompt_header(lab["question"]), add_bos=True)
        cache = {}

        def upto(t, s):
            key = (t, s)
            if key not in cache:
                ids = list(head)
                for st in lab["trajectories"][t]["steps"][:s + 1]:
                    ids += VOCAB.encode(st, add_bos=False) + [TAG]
                cache[key] = ids
            return cache[key]

        n_tree = lab.get("tree_trajectories", len(lab["trajectories"]))
        for p in lab["pairs"]:
            (a, s), (b, t) = p["chosen"], p["rejected"]
            ka, kb = a < n_tree, b < n_tree
            kind = "tree-vs-tree" if ka and kb else "reference-vs-corrupted" if not ka and not kb else "reference-vs-tree"
            out.append((upto(a, s), upto(b, t), p["chosenQ"], p["rejectedQ"], kind))
    return out


def batch_loss(model, batch, point_weight, mass_weight):
    seqs = [e[0] for e in batch] + [e[1] for e in batch]
    lt = tag_logits(model, seqs)
    r = reward_of(lt)
    n = len(batch)
    loss = -F.logsigmoid(r[:n] - r[n:]).mean()
    if point_weight > 0:
        target = torch.tensor([1.0 if e[2] > 0 else 0.0 for e in batch] + [1.0 if e[3] > 0 else 0.0 for e in batch])
        loss = loss + point_weight * F.binary_cross_entropy_with_logits(r, target)
    if mass_weight > 0:
        lp = torch.log_softmax(lt, -1)
        loss = loss - mass_weight * torch.logsumexp(lp[:, GOOD + BAD], -1).mean()
    return loss


def batches_of(examples, batch_pairs, rng, shuffle=True):
    order = list(range(len(examples)))
    if shuffle:
        rng.shuffle(order)
    # similar lengths together (less padding), then the batches in random order
    order.sort(key=lambda i: len(examples[i][0]) + len(examples[i][1]) + (rng.random() * 60 if shuffle else 0))
    chunks = [order[i:i + batch_pairs] for i in range(0, len(order), batch_pairs)]
    if shuffle:
        rng.shuffle(chunks)
    return [[examples[i] for i in c] for c in chunks]


@torch.no_grad()
def pair_accuracy(model, examples, batch_pairs=32):
    """(accuracy, pairs, by kind) over every pair; a tie counts as wrong."""
    model.eval()
    by = {}
    for b in batches_of(examples, batch_pairs, None, shuffle=False):
        r = reward_of(tag_logits(model, [e[0] for e in b] + [e[1] for e in b]))
        for i, e in enumerate(b):
            c = by.setdefault(e[4], [0, 0])
            c[0] += float(r[i]) > float(r[len(b) + i])
            c[1] += 1
    model.train()
    right, total = sum(c[0] for c in by.values()), sum(c[1] for c in by.values())
    return right / max(total, 1), total, {k: round(c[0] / c[1], 4) for k, c in by.items()}


def train(model, examples, minutes, lr, batch_pairs, point_weight, mass_weight, seed, log, max_epochs=None,
          stop_at=None):
    """Time-budgeted: warm-up, then cosine over the budget (or over max_epochs when given). stop_at: end early
    once the training pairs are ranked at least this well (checked after each epoch)."""
    rng = random.Random(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.01)
    t0 = time.time()
    budget = minutes * 60
    per_epoch = math.ceil(len(examples) / batch_pairs)
    step = epoch = 0
    fit = None
    model.train()
    while time.time() - t0 < budget and examples and (max_epochs is None or epoch < max_epochs):
        for b in batches_of(examples, batch_pairs, rng):
            el = time.time() - t0
            if el >= budget:
                break
            frac = el / budget if max_epochs is None else max(el / budget, step / (max_epochs * per_epoch))
            for g in opt.param_groups:
                g["lr"] = lr * min(1.0, (step + 1) / 20) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0))))
            loss = batch_loss(model, b, point_weight, mass_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            if step % 25 == 0:
                log("step %d  %.1f min  loss %.4f" % (step, el / 60, loss.item()))
        epoch += 1
        if stop_at is not None:
            fit = pair_accuracy(model, examples)[0]
            log("epoch %d  %.1f min  training-pair accuracy %.3f" % (epoch, (time.time() - t0) / 60, fit))
            if fit >= stop_at:
                break
    return {"steps": step, "epochs": epoch, "seconds": round(time.time() - t0, 1)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True, help="from_export.py output on training problems")
    ap.add_argument("--heldout-labels", help="from_export.py output on held-out problems, for pairwise accuracy")
    ap.add_argument("--policy", required=True, help="policy checkpoint to start from")
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-pairs", type=int, default=16)
    ap.add_argument("--point-weight", type=float, default=0.2)
    ap.add_argument("--mass-weight", type=float, default=0.1)
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
    labs = [json.loads(line) for line in open(a.labels)]
    labs = [lab for lab in labs if lab["pairs"]]
    if a.heldout_labels:
        held = [json.loads(line) for line in open(a.heldout_labels)]
        train_labs = labs
    else:
        rng.shuffle(labs)
        k = max(1, int(len(labs) * a.holdout_frac))
        held, train_labs = labs[:k], labs[k:]
    train_ex, held_ex = pair_examples(train_labs), pair_examples(held)
    model, _ = load_ckpt(a.policy)
    log = lambda s: print(s, flush=True)  # noqa: E731
    log("ppm: %d training problems with %d pairs; %d held-out problems with %d pairs; good tokens %s, bad %s" % (
        len(train_labs), len(train_ex), len(held), len(held_ex), GOOD, BAD))
    acc0 = pair_accuracy(model, held_ex)
    log("held-out pairwise accuracy before training (policy weights): %.3f on %d pairs" % acc0[:2])
    run = train(model, train_ex, a.minutes, a.lr, a.batch_pairs, a.point_weight, a.mass_weight, a.seed, log)
    acc = pair_accuracy(model, held_ex)
    tr = pair_accuracy(model, train_ex)
    stats = {**run, "train_problems": len(train_labs), "train_pairs": len(train_ex),
             "heldout_problems": len(held), "heldout_pairs": acc[1], "heldout_pair_accuracy": round(acc[0], 4),
             "heldout_pair_accuracy_by_kind": acc[2], "heldout_pair_accuracy_before": round(acc0[0], 4),
             "train_pair_accuracy": round(tr[0], 4), "train_pair_accuracy_by_kind": tr[2], "params": model.n_params()}
    log("done: %s" % json.dumps(stats))
    save_ckpt(model, a.ckpt, stats)
    export_gguf(model, a.gguf, "stepwise-ppm-outputs", a.dtype)
    if a.check:
        # The exported file must give llama.cpp the same next-token probabilities (so the same P("+")).
        from check_export import compare
        texts = []
        for lab in (held or train_labs)[:2]:
            t = lab["trajectories"][0]
            texts.append(prompt_header(lab["question"]) + "".join(s + "ки" for s in t["steps"]))
        model.eval()
        rep = compare(model, a.gguf, texts, 0, 0.03)
        stats["export_check"] = rep
        log("export check: %s" % json.dumps(rep))
        if not rep["ok"]:
            sys.exit(1)
    with open(a.ckpt + ".json", "w") as f:
        json.dump(stats, f, indent=1)


if __name__ == "__main__":
    main()

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
Each side of a pair is a partial solution up to its own tag (the steps after it cannot change a causal model's
score there); a problem's sides share their question and earlier steps, and pack_problem encodes each shared
part once (several sequences in one row, each attending to its own prefix only).

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
import parallel  # noqa: E402
from model import CONFIGS, VOCAB, export_gguf, load_ckpt, save_ckpt  # noqa: E402
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


KINDS = ("tree-vs-tree", "reference-vs-tree", "reference-vs-corrupted", "answer-tree", "answer")


def pair_kind(pair, n_tree):
    """tree-vs-tree (two of the policy's own steps), reference-vs-tree or reference-vs-corrupted; for
    from_export.py's pairs of two finished solutions judged at their answer steps (a right one over a wrong one),
    "answer-tree" when both are the search's own (what best-of-N ranks), else "answer"."""
    a, b = pair["chosen"][0] < n_tree, pair["rejected"][0] < n_tree
    if pair.get("kind") == "answer":
        return KINDS[3] if a and b else KINDS[4]
    return KINDS[0] if a and b else KINDS[2] if not a and not b else KINDS[1]


def pack_problem(lab, row_tokens, max_len=CONFIGS["full"]["ctx"]):
    """One problem's pairs, packed for one forward pass. Every side of a pair is a partial solution (the question
    and the steps up to the one judged, each step followed by its tag); the sides form a tree of step prefixes,
    and each node of that tree is encoded once: its tokens lie in a row after their ancestors' and attend to
    them alone, at the positions they would have in the side's own sequence. A problem whose tree holds more
    than `row_tokens` tokens is split between rows, by subtrees under the question (which each row repeats).
    Returns {"rows": [(ids, pos, node of each token, ancestor-or-self matrix of the row's nodes)],
    "sides": [(row, index of the tag)], "pairs": [(chosen side, rejected side, chosenQ, rejectedQ, kind)],
    "dropped": pairs left out because a side is longer than `max_len`, the trained context, "kept": the indices in
    lab["pairs"] of the pairs kept}."""
    head = VOCAB.encode(prompt_header(lab["question"]), add_bos=True)
    trajs = lab["trajectories"]
    n_tree = lab.get("tree_trajectories", len(trajs))
    keys, children, tokens = {}, {(): []}, {}  # tokens: every prefix seen; children: the kept ones
    pairs, dropped, kept = [], 0, []
    for pi, p in enumerate(lab["pairs"]):
        sides = [tuple(trajs[t]["steps"][:d + 1]) for t, d in (p["chosen"], p["rejected"])]
        for key in sides:
            for k in range(1, len(key) + 1):
                if key[:k] not in tokens:
                    tokens[key[:k]] = VOCAB.encode(key[k - 1], add_bos=False) + [TAG]
        if max(len(head) + sum(len(tokens[key[:k]]) for k in range(1, len(key) + 1)) for key in sides) > max_len:
            dropped += 1  # a side longer than the trained context: positions the network never learnt
            continue
        ends = []
        for key in sides:
            for k in range(1, len(key) + 1):
                sub = key[:k]
                if sub not in children:
                    children.setdefault(sub[:-1], []).append(sub)
                    children.setdefault(sub, [])
            ends.append(keys.setdefault(key, len(keys)))
        pairs.append((ends[0], ends[1], p["chosenQ"], p["rejectedQ"], pair_kind(p, n_tree)))
        kept.append(pi)

    def subtree(key):
        out = [key]
        for c in children[key]:
            out += subtree(c)
        return out

    groups, size = [], 0
    for c in children[()]:
        nodes = subtree(c)
        n = sum(len(tokens[k]) for k in nodes)
        if not groups or size + n > row_tokens - len(head):
            groups.append([])
            size = 0
        groups[-1] += nodes
        size += n
    rows, where = [], {}
    for gi, nodes in enumerate(groups):
        ids, pos, node = list(head), list(range(len(head))), [0] * len(head)
        index = {(): 0}
        depth = {(): len(head)}
        for k in nodes:  # depth-first: a node follows its parent
            index[k] = len(index)
            toks = tokens[k]
            d = depth[k[:-1]]
            depth[k] = d + len(toks)
            ids += toks
            pos += range(d, d + len(toks))
            node += [index[k]] * len(toks)
            if k in keys:
                where[keys[k]] = (gi, len(ids) - 1)
        anc = torch.zeros(len(index), len(index), dtype=torch.bool)
        for k, i in index.items():
            for j in range(len(k) + 1):
                anc[i, index[k[:j]]] = True
        rows.append((ids, pos, node, anc))
    return {"rows": rows, "sides": [where[i] for i in range(len(keys))], "pairs": pairs, "dropped": dropped, "kept": kept}


def pair_examples(labs, row_tokens=1024):
    """Every pair of every problem (pack_problem) that fits the trained context, one entry per problem that
    has such pairs; the pairs left out are logged."""
    packed = [pack_problem(lab, row_tokens) for lab in labs if lab["pairs"]]
    dropped = sum(e["dropped"] for e in packed)
    if dropped:
        print("left out %d pairs with a side longer than the trained context (%d tokens)" % (dropped, CONFIGS["full"]["ctx"]),
              file=sys.stderr, flush=True)
    return [e for e in packed if e["pairs"]]


def n_pairs(examples):
    return sum(len(e["pairs"]) for e in examples)


def side_logits(model, batch):
    """Logits at the tag of every side of every problem in `batch`, the problems' sides one after another."""
    rows = [r for e in batch for r in e["rows"]]
    T = max(len(r[0]) for r in rows)
    x = torch.full((len(rows), T), VOCAB.EOS, dtype=torch.long)
    pos = torch.zeros((len(rows), T), dtype=torch.long)
    allowed = torch.eye(T, dtype=torch.bool).repeat(len(rows), 1, 1)  # padding attends to itself
    for i, (ids, p, node, anc) in enumerate(rows):
        n = len(ids)
        x[i, :n] = torch.tensor(ids)
        pos[i, :n] = torch.tensor(p)
        nd = torch.tensor(node)
        same = nd[:, None] == nd[None, :]
        allowed[i, :n, :n] = anc[nd[:, None], nd[None, :]] & (~same | torch.ones(n, n, dtype=torch.bool).tril())
    logits = model(x, pos, allowed)
    at, first = [], 0
    for e in batch:
        at += [(first + r, t) for r, t in e["sides"]]
        first += len(e["rows"])
    return logits[torch.tensor([a[0] for a in at]), torch.tensor([a[1] for a in at])]


def pair_index(batch):
    """(chosen, rejected) indices into side_logits' rows, and the pairs they come from."""
    ch, rj, ps, first = [], [], [], 0
    for e in batch:
        for a, b, qa, qb, kind in e["pairs"]:
            ch.append(first + a)
            rj.append(first + b)
            ps.append((qa, qb, kind))
        first += len(e["sides"])
    return torch.tensor(ch), torch.tensor(rj), ps


def reward_of(lt):
    """r = log P(good) - log P(bad) from logits (any leading shape, vocabulary last)."""
    return torch.logsumexp(lt[..., GOOD], -1) - torch.logsumexp(lt[..., BAD], -1)


def batch_loss(model, batch, point_weight, mass_weight):
    lt = side_logits(model, batch)
    r = reward_of(lt)
    ch, rj, ps = pair_index(batch)
    loss = -F.logsigmoid(r[ch] - r[rj]).mean()
    if point_weight > 0:
        sides = torch.cat([ch, rj])
        target = torch.tensor([1.0 if q[0] > 0 else 0.0 for q in ps] + [1.0 if q[1] > 0 else 0.0 for q in ps])
        loss = loss + point_weight * F.binary_cross_entropy_with_logits(r[sides], target)
    if mass_weight > 0:
        lp = torch.log_softmax(lt, -1)
        loss = loss - mass_weight * torch.logsumexp(lp[:, GOOD + BAD], -1).mean()
    return loss


def batches_of(examples, batch_pairs, rng, shuffle=True):
    """Problems in batches of at least `batch_pairs` pairs (a problem's pairs stay together), similar sizes
    together (less padding), the batches in random order."""
    order = list(range(len(examples)))
    if shuffle:
        rng.shuffle(order)
    size = lambda e: max(len(r[0]) for r in e["rows"])  # noqa: E731
    order.sort(key=lambda i: size(examples[i]) + (rng.random() * 60 if shuffle else 0))
    chunks, count = [[]], 0
    for i in order:
        if count >= batch_pairs:
            chunks.append([])
            count = 0
        chunks[-1].append(i)
        count += len(examples[i]["pairs"])
    chunks = [c for c in chunks if c]
    if shuffle:
        rng.shuffle(chunks)
    return [[examples[i] for i in c] for c in chunks]


@torch.no_grad()
def pair_counts(model, examples, batch_pairs=64):
    """{kind: [ranked right, pairs]} over every pair; a tie counts as wrong."""
    was = model.training
    model.eval()
    by = {}
    for b in batches_of(examples, batch_pairs, None, shuffle=False):
        r = reward_of(side_logits(model, b))
        ch, rj, ps = pair_index(b)
        for right, (_, _, kind) in zip((r[ch] > r[rj]).tolist(), ps):
            c = by.setdefault(kind, [0, 0])
            c[0] += right
            c[1] += 1
    model.train(was)
    return by


def pair_accuracy(model, examples, batch_pairs=64):
    """(accuracy, pairs, accuracy by kind) over every pair."""
    by = pair_counts(model, examples, batch_pairs)
    right, total = sum(c[0] for c in by.values()), sum(c[1] for c in by.values())
    return right / max(total, 1), total, {k: round(c[0] / c[1], 4) for k, c in by.items()}


@torch.no_grad()
def packing_error(model, labs, problems=4):
    """Largest |r| difference between the packed encoding and each side encoded as its own causal sequence,
    over every side of the first `problems` problems with pairs (they must agree: same tokens, positions and
    attention)."""
    was = model.training
    model.eval()
    worst = 0.0
    for lab in [lab for lab in labs if lab["pairs"]][:problems]:
        e = pack_problem(lab, 256)  # small rows, so the split between rows is checked too
        r = reward_of(side_logits(model, [e]))
        for (row, tag), got in zip(e["sides"], r.tolist()):
            ids, _, node, anc = e["rows"][row]
            own = [ids[k] for k in range(tag + 1) if anc[node[tag], node[k]]]
            want = float(reward_of(model(torch.tensor([own]))[0, -1]))
            worst = max(worst, abs(want - got))
    model.train(was)
    return worst


def require_packing(model, labs, log, tol=1e-3):
    """packing_error, logged; exits when it is above `tol`. Returns it."""
    err = packing_error(model, labs)
    log("packed encoding against each side on its own: max |dr| %.2g" % err)
    if err > tol:
        sys.exit("the packed encoding scores a step differently from its own sequence (%.2g > %.2g)" % (err, tol))
    return err


def train(model, examples, minutes, lr, batch_pairs, point_weight, mass_weight, seed, log, max_epochs=None,
          stop_at=None):
    """Time-budgeted: warm-up, then cosine over the budget (or over max_epochs when given). stop_at: end early
    once the training pairs are ranked at least this well (checked after each epoch). Under torch.distributed
    (--procs) each process draws its own batches, gradients are averaged, and the first process's clock ends
    every process at the same step (parallel.py)."""
    rank, _ = parallel.world()
    rng = random.Random(seed + rank)
    net = parallel.wrap(model)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.01)
    t0 = time.time()
    budget = minutes * 60
    per_epoch = max(1, len(batches_of(examples, batch_pairs, random.Random(0))))
    step = epoch = 0
    el = 0.0
    fit = None
    model.train()
    while el < budget and examples and (max_epochs is None or epoch < max_epochs):
        for b in batches_of(examples, batch_pairs, rng):
            el = parallel.one_clock(time.time() - t0)
            if el >= budget:
                break
            frac = el / budget if max_epochs is None else max(el / budget, step / (max_epochs * per_epoch))
            for g in opt.param_groups:
                g["lr"] = lr * min(1.0, (step + 1) / 20) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0))))
            loss = batch_loss(net, b, point_weight, mass_weight)
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
    ap.add_argument("--procs", type=int, default=1, help="CPU processes training one PPM together (parallel.py)")
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
        len(train_labs), n_pairs(train_ex), len(held), n_pairs(held_ex), GOOD, BAD))
    require_packing(model, train_labs, log)
    acc0 = pair_accuracy(model, held_ex)
    log("held-out pairwise accuracy before training (policy weights): %.3f on %d pairs" % acc0[:2])
    if a.procs > 1:
        parallel.spawn(run, a.procs, (a, train_labs, held, train_ex, held_ex, acc0))
    else:
        run(0, a, train_labs, held, train_ex, held_ex, acc0, model=model)


def run(rank, a, train_labs, held, train_ex, held_ex, acc0, port=None, model=None):
    """Trains (alone, or as one of --procs processes); the first process then measures, writes and checks."""
    if port:
        parallel.join(rank, a.procs, port)
    if model is None:
        model, _ = load_ckpt(a.policy)
    log = (lambda s: print(s, flush=True)) if rank == 0 else (lambda s: None)
    res = train(model, train_ex, a.minutes, a.lr, a.batch_pairs, a.point_weight, a.mass_weight, a.seed, log)
    if rank:
        return
    acc = pair_accuracy(model, held_ex)
    tr = pair_accuracy(model, train_ex)
    stats = {**res, "train_problems": len(train_labs), "train_pairs": n_pairs(train_ex),
             "heldout_problems": len(held), "heldout_pairs": acc[1], "heldout_pair_accuracy": round(acc[0], 4),
             "heldout_pair_accuracy_by_kind": acc[2], "heldout_pair_accuracy_before": round(acc0[0], 4),
             "train_pair_accuracy": round(tr[0], 4), "train_pair_accuracy_by_kind": tr[2], "params": model.n_params(),
             "procs": a.procs}
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

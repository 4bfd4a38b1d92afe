"""SFT of the policy on generated code-augmented solutions (loss on the solution tokens only), then GGUF
export. One torch thread is the fastest setting on these CPUs (see the platform notes).

    /usr/bin/python3 models/train/train_policy.py --data models/train/data/train.jsonl --minutes 30 \
        --ckpt models/train/work/policy.pt --gguf models/stepwise-policy.gguf
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import CONFIGS, VOCAB, Llama, export_gguf, save_ckpt  # noqa: E402
from problems import prompt_header  # noqa: E402

OUT_OPEN = VOCAB.index["<output>"]
ANS_OPEN = VOCAB.index["<answer>"]


def encode_example(question, solution, bos):
    """(ids, loss mask). The mask covers what the policy writes: the steps and the answer, not the
    prompt and not the interpreter output the engine inserts."""
    head = VOCAB.encode(prompt_header(question), add_bos=bos)
    sol = VOCAB.encode(solution, add_bos=False) + [VOCAB.EOS]
    mask = [0] * len(head) + [1] * len(sol)
    ids = head + sol
    # mask <output>...<answer> (inserted by the engine)
    try:
        a = ids.index(OUT_OPEN, len(head))
        b = ids.index(ANS_OPEN, a)
        for i in range(a + 1, b + 1):
            mask[i] = 0
    except ValueError:
        pass
    return ids, mask


def batches(examples, batch_tokens, rng):
    """Length-bucketed batches of padded sequences, reshuffled each epoch."""
    while True:
        order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]) + rng.random() * 40)
        chunks, cur, longest = [], [], 0
        for i in order:
            n = len(examples[i][0])
            if cur and max(longest, n) * (len(cur) + 1) > batch_tokens:
                chunks.append(cur)
                cur, longest = [], 0
            cur.append(i)
            longest = max(longest, n)
        if cur:
            chunks.append(cur)
        rng.shuffle(chunks)
        for c in chunks:
            yield c


def collate(examples, idxs):
    T = max(len(examples[i][0]) for i in idxs)
    x = torch.full((len(idxs), T), VOCAB.EOS, dtype=torch.long)
    m = torch.zeros((len(idxs), T), dtype=torch.float32)
    for r, i in enumerate(idxs):
        ids, mask = examples[i]
        x[r, :len(ids)] = torch.tensor(ids)
        m[r, :len(mask)] = torch.tensor(mask, dtype=torch.float32)
    return x, m


def lm_loss(model, x, m):
    logits = model(x[:, :-1])
    tgt = x[:, 1:]
    mm = m[:, 1:]
    l = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), reduction="none")
    return (l * mm.reshape(-1)).sum() / mm.sum().clamp(min=1)


def load_examples(path, rng, limit=None):
    ex = []
    with open(path) as f:
        for line in f:
            p = json.loads(line)
            # Half the examples without <s>: the model then works whether or not a runtime adds BOS.
            ex.append(encode_example(p["question"], p["solution"], bos=rng.random() < 0.5))
            if limit and len(ex) >= limit:
                break
    return ex


def train(model, examples, val, minutes, lr, batch_tokens, seed, log, max_steps=None):
    """Time-budgeted training: the learning rate warms up, then follows a cosine over the wall-clock budget."""
    rng = random.Random(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.05)
    budget = minutes * 60.0
    t0 = time.time()
    step, tokens = 0, 0
    gen = batches(examples, batch_tokens, rng)
    model.train()
    while True:
        el = time.time() - t0
        if el >= budget or (max_steps and step >= max_steps):
            break
        frac = el / budget
        cur = lr * min(1.0, (step + 1) / 100) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = cur
        x, m = collate(examples, next(gen))
        loss = lm_loss(model, x, m)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tokens += x.numel()
        if step % 50 == 0:
            log("step %d  %.1f min  loss %.4f  lr %.2e  %.0f tok/s" % (step, el / 60, loss.item(), cur,
                                                                      tokens / max(1e-9, time.time() - t0)))
        if step % 500 == 0 and val:
            log("  val loss %.4f" % evaluate(model, val))
    secs = time.time() - t0
    return dict(steps=step, tokens=tokens, seconds=round(secs, 1), tokens_per_s=round(tokens / max(secs, 1e-9)))


@torch.no_grad()
def evaluate(model, val):
    model.eval()
    tot, n = 0.0, 0
    for i in range(0, len(val), 8):
        x, m = collate(val, list(range(i, min(len(val), i + 8))))
        tot += lm_loss(model, x, m).item()
        n += 1
    model.train()
    return tot / max(n, 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--val", help="held-out JSONL for the validation loss")
    ap.add_argument("--config", default="full", choices=sorted(CONFIGS))
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch-tokens", type=int, default=8192)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--dtype", default="f16", choices=["f32", "f16", "q8_0"],
                    help="f16 matches torch within 0.003 in probability; q8_0 drifted up to 0.08")
    ap.add_argument("--init", help="start from this checkpoint (round 2)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)

    def log(s):
        print(s, flush=True)

    examples = load_examples(a.data, rng)
    if not examples:
        sys.exit("train_policy: no training examples in %s" % a.data)
    val = load_examples(a.val, rng, limit=64) if a.val else []
    if a.init:
        from model import load_ckpt
        model, _ = load_ckpt(a.init)
    else:
        model = Llama(**CONFIGS[a.config])
    log("policy: %d parameters, %d examples, %d tokens/epoch" % (model.n_params(), len(examples),
                                                                sum(len(e[0]) for e in examples)))
    stats = train(model, examples, val, a.minutes, a.lr, a.batch_tokens, a.seed, log, a.max_steps or None)
    if val:
        stats["val_loss"] = round(evaluate(model, val), 4)
    stats["params"] = model.n_params()
    stats["config"] = model.cfg
    log("done: %s" % json.dumps(stats))
    os.makedirs(os.path.dirname(os.path.abspath(a.ckpt)), exist_ok=True)
    save_ckpt(model, a.ckpt, stats)
    export_gguf(model, a.gguf, "stepwise-policy", a.dtype)
    with open(a.ckpt + ".json", "w") as f:
        json.dump(stats, f, indent=1)
    log("wrote %s and %s" % (a.ckpt, a.gguf))


if __name__ == "__main__":
    main()

"""SFT of the policy on generated code-augmented solutions (loss on the solution tokens only), then GGUF
export. One torch thread is the fastest setting on these CPUs (see the platform notes).

    /usr/bin/python3 models/train/train_policy.py --data models/train/data/train.jsonl --minutes 30 \
        --ckpt models/train/work/policy.pt --gguf models/stepwise-policy.gguf
"""

import argparse
import contextlib
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parallel  # noqa: E402
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


class Examples:
    """Tokenised examples in flat arrays (ids int16, loss mask uint8, offsets), so a million fit in memory."""

    def __init__(self, pairs=(), arrays=None):
        if arrays is None:
            pairs = list(pairs)
            lens = np.array([len(ids) for ids, _ in pairs], dtype=np.int64)
            self.ids = np.fromiter((t for ids, _ in pairs for t in ids), dtype=np.int16, count=int(lens.sum()))
            self.mask = np.fromiter((t for _, m in pairs for t in m), dtype=np.uint8, count=int(lens.sum()))
        else:
            self.ids, self.mask, lens = arrays
        self.off = np.concatenate([[0], np.cumsum(lens)])
        self.lens = lens

    def __len__(self):
        return len(self.lens)

    def tokens(self):
        return int(self.lens.sum())

    def collate(self, idxs):
        T = int(max(self.lens[i] for i in idxs))
        x = np.full((len(idxs), T), VOCAB.EOS, dtype=np.int64)
        m = np.zeros((len(idxs), T), dtype=np.float32)
        for r, i in enumerate(idxs):
            a, b = self.off[i], self.off[i + 1]
            x[r, :b - a] = self.ids[a:b]
            m[r, :b - a] = self.mask[a:b]
        return torch.from_numpy(x), torch.from_numpy(m)

    def save(self, path):
        np.savez(path, ids=self.ids, mask=self.mask, lens=self.lens)

    @classmethod
    def load(cls, path):
        z = np.load(path)
        return cls(arrays=(z["ids"], z["mask"], z["lens"]))

    @classmethod
    def join(cls, parts):
        return cls(arrays=(np.concatenate([p.ids for p in parts]), np.concatenate([p.mask for p in parts]),
                           np.concatenate([p.lens for p in parts])))


def batches(examples, batch_tokens, rng):
    """Length-bucketed batches of padded sequences, reshuffled each epoch."""
    lens = examples.lens.tolist()
    while True:
        order = sorted(range(len(lens)), key=lambda i: lens[i] + rng.random() * 40)
        chunks, cur, longest = [], [], 0
        for i in order:
            n = lens[i]
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


def lm_loss(model, x, m):
    logits = model(x[:, :-1])
    tgt = x[:, 1:]
    mm = m[:, 1:]
    l = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), tgt.reshape(-1), reduction="none")
    return (l * mm.reshape(-1)).sum() / mm.sum().clamp(min=1)


def read_problems(path, limit=None):
    out = []
    with open(path) as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                out.append((p["question"], p["solution"]))
                if limit and len(out) >= limit:
                    break
    return out


def load_examples(path, rng, limit=None):
    # Half the examples without <s>: the model then works whether or not a runtime adds BOS.
    return Examples(encode_example(q, s, bos=rng.random() < 0.5) for q, s in read_problems(path, limit))


def _encode_file(job):
    path, seed = job
    rng = random.Random(seed)
    return load_examples(path, rng)


def load_many(paths, rng, workers):
    """One file in this process, drawing BOS from rng (the CPU pipeline's exact examples); several files in a
    pool of workers, each file with its own seeded draw."""
    if len(paths) == 1 or workers <= 1:
        return Examples.join([load_examples(p, rng) for p in paths])
    import multiprocessing
    jobs = [(p, rng.randrange(1 << 30)) for p in paths]
    with multiprocessing.Pool(workers) as pool:
        return Examples.join(pool.map(_encode_file, jobs))


BF16 = [True]  # --gpu-mode safe: float32 (TF32 matrix work) on the GPU too


def autocast(device):
    """bfloat16 matrix work on a GPU; nothing on the CPU (float32 throughout, as the CPU pipeline has always run)."""
    if device == "cpu" or not BF16[0]:
        return contextlib.nullcontext()
    return torch.autocast("cuda", dtype=torch.bfloat16)


def train(model, examples, val, minutes, lr, batch_tokens, seed, log, max_steps=None, device="cpu", keep=None):
    """Time-budgeted training: the learning rate warms up, then follows a cosine over the wall-clock budget
    (minutes 0: over max_steps instead, so a step count measured on one machine can be replayed on another).
    On a GPU the matrix work runs in bfloat16 (autocast), the weights and optimiser in float32. Under
    torch.distributed (--procs) each process draws its own batches, gradients are averaged, and all stop at the
    same step (the first process's clock decides). keep(step), where given, is called on the first process every
    500 steps, so that a run stopped before its end still leaves its weights."""
    rank, ranks = parallel.world()
    rng = random.Random(seed + rank)
    net = parallel.wrap(model)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.05)
    budget = minutes * 60.0
    t0 = time.time()
    step, tokens = 0, 0
    gen = batches(examples, batch_tokens, rng)
    model.train()
    while True:
        el = parallel.one_clock(time.time() - t0)
        if (budget and el >= budget) or (max_steps and step >= max_steps):
            break
        frac = el / budget if budget else step / max_steps
        cur = lr * min(1.0, (step + 1) / 100) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = cur
        x, m = examples.collate(next(gen))
        x, m = x.to(device, non_blocking=True), m.to(device, non_blocking=True)
        with autocast(device):
            loss = lm_loss(net, x, m)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tokens += x.numel() * ranks
        if step % 50 == 0 and rank == 0:
            log("step %d  %.1f min  loss %.4f  lr %.2e  %.0f tok/s" % (step, el / 60, loss.item(), cur,
                                                                      tokens / max(1e-9, time.time() - t0)))
        if step % 500 == 0 and rank == 0:
            if val:
                log("  val loss %.4f" % evaluate(model, val, device))
            if keep:
                keep(step)
    secs = time.time() - t0
    return dict(steps=step, tokens=tokens, seconds=round(secs, 1), tokens_per_s=round(tokens / max(secs, 1e-9)),
                epochs=round(tokens / max(1, examples.tokens()), 2), device=device)


@torch.no_grad()
def evaluate(model, val, device="cpu"):
    model.eval()
    tot, n = 0.0, 0
    for i in range(0, len(val), 8):
        x, m = val.collate(list(range(i, min(len(val), i + 8))))
        with autocast(device):
            tot += lm_loss(model, x.to(device), m.to(device)).item()
        n += 1
    model.train()
    return tot / max(n, 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, nargs="+", help="problems JSONL file(s)")
    ap.add_argument("--cache", help="tokenised examples (.npz): read if it exists, else written after tokenising")
    ap.add_argument("--tokenize-only", action="store_true", help="write --cache and stop")
    ap.add_argument("--workers", type=int, default=1, help="processes that tokenise several --data files")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or auto (cuda where torch sees one)")
    ap.add_argument("--gpu-mode", default="fast", choices=["fast", "safe"],
                    help="fast: bfloat16 autocast and fused attention; safe: float32 and the explicit mask")
    ap.add_argument("--val", help="held-out JSONL for the validation loss")
    ap.add_argument("--config", default="full", choices=sorted(CONFIGS))
    ap.add_argument("--minutes", type=float, default=30, help="wall-clock budget; 0: none (schedule over --max-steps)")
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch-tokens", type=int, default=8192)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ckpt")
    ap.add_argument("--gguf")
    ap.add_argument("--dtype", default="f16", choices=["f32", "f16", "q8_0"],
                    help="f16 matches torch within 0.003 in probability; q8_0 drifted up to 0.08")
    ap.add_argument("--init", help="start from this checkpoint (round 2)")
    ap.add_argument("--procs", type=int, default=1,
                    help="CPU processes training one model together (data parallel, one core each: on 2 cores, 2 "
                    "processes train about twice the tokens of one)")
    a = ap.parse_args()
    if not a.tokenize_only and not (a.ckpt and a.gguf):
        ap.error("--ckpt and --gguf are required (except with --tokenize-only)")
    if a.minutes <= 0 and a.max_steps <= 0:
        ap.error("--minutes 0 (no time budget) needs --max-steps")
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    device = a.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device != "cpu":
        torch.backends.cuda.matmul.allow_tf32 = True
        if a.gpu_mode == "safe":
            BF16[0] = False
            Llama.fused_attention = False

    def log(s):
        print(s, flush=True)

    if a.procs > 1 and device != "cpu":
        ap.error("--procs is for the CPU")
    if a.cache and os.path.exists(a.cache):
        examples = Examples.load(a.cache)
    else:
        examples = load_many(a.data, rng, a.workers)
        if a.cache:
            examples.save(a.cache)
    if not len(examples):
        sys.exit("train_policy: no training examples in %s" % " ".join(a.data))
    if a.tokenize_only:
        log("tokenised %d examples, %d tokens, into %s" % (len(examples), examples.tokens(), a.cache))
        return
    val = load_examples(a.val, rng, limit=64) if a.val else []
    if a.procs > 1:
        parallel.spawn(run, a.procs, (a, examples, val, device))
    else:
        run(0, a, examples, val, device)


def run(rank, a, examples, val, device, port=None):
    """One training process (rank 0 alone, or one of --procs): trains, and rank 0 writes the files."""
    def log(s):
        if rank == 0:
            print(s, flush=True)

    if port:
        parallel.join(rank, a.procs, port)
    if a.init:
        from model import load_ckpt
        model, _ = load_ckpt(a.init)
    else:
        model = Llama(**CONFIGS[a.config])
    model.to(device)
    log("policy: %d parameters, %d examples, %d tokens/epoch, on %s%s" % (
        model.n_params(), len(examples), examples.tokens(), device, " x %d processes" % a.procs if port else ""))
    os.makedirs(os.path.dirname(os.path.abspath(a.ckpt)), exist_ok=True)
    partial = a.ckpt + ".partial"

    def keep(step):  # a usable --init for a run that is stopped (the optimiser's state is not kept)
        save_ckpt(model, partial, dict(steps=step, partial=True))

    stats = train(model, examples, val, a.minutes, a.lr, a.batch_tokens, a.seed, log, a.max_steps or None, device,
                  keep)
    if rank:
        return
    if val:
        stats["val_loss"] = round(evaluate(model, val, device), 4)
    stats["params"] = model.n_params()
    stats["config"] = model.cfg
    stats["procs"] = a.procs
    log("done: %s" % json.dumps(stats))
    save_ckpt(model, a.ckpt, stats)
    if os.path.exists(partial):
        os.remove(partial)
    export_gguf(model, a.gguf, "stepwise-policy", a.dtype)
    with open(a.ckpt + ".json", "w") as f:
        json.dump(stats, f, indent=1)
    log("wrote %s and %s" % (a.ckpt, a.gguf))

if __name__ == "__main__":
    main()

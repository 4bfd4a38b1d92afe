"""The llama-architecture transformer used for both the policy and the PPM, written to match llama.cpp's
"llama" arch exactly (RMSNorm, adjacent-pair RoPE, SwiGLU, no biases, untied output), plus GGUF export
through the project's writer (models/tools/gguf_writer.py)."""

import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from gguf_writer import llama_metadata, write_gguf  # noqa: E402
from vocab import load_vocab  # noqa: E402

VOCAB = load_vocab()
RMS_EPS = 1e-5
ROPE_BASE = 10000.0

# Model sizes: "full" is the shipped default; "wide" (about three times the parameters) and "deep" (twice the
# layers) are larger candidates (policy_gpu.sh); "tiny" is for the quick CI run.
CONFIGS = {
    "full": dict(n_embd=256, n_layer=4, n_head=2, n_ff=704, ctx=1280),
    "wide": dict(n_embd=384, n_layer=6, n_head=3, n_ff=1024, ctx=1280),
    "deep": dict(n_embd=256, n_layer=8, n_head=2, n_ff=704, ctx=1280),
    "tiny": dict(n_embd=64, n_layer=2, n_head=2, n_ff=192, ctx=1280),
}


class RMSNorm(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + RMS_EPS) * self.weight


def rope_tables(head_dim, ctx):
    inv = ROPE_BASE ** (-torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim)
    ang = torch.arange(ctx, dtype=torch.float32)[:, None] * inv[None, :]
    return torch.cos(ang), torch.sin(ang)


def apply_rope(x, cos, sin):
    # llama.cpp "normal" RoPE: rotate adjacent pairs (x[2j], x[2j+1]).
    x0, x1 = x[..., 0::2], x[..., 1::2]
    r0 = x0 * cos - x1 * sin
    r1 = x0 * sin + x1 * cos
    return torch.stack((r0, r1), dim=-1).flatten(-2)


class Block(nn.Module):
    def __init__(self, d, n_head, n_ff):
        super().__init__()
        self.n_head = n_head
        self.attn_norm = RMSNorm(d)
        self.q = nn.Linear(d, d, bias=False)
        self.k = nn.Linear(d, d, bias=False)
        self.v = nn.Linear(d, d, bias=False)
        self.o = nn.Linear(d, d, bias=False)
        self.ffn_norm = RMSNorm(d)
        self.gate = nn.Linear(d, n_ff, bias=False)
        self.up = nn.Linear(d, n_ff, bias=False)
        self.down = nn.Linear(n_ff, d, bias=False)

    def forward(self, x, cos, sin, mask):
        B, T, D = x.shape
        h = self.attn_norm(x)
        hd = D // self.n_head
        q = self.q(h).view(B, T, self.n_head, hd).transpose(1, 2)
        k = self.k(h).view(B, T, self.n_head, hd).transpose(1, 2)
        v = self.v(h).view(B, T, self.n_head, hd).transpose(1, 2)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        if mask is None:  # plain causal rows on a GPU: the fused kernel applies the mask
            y = F.scaled_dot_product_attention(q.to(v.dtype), k.to(v.dtype), v, is_causal=True)
        else:
            att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(hd)) + mask
            y = F.softmax(att, dim=-1) @ v
        x = x + self.o(y.transpose(1, 2).reshape(B, T, D))
        h = self.ffn_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Llama(nn.Module):
    fused_attention = True  # on a GPU, torch's fused causal attention (train_policy.py --gpu-mode safe turns it off)

    def __init__(self, n_embd, n_layer, n_head, n_ff, ctx, n_vocab=len(VOCAB.tokens)):
        super().__init__()
        self.cfg = dict(n_embd=n_embd, n_layer=n_layer, n_head=n_head, n_ff=n_ff, ctx=ctx)
        self.emb = nn.Embedding(n_vocab, n_embd)
        self.blocks = nn.ModuleList([Block(n_embd, n_head, n_ff) for _ in range(n_layer)])
        self.norm = RMSNorm(n_embd)
        self.out = nn.Linear(n_embd, n_vocab, bias=False)
        cos, sin = rope_tables(n_embd // n_head, ctx)
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, std=0.02)
            elif isinstance(m, nn.Embedding):
                nn.init.normal_(m.weight, std=0.02)
        for b in self.blocks:
            nn.init.normal_(b.o.weight, std=0.02 / math.sqrt(2 * n_layer))
            nn.init.normal_(b.down.weight, std=0.02 / math.sqrt(2 * n_layer))

    def forward(self, idx, pos=None, allowed=None):
        """Logits for token ids idx (B, T). By default each row is one causal sequence. pos (B, T) and allowed
        (B, T, T, bool: may token i attend to token k) lay several sequences that share prefixes out in one row,
        each token at its own position attending to its own sequence only (train_ppm.py packs a problem's
        steps this way, so a shared question is encoded once)."""
        B, T = idx.shape
        x = self.emb(idx)
        if pos is None:
            cos, sin = self.cos[:T], self.sin[:T]
            # On the CPU the explicit mask (torch 1.13 has no fused attention); the same arithmetic either way.
            fused = idx.is_cuda and self.fused_attention
            mask = None if fused else torch.full((T, T), float("-inf"), device=idx.device).triu(1)
        else:
            if int(pos.max()) >= self.cfg["ctx"]:
                raise ValueError("a position of %d is past the trained context (%d)" % (int(pos.max()), self.cfg["ctx"]))
            cos, sin = self.cos[pos].unsqueeze(1), self.sin[pos].unsqueeze(1)
            mask = torch.zeros(allowed.shape, device=idx.device).masked_fill(~allowed, float("-inf")).unsqueeze(1)
        for b in self.blocks:
            x = b(x, cos, sin, mask)
        return self.out(self.norm(x))

    def n_params(self):
        return sum(p.numel() for p in self.parameters())


def export_gguf(model, path, name, dtype="q8_0"):
    """Writes the model as a llama-arch GGUF; norm gains stay F32 (the writer's rule)."""
    c = model.cfg
    sd = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    mat = dtype
    tensors = [("token_embd.weight", sd["emb.weight"], mat)]
    for i in range(c["n_layer"]):
        p = "blocks.%d." % i
        tensors += [
            ("blk.%d.attn_norm.weight" % i, sd[p + "attn_norm.weight"], "f32"),
            ("blk.%d.attn_q.weight" % i, sd[p + "q.weight"], mat),
            ("blk.%d.attn_k.weight" % i, sd[p + "k.weight"], mat),
            ("blk.%d.attn_v.weight" % i, sd[p + "v.weight"], mat),
            ("blk.%d.attn_output.weight" % i, sd[p + "o.weight"], mat),
            ("blk.%d.ffn_norm.weight" % i, sd[p + "ffn_norm.weight"], "f32"),
            ("blk.%d.ffn_gate.weight" % i, sd[p + "gate.weight"], mat),
            ("blk.%d.ffn_up.weight" % i, sd[p + "up.weight"], mat),
            ("blk.%d.ffn_down.weight" % i, sd[p + "down.weight"], mat),
        ]
    tensors += [("output_norm.weight", sd["norm.weight"], "f32"), ("output.weight", sd["out.weight"], mat)]
    meta = {**llama_metadata(n_vocab=len(VOCAB.tokens), n_embd=c["n_embd"], n_layer=c["n_layer"],
                             n_head=c["n_head"], n_ff=c["n_ff"], context_length=max(2048, c["ctx"]),
                             rope_base=ROPE_BASE,
                             rms_eps=RMS_EPS, name=name, file_type=dtype), **VOCAB.metadata()}
    tmp = path + ".tmp"
    write_gguf(tmp, meta, tensors)
    os.replace(tmp, path)


def save_ckpt(model, path, extra=None):
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    torch.save({"cfg": model.cfg, "state": state, "extra": extra or {}}, path)


def load_gguf(path, ctx=CONFIGS["full"]["ctx"]):
    """A model from a GGUF that export_gguf wrote (f32 or f16), e.g. a shipped file; ctx: the trained context
    (the file's metadata says at least 2,048)."""
    from gguf_reader import read_gguf
    meta, t = read_gguf(path)
    n_layer = meta["llama.block_count"]
    m = Llama(n_embd=meta["llama.embedding_length"], n_layer=n_layer, n_head=meta["llama.attention.head_count"],
              n_ff=meta["llama.feed_forward_length"], ctx=ctx, n_vocab=t["token_embd.weight"].shape[0])
    names = {"emb.weight": "token_embd.weight", "norm.weight": "output_norm.weight", "out.weight": "output.weight"}
    ours = {"attn_norm": "attn_norm", "q": "attn_q", "k": "attn_k", "v": "attn_v", "o": "attn_output",
            "ffn_norm": "ffn_norm", "gate": "ffn_gate", "up": "ffn_up", "down": "ffn_down"}
    for i in range(n_layer):
        for a, b in ours.items():
            names["blocks.%d.%s.weight" % (i, a)] = "blk.%d.%s.weight" % (i, b)
    m.load_state_dict({k: torch.from_numpy(t[v].copy()) for k, v in names.items()})
    return m


def load_ckpt(path):
    """A model from a checkpoint save_ckpt wrote, or from a .gguf (load_gguf)."""
    if path.endswith(".gguf"):
        return load_gguf(path), {"from": os.path.basename(path)}
    ck = torch.load(path, map_location="cpu")
    m = Llama(**ck["cfg"])
    m.load_state_dict(ck["state"])
    return m, ck.get("extra", {})


@torch.no_grad()
def greedy(model, ids, max_new=600, stop_ids=()):
    """Plain greedy decoding without a cache (for checks on a few prompts)."""
    model.eval()
    ids = list(ids)
    out = []
    for _ in range(max_new):
        x = torch.tensor([ids[-model.cfg["ctx"]:]])
        nxt = int(model(x)[0, -1].argmax())
        out.append(nxt)
        ids.append(nxt)
        if nxt in stop_ids:
            break
    return out

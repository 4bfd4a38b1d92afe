"""A small GGUF v3 writer (numpy only) and helpers for byte-level SentencePiece vocabularies and the
llama architecture, so models trained here (or engineered fixtures) load in llama.cpp / node-llama-cpp.

Usage:
    from gguf_writer import write_gguf, byte_spm_vocab, llama_metadata, ByteSpmTokenizer
    vocab = byte_spm_vocab(extra_tokens=DEFAULT_EXTRA_TOKENS)
    meta = {**llama_metadata(n_vocab=len(vocab.tokens), n_embd=64, n_layer=2, n_head=4, n_ff=128,
                             context_length=512), **vocab.metadata()}
    write_gguf("model.gguf", meta, [("token_embd.weight", emb, "f32"), ...])

Tensor names for `general.architecture = "llama"` (shapes given numpy/row-major, i.e. torch Linear
`weight` as (out_features, in_features); the writer stores ne reversed, ne = [in, out]):
    token_embd.weight          (n_vocab, n_embd)
    blk.{i}.attn_norm.weight   (n_embd,)                 RMSNorm gain before attention, F32
    blk.{i}.attn_q.weight      (n_head*head_dim, n_embd)
    blk.{i}.attn_k.weight      (n_head_kv*head_dim, n_embd)
    blk.{i}.attn_v.weight      (n_head_kv*head_dim, n_embd)
    blk.{i}.attn_output.weight (n_embd, n_head*head_dim)
    blk.{i}.ffn_norm.weight    (n_embd,)                 RMSNorm gain before the MLP, F32
    blk.{i}.ffn_gate.weight    (n_ff, n_embd)            SwiGLU: down(silu(gate(x)) * up(x))
    blk.{i}.ffn_up.weight      (n_ff, n_embd)
    blk.{i}.ffn_down.weight    (n_embd, n_ff)
    output_norm.weight         (n_embd,)                 F32
    output.weight              (n_vocab, n_embd)         omit it for tied embeddings (token_embd is reused)
No biases. RMSNorm is x / sqrt(mean(x^2) + eps) * gain (eps = llama.attention.layer_norm_rms_epsilon).
Attention scale is 1/sqrt(head_dim); causal; grouped-query when n_head_kv < n_head.

RoPE convention (important for exporters): llama.cpp's "llama" arch uses the NORMAL RoPE type, which
rotates ADJACENT pairs (x[2j], x[2j+1]) of each head by angle pos * freq_base^(-2j/head_dim).
Hugging Face / most torch code uses "rotate_half", which pairs x[j] with x[j + head_dim/2] (same
frequencies). A model trained with rotate_half MUST have the rows of attn_q and attn_k permuted before
writing it as arch "llama": use `permute_qk_for_llama(w, n_head)` (q) and
`permute_qk_for_llama(w, n_head_kv)` (k). attn_v / attn_output are NOT permuted. (A model trained with
the adjacent-pair convention is written as is.) The "qwen2" arch, by contrast, uses rotate_half (NEOX)
without any permutation, and needs q/k/v biases.

Tokenizer facts (llama.cpp's SPM tokenizer, checked against node-llama-cpp): USER_DEFINED tokens are split
out of the text whole, longest first, even when special-token parsing is off, and detokenize to their text
(spaces in them stay plain spaces); CONTROL tokens are matched only when special tokens are parsed and
detokenize to nothing. With add_space_prefix false no leading space is added; a space in normal text becomes
"▁" (which must be a vocabulary piece, else it falls back to the three bytes of "▁"). Multi-character
NORMAL pieces are merged by llama.cpp's SPM rule: the adjacent pair whose joined text is a piece with the
highest score merges first (ties: leftmost); a symbol that is not a piece falls back to its bytes.
ByteSpmVocab.encode reproduces all of this; test/inference/tokenizer.test.ts compares it with llama.cpp.

Quantised types need the row length (ne[0], the input dimension) to be a multiple of 32; 1-D norm
weights must stay F32.
"""

from __future__ import annotations

import heapq
import re
import struct
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

GGUF_MAGIC = b"GGUF"
GGUF_VERSION = 3
DEFAULT_ALIGNMENT = 32

# GGUF metadata value types
T_UINT8, T_INT8, T_UINT16, T_INT16, T_UINT32, T_INT32, T_FLOAT32, T_BOOL, T_STRING, T_ARRAY, T_UINT64, T_INT64, \
    T_FLOAT64 = range(13)

_SCALAR_FMT = {
    T_UINT8: "<B", T_INT8: "<b", T_UINT16: "<H", T_INT16: "<h", T_UINT32: "<I", T_INT32: "<i",
    T_FLOAT32: "<f", T_BOOL: "<?", T_UINT64: "<Q", T_INT64: "<q", T_FLOAT64: "<d",
}
_TYPE_NAMES = {
    "u8": T_UINT8, "i8": T_INT8, "u16": T_UINT16, "i16": T_INT16, "u32": T_UINT32, "i32": T_INT32,
    "f32": T_FLOAT32, "bool": T_BOOL, "str": T_STRING, "u64": T_UINT64, "i64": T_INT64, "f64": T_FLOAT64,
}

# ggml tensor types
GGML_F32, GGML_F16, GGML_Q4_0, GGML_Q8_0 = 0, 1, 2, 8
_GGML_TYPES = {"f32": GGML_F32, "f16": GGML_F16, "q4_0": GGML_Q4_0, "q8_0": GGML_Q8_0}
# llama "general.file_type" values
FILE_TYPE = {"f32": 0, "f16": 1, "q4_0": 2, "q8_0": 7}

# token types (tokenizer.ggml.token_type)
TOKEN_NORMAL, TOKEN_UNKNOWN, TOKEN_CONTROL, TOKEN_USER_DEFINED, TOKEN_UNUSED, TOKEN_BYTE = 1, 2, 3, 4, 5, 6


class Typed:
    """A metadata value with an explicit GGUF type, e.g. Typed(5, "u64") or Typed([1, 2], "i32") (array)."""

    def __init__(self, value: Any, type_name: str):
        if type_name not in _TYPE_NAMES:
            raise ValueError(f"unknown GGUF type {type_name!r}; use one of {sorted(_TYPE_NAMES)}")
        self.value = value
        self.type = _TYPE_NAMES[type_name]


def _pack_string(s: str) -> bytes:
    b = s.encode("utf-8")
    return struct.pack("<Q", len(b)) + b


def _infer_type(v: Any) -> int:
    # bool before int: bool is an int subclass
    if isinstance(v, (bool, np.bool_)):
        return T_BOOL
    if isinstance(v, (int, np.integer)):
        # llama.cpp checks types strictly; its hyper-parameters are uint32, so non-negative ints default to that
        return T_UINT32 if 0 <= int(v) < 2**32 else T_INT64
    if isinstance(v, (float, np.floating)):
        return T_FLOAT32
    if isinstance(v, str):
        return T_STRING
    raise TypeError(f"cannot infer a GGUF type for {type(v).__name__}; wrap it in Typed(value, type)")


def _pack_scalar(t: int, v: Any) -> bytes:
    if t == T_STRING:
        return _pack_string(v)
    return struct.pack(_SCALAR_FMT[t], v)


def _pack_value(v: Any) -> bytes:
    """type tag + payload for one metadata value."""
    if isinstance(v, Typed):
        if isinstance(v.value, (list, tuple, np.ndarray)):
            return _pack_array(list(v.value), v.type)
        return struct.pack("<I", v.type) + _pack_scalar(v.type, v.value)
    if isinstance(v, (list, tuple, np.ndarray)):
        items = list(v)
        if not items:
            raise ValueError("empty arrays need an explicit type: Typed([], 'i32')")
        first = items[0]
        if isinstance(first, str):
            et = T_STRING
        elif isinstance(first, (bool, np.bool_)):
            et = T_BOOL
        elif isinstance(first, (int, np.integer)):
            # token_type and similar id arrays are int32 in llama.cpp's files
            et = T_INT32
        elif isinstance(first, (float, np.floating)):
            et = T_FLOAT32
        else:
            raise TypeError(f"cannot infer an array element type for {type(first).__name__}")
        return _pack_array(items, et)
    t = _infer_type(v)
    return struct.pack("<I", t) + _pack_scalar(t, v)


def _pack_array(items: list, et: int) -> bytes:
    out = [struct.pack("<IIQ", T_ARRAY, et, len(items))]
    if et == T_STRING:
        out.extend(_pack_string(s) for s in items)
    else:
        out.append(np.asarray(items, dtype=np.dtype(_SCALAR_FMT[et])).tobytes())
    return b"".join(out)


# ---- tensor encodings ------------------------------------------------------------------------------

def quantize_q8_0(a: np.ndarray) -> bytes:
    """Blocks of 32 along the last axis: f16 scale d = max|x|/127, then 32 int8 q = round(x/d)."""
    x = np.ascontiguousarray(a, dtype=np.float32).reshape(-1, 32)
    amax = np.abs(x).max(axis=1, keepdims=True)
    d = amax / 127.0
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(d > 0, np.round(x / np.where(d > 0, d, 1)), 0).astype(np.int8)
    blocks = np.empty(x.shape[0], dtype=[("d", "<f2"), ("q", "i1", (32,))])
    blocks["d"] = d[:, 0].astype(np.float16)
    blocks["q"] = q
    return blocks.tobytes()


def quantize_q4_0(a: np.ndarray) -> bytes:
    """Blocks of 32: f16 scale d = m/-8 (m = the value of largest magnitude, signed), nibbles
    q = min(15, int(x/d + 8.5)); byte j holds element j (low nibble) and element j+16 (high nibble)."""
    x = np.ascontiguousarray(a, dtype=np.float32).reshape(-1, 32)
    idx = np.abs(x).argmax(axis=1)
    m = x[np.arange(x.shape[0]), idx]
    d = m / -8.0
    inv = np.where(d != 0, 1.0 / np.where(d != 0, d, 1), 0).astype(np.float32)
    q = np.minimum(15, (x * inv[:, None] + 8.5).astype(np.int32)).astype(np.uint8)
    packed = q[:, :16] | (q[:, 16:] << 4)
    blocks = np.empty(x.shape[0], dtype=[("d", "<f2"), ("q", "u1", (16,))])
    blocks["d"] = d.astype(np.float16)
    blocks["q"] = packed
    return blocks.tobytes()


def _encode_tensor(arr: np.ndarray, dtype: str) -> bytes:
    if dtype == "f32":
        return np.ascontiguousarray(arr, dtype="<f4").tobytes()
    if dtype == "f16":
        return np.ascontiguousarray(arr, dtype="<f2").tobytes()
    if arr.shape[-1] % 32 != 0:
        raise ValueError(f"{dtype} needs the last dimension to be a multiple of 32, got shape {arr.shape}")
    if dtype == "q8_0":
        return quantize_q8_0(arr)
    if dtype == "q4_0":
        return quantize_q4_0(arr)
    raise ValueError(f"unsupported tensor type {dtype!r}; use f32, f16, q8_0 or q4_0")


def _align(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def write_gguf(path: str, metadata: dict, tensors: Sequence[tuple], alignment: int = DEFAULT_ALIGNMENT) -> None:
    """Write a GGUF v3 file.

    metadata: key -> value; str/int/float/bool/list are typed automatically (non-negative int -> uint32,
      float -> float32, list of str -> string array, list of int -> int32 array, list of float -> float32
      array); wrap a value in Typed(value, "u64") etc. to force a type.
    tensors: (name, numpy array in row-major layout, "f32"|"f16"|"q8_0"|"q4_0"). A row-major (out, in)
      array is written with ne = [in, out], as ggml expects.
    Tensors can also be given as (name, shape, dtype, chunk_fn) where chunk_fn(row_start, row_end) returns
    rows of the array: used to stream huge random tensors without holding them in memory.
    """
    meta = dict(metadata)
    if alignment != DEFAULT_ALIGNMENT:
        meta["general.alignment"] = Typed(alignment, "u32")
    infos = []
    offset = 0
    for t in tensors:
        name, arr_or_shape, dtype = t[0], t[1], t[2]
        shape = tuple(arr_or_shape.shape) if isinstance(arr_or_shape, np.ndarray) else tuple(arr_or_shape)
        if dtype not in _GGML_TYPES:
            raise ValueError(f"tensor {name}: unsupported type {dtype!r}")
        n = int(np.prod(shape))
        if dtype == "f32":
            nbytes = n * 4
        elif dtype == "f16":
            nbytes = n * 2
        elif dtype == "q8_0":
            nbytes = n // 32 * 34
        else:
            nbytes = n // 32 * 18
        infos.append((name, shape, dtype, offset, nbytes, t))
        offset = _align(offset + nbytes, alignment)

    with open(path, "wb") as f:
        f.write(GGUF_MAGIC + struct.pack("<IQQ", GGUF_VERSION, len(infos), len(meta)))
        for k, v in meta.items():
            f.write(_pack_string(k) + _pack_value(v))
        for name, shape, dtype, off, _, _ in infos:
            ne = list(reversed(shape))
            f.write(_pack_string(name) + struct.pack("<I", len(ne)) + struct.pack(f"<{len(ne)}Q", *ne)
                    + struct.pack("<IQ", _GGML_TYPES[dtype], off))
        pos = f.tell()
        f.write(b"\0" * (_align(pos, alignment) - pos))
        data_start = f.tell()
        for name, shape, dtype, off, nbytes, t in infos:
            f.write(b"\0" * (data_start + off - f.tell()))
            if isinstance(t[1], np.ndarray):
                f.write(_encode_tensor(t[1], dtype))
            else:
                chunk_fn = t[3]
                rows = shape[0]
                step = max(1, (1 << 22) // max(1, int(np.prod(shape[1:]))))
                for r in range(0, rows, step):
                    f.write(_encode_tensor(chunk_fn(r, min(rows, r + step)), dtype))
            assert f.tell() == data_start + off + nbytes, name
        end = _align(f.tell() - data_start, alignment) + data_start
        f.write(b"\0" * (end - f.tell()))


# ---- vocabulary ------------------------------------------------------------------------------------

SPACE_PIECE = "\u2581"  # "▁": SentencePiece's escaped space
# Text (spaces escaped as "▁") is cut into chunks that learnt pieces never cross: an optional "▁" and a run of
# ASCII letters, an optional "▁" and a run of other non-space non-digit characters, or one character (digits
# stay single, so numbers are always copied digit by digit).
CHUNK_RE = re.compile("\u2581?[A-Za-z]+|\u2581?[^\\sA-Za-z0-9\u2581]+|.", re.S)

# The step-format markers and chat roles, USER_DEFINED so llama.cpp always matches them whole (even when
# special-token parsing is off) and prints them as text.
DEFAULT_EXTRA_TOKENS = [
    "<end_of_step>", "<end_of_code>", "<end_of_answer>", "<output>", "<end_of_output>", "<answer>", "<code>",
    "<|user|>", "<|assistant|>", "ки",
]


@dataclass
class ByteSpmVocab:
    """A byte-level SentencePiece ('llama' tokenizer model) vocabulary.

    Layout: 0 <unk>, 1 <s>, 2 </s>, 3..258 bytes <0x00>..<0xFF>, 259 "▁" (the escaped space, a normal
    piece), then the extra tokens in the given order (USER_DEFINED unless listed in `control`), then
    optionally learnt multi-character pieces (NORMAL, score = minus their merge rank; models/train/vocab.py).
    """

    tokens: list[str]
    types: list[int]
    scores: list[float]
    add_bos: bool = True
    index: dict[str, int] = field(default_factory=dict)

    UNK, BOS, EOS, BYTE0, SPACE = 0, 1, 2, 3, 259

    def __post_init__(self):
        self.index = {t: i for i, t in enumerate(self.tokens)}
        # multi-character NORMAL pieces (learnt merges) and their scores; without them nothing merges and every
        # character is bytes (or "▁"), the plain byte-level vocabulary
        self.merge_score = {t: self.scores[i] for i, t in enumerate(self.tokens)
                            if self.types[i] == TOKEN_NORMAL and len(t) > 1}
        self._cache: dict[str, list[int]] = {}

    def metadata(self) -> dict:
        return {
            "tokenizer.ggml.model": "llama",
            "tokenizer.ggml.tokens": self.tokens,
            "tokenizer.ggml.scores": Typed(self.scores, "f32"),
            "tokenizer.ggml.token_type": Typed(self.types, "i32"),
            "tokenizer.ggml.unknown_token_id": self.UNK,
            "tokenizer.ggml.bos_token_id": self.BOS,
            "tokenizer.ggml.eos_token_id": self.EOS,
            "tokenizer.ggml.add_bos_token": self.add_bos,
            "tokenizer.ggml.add_eos_token": False,
            "tokenizer.ggml.add_space_prefix": False,
        }

    def special_ids(self) -> list[int]:
        """Ids matched whole in text (USER_DEFINED and CONTROL extras), longest text first, like llama.cpp."""
        ids = [i for i, t in enumerate(self.types) if t in (TOKEN_USER_DEFINED, TOKEN_CONTROL) and i > 2]
        return sorted(ids, key=lambda i: -len(self.tokens[i]))

    def encode(self, text: str, add_bos: bool | None = None, parse_control: bool = True) -> list[int]:
        """Token ids exactly as llama.cpp's SPM tokenizer gives them for this vocabulary: first split out
        the extra tokens (longest match first, leftmost), then each remaining piece: spaces -> "▁" token,
        every other character -> its UTF-8 bytes as byte tokens."""
        ids: list[int] = [self.BOS] if (self.add_bos if add_bos is None else add_bos) else []
        specials = [i for i in self.special_ids()
                    if parse_control or self.types[i] == TOKEN_USER_DEFINED]
        # llama.cpp partitions by trying each special token (longest first) over all remaining text fragments
        frags: list[tuple[str, int | None]] = [(text, None)]
        for sid in specials:
            s = self.tokens[sid]
            out: list[tuple[str, int | None]] = []
            for frag, tid in frags:
                if tid is not None:
                    out.append((frag, tid))
                    continue
                start = 0
                while True:
                    j = frag.find(s, start)
                    if j < 0:
                        break
                    if j > start:
                        out.append((frag[start:j], None))
                    out.append((s, sid))
                    start = j + len(s)
                if start < len(frag):
                    out.append((frag[start:], None))
            frags = out
        for frag, tid in frags:
            if tid is not None:
                ids.append(tid)
                continue
            for chunk in CHUNK_RE.findall(frag.replace(" ", SPACE_PIECE)):
                ids.extend(self._chunk_ids(chunk))
        return ids

    def _symbol_ids(self, sym: str) -> list[int]:
        """One symbol after merging: its piece, or (not a piece) the UTF-8 bytes of each character."""
        i = self.index.get(sym)
        if i is not None and self.types[i] == TOKEN_NORMAL:
            return [i]
        out: list[int] = []
        for ch in sym:
            j = self.index.get(ch)
            if j is not None and self.types[j] == TOKEN_NORMAL:
                out.append(j)
            else:
                out.extend(self.BYTE0 + b for b in ch.encode("utf-8"))
        return out

    def _chunk_ids(self, text: str) -> list[int]:
        """llama.cpp's SPM merge (llm_tokenizer_spm): start from single characters; repeatedly merge the
        adjacent pair whose joined text is a piece with the highest score (ties: the leftmost), then emit
        each symbol. No piece spans two CHUNK_RE chunks, so merging chunk by chunk (cached) gives the same
        ids as merging the whole fragment."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        syms = list(text)
        n = len(syms)
        prev = list(range(-1, n - 1))
        nxt = list(range(1, n + 1))
        heap: list[tuple[float, int, int, str]] = []

        def push(left: int) -> None:
            right = nxt[left]
            if left < 0 or right >= n:
                return
            joined = syms[left] + syms[right]
            score = self.merge_score.get(joined)
            if score is not None:
                heapq.heappush(heap, (-score, left, len(joined), joined))

        for i in range(n - 1):
            push(i)
        while heap:
            _, left, size, joined = heapq.heappop(heap)
            right = nxt[left]
            if right >= n or not syms[left] or not syms[right] or len(syms[left]) + len(syms[right]) != size:
                continue
            syms[left] = joined
            syms[right] = ""
            nxt[left] = nxt[right]
            if nxt[right] < n:
                prev[nxt[right]] = left
            if prev[left] >= 0:
                push(prev[left])
            push(left)
        out: list[int] = []
        for s in syms:
            if s:
                out.extend(self._symbol_ids(s))
        self._cache[text] = out
        return out

    def decode(self, ids: Iterable[int]) -> str:
        buf = bytearray()
        for i in ids:
            t = self.types[i]
            if t == TOKEN_BYTE:
                buf.append(i - self.BYTE0)
            elif i == self.SPACE:
                buf.extend(b" ")
            elif t in (TOKEN_USER_DEFINED, TOKEN_NORMAL):
                buf.extend(self.tokens[i].replace(SPACE_PIECE, " ").encode("utf-8"))
        return buf.decode("utf-8", errors="replace")


def byte_spm_vocab(extra_tokens: Sequence[str] = DEFAULT_EXTRA_TOKENS, control: Sequence[str] = (),
                   pad_to: int | None = None, add_bos: bool = True, pieces: Sequence[str] = ()) -> ByteSpmVocab:
    """Build the byte-level vocabulary. `control` lists extras to mark CONTROL (hidden when detokenizing,
    matched only when special tokens are parsed); everything else in `extra_tokens` is USER_DEFINED.
    `pieces` are learnt multi-character pieces in merge order (models/train/vocab.py); the first merges first.
    `pad_to` appends unused filler pieces up to that size (e.g. to give a model a real vocab size)."""
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)] + [SPACE_PIECE]
    types = [TOKEN_UNKNOWN, TOKEN_CONTROL, TOKEN_CONTROL] + [TOKEN_BYTE] * 256 + [TOKEN_NORMAL]
    seen = set(tokens)
    for t in extra_tokens:
        if t in seen:
            raise ValueError(f"duplicate token {t!r}")
        seen.add(t)
        tokens.append(t)
        types.append(TOKEN_CONTROL if t in control else TOKEN_USER_DEFINED)
    scores = [0.0] * len(tokens)
    for rank, t in enumerate(pieces):
        if t in seen or len(t) < 2:
            raise ValueError(f"bad piece {t!r}")
        seen.add(t)
        tokens.append(t)
        types.append(TOKEN_NORMAL)
        scores.append(-1.0 - rank)
    if pad_to is not None:
        i = 0
        while len(tokens) < pad_to:
            tokens.append(f"<unused_{i}>")
            types.append(TOKEN_UNUSED)
            scores.append(0.0)
            i += 1
    return ByteSpmVocab(tokens=tokens, types=types, scores=scores, add_bos=add_bos)


# ---- llama architecture ----------------------------------------------------------------------------

def llama_metadata(n_vocab: int, n_embd: int, n_layer: int, n_head: int, n_ff: int, n_head_kv: int | None = None,
                   context_length: int = 2048, rope_base: float = 10000.0, rms_eps: float = 1e-5,
                   name: str = "stepwise", file_type: str = "f32", arch: str = "llama") -> dict:
    """The `general.*` and `<arch>.*` keys llama.cpp reads for arch "llama" (or "qwen2", whose keys have the
    same names), typed as llama.cpp checks them."""
    if n_embd % n_head:
        raise ValueError("n_embd must be a multiple of n_head")
    meta = {
        "general.architecture": arch,
        "general.name": name,
        "general.file_type": Typed(FILE_TYPE[file_type], "u32"),
        "general.quantization_version": Typed(2, "u32"),
        "llama.vocab_size": Typed(n_vocab, "u32"),
        "llama.context_length": Typed(context_length, "u32"),
        "llama.embedding_length": Typed(n_embd, "u32"),
        "llama.block_count": Typed(n_layer, "u32"),
        "llama.feed_forward_length": Typed(n_ff, "u32"),
        "llama.attention.head_count": Typed(n_head, "u32"),
        "llama.attention.head_count_kv": Typed(n_head_kv or n_head, "u32"),
        "llama.rope.dimension_count": Typed(n_embd // n_head, "u32"),
        "llama.rope.freq_base": Typed(float(rope_base), "f32"),
        "llama.attention.layer_norm_rms_epsilon": Typed(float(rms_eps), "f32"),
    }
    return {(arch + k[5:] if k.startswith("llama.") else k): v for k, v in meta.items()}


def permute_qk_for_llama(w: np.ndarray, n_head: int) -> np.ndarray:
    """Reorder the rows of a rotate_half-convention q or k projection (out, in) so that llama.cpp's
    adjacent-pair RoPE computes the same thing: within each head, row j of the first half and row j of
    the second half become rows 2j and 2j+1."""
    out = w.shape[0]
    head_dim = out // n_head
    return (w.reshape(n_head, 2, head_dim // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape))


def llama_tensor_names(n_layer: int, tied: bool = False) -> list[str]:
    names = ["token_embd.weight"]
    for i in range(n_layer):
        names += [f"blk.{i}.{p}.weight" for p in
                  ("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up",
                   "ffn_down")]
    names.append("output_norm.weight")
    if not tied:
        names.append("output.weight")
    return names


def random_llama_tensors(n_vocab: int, n_embd: int, n_layer: int, n_head: int, n_ff: int,
                         n_head_kv: int | None = None, tied: bool = False, dtype: str = "f32",
                         seed: int = 0, scale: float = 0.05) -> list[tuple]:
    """Random weights with llama shapes (norm gains 1, others N(0, scale))."""
    rng = np.random.default_rng(seed)
    hd = n_embd // n_head
    kv = (n_head_kv or n_head) * hd
    shapes = {"attn_q": (n_embd, n_embd), "attn_k": (kv, n_embd), "attn_v": (kv, n_embd),
              "attn_output": (n_embd, n_embd), "ffn_gate": (n_ff, n_embd), "ffn_up": (n_ff, n_embd),
              "ffn_down": (n_embd, n_ff)}
    out = []
    for name in llama_tensor_names(n_layer, tied):
        part = name.split(".")[-2]
        if part.endswith("norm"):
            out.append((name, np.ones(n_embd, np.float32), "f32"))
        elif name in ("token_embd.weight", "output.weight"):
            out.append((name, (rng.standard_normal((n_vocab, n_embd)) * scale).astype(np.float32), dtype))
        else:
            out.append((name, (rng.standard_normal(shapes[part]) * scale).astype(np.float32), dtype))
    return out


if __name__ == "__main__":
    import sys

    # python3 gguf_writer.py out.gguf : a random 2-layer model with the default vocabulary (smoke test)
    path = sys.argv[1] if len(sys.argv) > 1 else "random-tiny.gguf"
    v = byte_spm_vocab()
    n = len(v.tokens)
    meta = {**llama_metadata(n_vocab=n, n_embd=64, n_layer=2, n_head=4, n_ff=128, context_length=512,
                             name="random-tiny"), **v.metadata()}
    write_gguf(path, meta, random_llama_tensors(n, 64, 2, 4, 128, seed=1, scale=0.5))
    print(path)

"""The models' vocabulary: the byte-level SentencePiece vocabulary of models/tools/gguf_writer.py plus
multi-character pieces learnt by byte-pair merging on generated problems and solutions, so a word such as
"▁crayons" or "▁//" is one token instead of 8 or 3 bytes (a problem with its solution goes from ~720 to
~250 tokens). Digits are never merged, so numbers are copied digit by digit.

    /usr/bin/python3 models/train/vocab.py --data models/train/data/train.jsonl --size 1024 \
        --out models/train/vocab.json

llama.cpp tokenizes with the same pieces and scores (the writer's encode mirrors its SPM merge;
test/inference/tokenizer.test.ts and check_export.py compare the two).
"""

import argparse
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from gguf_writer import CHUNK_RE, DEFAULT_EXTRA_TOKENS, SPACE_PIECE, byte_spm_vocab  # noqa: E402

# The shipped models' vocabulary; STEPWISE_VOCAB points every script of a run at another one (run_all.sh sets
# it for a run that writes its models elsewhere, so the committed file keeps matching the committed GGUFs).
PATH = os.environ.get("STEPWISE_VOCAB") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "vocab.json")


def chunk_counts(texts, specials=DEFAULT_EXTRA_TOKENS):
    """Counts of the chunks merges may act on: special tokens cut out, spaces escaped, CHUNK_RE chunks
    of two or more characters without digits."""
    counts = Counter()
    for text in texts:
        for s in specials:
            text = text.replace(s, "\n")
        for chunk in CHUNK_RE.findall(text.replace(" ", SPACE_PIECE)):
            if len(chunk) > 1:
                counts[chunk] += 1
    return counts


def learn_pieces(texts, n_pieces, min_count=20):
    """Byte-pair merging over chunk counts: each round joins the most frequent adjacent pair (ties: the
    smaller string), until n_pieces pieces or no pair occurs min_count times. Returns pieces in merge order."""
    words = [(list(w), c) for w, c in chunk_counts(texts).items()]
    pieces = []
    while len(pieces) < n_pieces:
        pairs = Counter()
        for syms, c in words:
            for a, b in zip(syms, syms[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        (a, b), c = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
        if c < min_count:
            break
        joined = a + b
        pieces.append(joined)
        for syms, _ in words:
            i = 0
            while i < len(syms) - 1:
                if syms[i] == a and syms[i + 1] == b:
                    syms[i:i + 2] = [joined]
                i += 1
    return pieces


def load_vocab(path=PATH):
    """The models' vocabulary (plain byte-level when no pieces file exists)."""
    pieces = json.load(open(path))["pieces"] if os.path.exists(path) else []
    return byte_spm_vocab(pieces=pieces)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="problems JSONL (question + solution)")
    ap.add_argument("--size", type=int, default=1024, help="total vocabulary size")
    ap.add_argument("--limit", type=int, default=20000, help="problems to learn from")
    ap.add_argument("--out", default=PATH)
    a = ap.parse_args()
    texts = []
    with open(a.data) as f:
        for i, line in enumerate(f):
            if i >= a.limit:
                break
            p = json.loads(line)
            texts += [p["question"], p["solution"]]
    plain = byte_spm_vocab()
    pieces = learn_pieces(texts, a.size - len(plain.tokens))
    vocab = byte_spm_vocab(pieces=pieces)
    n_bytes = sum(len(plain.encode(t, add_bos=False)) for t in texts[:2000])
    n_merged = sum(len(vocab.encode(t, add_bos=False)) for t in texts[:2000])
    with open(a.out, "w") as f:
        json.dump({"pieces": pieces}, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print("vocab: %d tokens (%d learnt pieces); %.2fx fewer tokens than bytes (%d -> %d on 1,000 problems)"
          % (len(vocab.tokens), len(pieces), n_bytes / n_merged, n_bytes, n_merged))


if __name__ == "__main__":
    main()

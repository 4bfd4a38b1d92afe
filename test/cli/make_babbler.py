"""Writes a GGUF model that never emits a step marker: every position predicts the letter 'a'.
Used to check that a model which never ends a step cannot hang a search. Usage: make_babbler.py OUT.gguf"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "tools"))
from gguf_writer import byte_spm_vocab, llama_metadata, llama_tensor_names, write_gguf  # noqa: E402

vocab = byte_spm_vocab()
n_vocab, n_embd, n_ff, n_head = len(vocab.tokens), 32, 64, 4
a_id = vocab.tokens.index("<0x61>")
tensors = []
for name in llama_tensor_names(1, tied=False):
    if name.endswith("norm.weight"):
        arr = np.ones(n_embd, np.float32)
    elif name == "token_embd.weight":
        arr = np.ones((n_vocab, n_embd), np.float32)  # every token looks the same
    elif name == "output.weight":
        arr = np.zeros((n_vocab, n_embd), np.float32)
        arr[a_id] = 1.0  # so 'a' always wins
    else:
        shape = {"ffn_gate": (n_ff, n_embd), "ffn_up": (n_ff, n_embd), "ffn_down": (n_embd, n_ff)}.get(
            name.split(".")[-2], (n_embd, n_embd))
        arr = np.zeros(shape, np.float32)  # attention and MLP add nothing
    tensors.append((name, arr, "f32"))
meta = {**llama_metadata(n_vocab=n_vocab, n_embd=n_embd, n_layer=1, n_head=n_head, n_ff=n_ff,
                         context_length=32768, name="babbler"), **vocab.metadata()}
write_gguf(sys.argv[1], meta, tensors)

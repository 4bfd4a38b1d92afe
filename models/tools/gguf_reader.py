"""Reads a GGUF v3 file's metadata and its f32/f16 tensors (what gguf_writer.py writes for the project's own
models), so training can start from a shipped file: `model.load_ckpt` takes a .gguf path too."""

import struct

import numpy as np

from gguf_writer import (DEFAULT_ALIGNMENT, GGML_F16, GGML_F32, GGUF_MAGIC, GGUF_VERSION, T_ARRAY, T_STRING,
                         _SCALAR_FMT)

_DTYPES = {GGML_F32: np.float32, GGML_F16: np.float16}


class _Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, fmt):
        v = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return v[0] if len(v) == 1 else v

    def string(self):
        n = self.take("<Q")
        s = self.data[self.at:self.at + n].decode("utf-8")
        self.at += n
        return s

    def value(self, t):
        if t == T_STRING:
            return self.string()
        if t == T_ARRAY:
            et, n = self.take("<I"), self.take("<Q")
            return [self.value(et) for _ in range(n)]
        return self.take(_SCALAR_FMT[t])


def read_gguf(path):
    """(metadata dict, {tensor name: numpy array in row-major layout, as the writer was given it})."""
    with open(path, "rb") as f:
        data = f.read()
    r = _Reader(data)
    if data[:len(GGUF_MAGIC)] != GGUF_MAGIC:
        raise ValueError("%s is not a GGUF file" % path)
    r.at = len(GGUF_MAGIC)
    version, n_tensors, n_kv = r.take("<IQQ")
    if version != GGUF_VERSION:
        raise ValueError("%s: GGUF version %d, only %d is read" % (path, version, GGUF_VERSION))
    meta = {}
    for _ in range(n_kv):
        k = r.string()
        meta[k] = r.value(r.take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = r.string()
        nd = r.take("<I")
        ne = [r.take("<Q") for _ in range(nd)]
        infos.append((name, ne, r.take("<I"), r.take("<Q")))
    align = meta.get("general.alignment", DEFAULT_ALIGNMENT)
    start = (r.at + align - 1) // align * align
    tensors = {}
    for name, ne, t, off in infos:
        if t not in _DTYPES:
            raise ValueError("%s: tensor %s has ggml type %d; only f32 and f16 are read" % (path, name, t))
        shape = tuple(reversed(ne))
        n = int(np.prod(shape))
        tensors[name] = np.frombuffer(data, _DTYPES[t], n, start + off).reshape(shape).astype(np.float32)
    return meta, tensors

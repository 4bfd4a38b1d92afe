"""Writes the small GGUF models the discovery tests lay out as Ollama, LM Studio and the Hugging Face cache lay
them out. Usage: python3 make_discovery_ggufs.py OUT_DIR. Each model is a random 1-layer llama over the bare
byte-level vocabulary; what differs is what discovery reads: general.name, the chat template, the file type."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "models", "tools"))
from gguf_writer import byte_spm_vocab, llama_metadata, random_llama_tensors, write_gguf  # noqa: E402

CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)

MODELS = {
    # a ChatML math policy, as Ollama would hold it (blob named by digest)
    "qwen-math-chat.gguf": dict(name="Qwen2.5-Math-1.5B-Instruct", template=CHATML, dtype="q8_0", ctx=4096),
    # a process reward model whose file name is a digest in Ollama: only its metadata says what it is
    "shepherd-prm.gguf": dict(name="math-shepherd-mistral-7b-prm", template=None, dtype="f32", ctx=2048),
    # a base model without a chat template: few-shot prompting
    "plain-base.gguf": dict(name="TinyBase-1M", template=None, dtype="f32", ctx=1024),
}


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    v = byte_spm_vocab(extra_tokens=[])
    n, d = len(v.tokens), 64
    for i, (file, m) in enumerate(MODELS.items()):
        meta = {**llama_metadata(n_vocab=n, n_embd=d, n_layer=1, n_head=4, n_ff=128, context_length=m["ctx"],
                                 name=m["name"], file_type=m["dtype"]), **v.metadata()}
        if m["template"]:
            meta["tokenizer.chat_template"] = m["template"]
        write_gguf(os.path.join(out_dir, file), meta, random_llama_tensors(n, d, 1, 4, 128, dtype=m["dtype"], seed=i))


if __name__ == "__main__":
    main(sys.argv[1])

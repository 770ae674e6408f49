#!/usr/bin/env python3
"""A tiny TorchScript sentiment classifier written WITHOUT PyTorch, for the tests of
io.slipstream.ml.nlp.DjlSentimentScorer's TorchScript path (format "torchscript", model.pt), plus numpy golden
probabilities. Run from the repository root: python3 tools/nlp_tiny_torchscript.py (needs numpy only).

Why by hand: FinBERT cannot be downloaded here and TorchScript cannot be produced from Java, but a TorchScript
file is just a zip archive (the format torch.jit.save writes):
  archive/version            file format version ("3", PyTorch's kProducedFileFormatVersion)
  archive/byteorder          "little"
  archive/constants.pkl      pickle of the constants tuple (empty)
  archive/code/__torch__.py  the TorchScript source of the module class
  archive/data.pkl           pickle (protocol 2) of the module object: its attributes, tensors as
                             torch._utils._rebuild_tensor_v2(persistent storage id, offset, size, stride, ...)
  archive/data/<key>         raw little-endian float32 storages
The module mirrors TinySentimentBlock and the interface of a FinBERT trace (torchscript=True):
  forward(input_ids [B,L] int64, attention_mask [B,L] int64 (, token_type_ids, ignored)) -> (logits [B,3],)
  x = E[input_ids]; h = sum_t mask x / sum_t mask; logits = h W^T + b      (logit order: positive, negative, neutral)
Weights: numpy.random.default_rng(7) standard normals as float32, E [55, 8], W [3, 8], b [3] (the vocabulary of
src/test/resources/nlp/tokenizer.json has 55 ids).

Writes src/test/resources/nlp/tiny-torchscript/{model.pt, golden.json} (two inputs) and
src/test/resources/nlp/tiny-torchscript-tt/model.pt (three inputs: token_type_ids). golden.json holds the weights
and, for a few sentences, the token ids (hand-tokenized with the tokenizer's vocabulary) and the softmax
probabilities computed here in float64 from the float32 weights. Tolerance used by the Java tests: 1e-6.
"""
import io
import json
import os
import struct
import zipfile

import numpy as np

OUT = os.path.join("src", "test", "resources", "nlp")
V, D = 55, 8

CODE = '''class TinyModel(Module):
  __parameters__ = ["embedding", "weight", "bias", ]
  __buffers__ = []
  embedding : Tensor
  weight : Tensor
  bias : Tensor
  training : bool
  def forward(self: __torch__.TinyModel,
    input_ids: Tensor,
    attention_mask: Tensor{extra}) -> Tuple[Tensor]:
    x = torch.embedding(self.embedding, input_ids)
    m = torch.unsqueeze(attention_mask, -1)
    h = torch.div(torch.sum(torch.mul(x, m), [1]), torch.sum(m, [1]))
    logits = torch.add(torch.matmul(h, torch.t(self.weight)), self.bias)
    return (logits,)
'''

# sentence -> ids by hand with tokenizer.json's vocabulary: [CLS]=2 ... [SEP]=3, unknown words [UNK]=1
SENTENCES = [
    ("Net sales rose.", [2, 38, 37, 7, 53, 3]),
    ("Bitcoin price fell, the market is bearish", [2, 41, 42, 20, 54, 30, 43, 50, 26, 3]),
    ("Solana", [2, 1, 3]),
]


def _unicode(s):
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def _int(v):
    return b"J" + struct.pack("<i", v)


def _tuple(values):
    return b"(" + b"".join(_int(v) for v in values) + b"t"


def _tensor(key, shape):
    stride, s = [], 1
    for d in reversed(shape):
        stride.insert(0, s)
        s *= d
    storage = b"(" + _unicode("storage") + b"ctorch\nFloatStorage\n" + _unicode(key) + _unicode("cpu") + _int(s) + b"t"
    return (b"ctorch._utils\n_rebuild_tensor_v2\n(" + storage + b"Q" + b"K\x00" + _tuple(shape) + _tuple(stride)
            + b"\x89" + b"ccollections\nOrderedDict\n)R" + b"tR")


def module_pickle(tensors):
    out = io.BytesIO()
    out.write(b"\x80\x02" + b"c__torch__\nTinyModel\n" + b")\x81" + b"}(")
    out.write(_unicode("training") + b"\x89")
    for name, key, shape in tensors:
        out.write(_unicode(name) + _tensor(key, shape))
    out.write(b"ub.")
    return out.getvalue()


def write_model(path, arrays, token_type_ids):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tensors = [("embedding", "0", [V, D]), ("weight", "1", [3, D]), ("bias", "2", [3])]
    extra = ",\n    token_type_ids: Tensor" if token_type_ids else ""
    records = [("archive/data.pkl", module_pickle(tensors)), ("archive/constants.pkl", b"\x80\x02)."),
               ("archive/code/__torch__.py", CODE.format(extra=extra).encode()), ("archive/version", b"3\n"),
               ("archive/byteorder", b"little")]
    records += [("archive/data/" + key, a.astype("<f4").tobytes()) for key, a in zip(("0", "1", "2"), arrays)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in records:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)  # fixed time: reproducible


def main():
    rng = np.random.default_rng(7)
    e = rng.standard_normal((V, D)).astype(np.float32)
    w = rng.standard_normal((3, D)).astype(np.float32)
    b = rng.standard_normal(3).astype(np.float32)
    write_model(os.path.join(OUT, "tiny-torchscript", "model.pt"), (e, w, b), False)
    write_model(os.path.join(OUT, "tiny-torchscript-tt", "model.pt"), (e, w, b), True)
    cases = []
    for text, ids in SENTENCES:
        h = e.astype(np.float64)[ids].mean(axis=0)
        z = w.astype(np.float64) @ h + b.astype(np.float64)
        p = np.exp(z - z.max())
        p /= p.sum()
        cases.append({"text": text, "ids": ids, "logits": z.tolist(), "p_positive": p[0], "p_negative": p[1],
                      "p_neutral": p[2]})
    golden = {
        "provenance": "tools/nlp_tiny_torchscript.py (numpy, float64 from the float32 weights); tolerance 1e-6",
        "vocab_size": V, "embedding_dim": D,
        "embedding": [float(v) for v in e.ravel()], "weight": [float(v) for v in w.ravel()],
        "bias": [float(v) for v in b],
        "cases": cases,
    }
    with open(os.path.join(OUT, "tiny-torchscript", "golden.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the checkpoint reader test resources (torch.save files, pickles, a safetensors file) and,
next to each, a JSON file with what Python reads back from it. Uses torch, numpy, omegaconf and
pickle only.   /usr/bin/python3 make_resources.py OUT_DIR
"""
import io
import json
import os
import pickle
import struct
import subprocess
import sys
from collections import OrderedDict

import numpy as np
import numpy.testing._private.utils as np_testing_utils
import torch
from omegaconf import OmegaConf

OUT = sys.argv[1]
MARKER = "/tmp/depthfm-readers-test-payload-ran"   # every payload below would create this file
rs = np.random.RandomState(20250301)


def f32_bits(t):
    """float32 bit patterns (as unsigned ints) of a tensor's values converted the way torch does."""
    a = t.detach().to(torch.float32).contiguous().numpy().reshape(-1)
    return [int(v) for v in a.view(np.uint32)]


def describe(t):
    t = torch.as_tensor(t)
    d = {"dtype": {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
                   torch.int64: "I64", torch.int32: "I32", torch.bool: "BOOL"}[t.dtype],
         "shape": list(t.shape)}
    if t.dtype.is_floating_point:
        d["bits"] = f32_bits(t)
    else:
        d["values"] = [int(v) for v in t.reshape(-1).tolist()]
    return d


def write_json(name, doc):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def path(*p):
    full = os.path.join(OUT, *p)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    return full


# ---- payloads: each __reduce__ would run code that creates MARKER ------------------------------
class OsSystem:
    def __reduce__(self):
        return os.system, ("touch " + MARKER,)


class Eval:
    def __reduce__(self):
        return eval, ("__import__('os').system('touch %s')" % MARKER,)


class Popen:
    def __reduce__(self):
        return subprocess.Popen, (["touch", MARKER],)


class RunString:  # a numpy gadget: module name starts like an allowed one
    def __reduce__(self):
        return np_testing_utils.runstring, ("import os; os.system('touch %s')" % MARKER, {})


for name, payload in [("os_system", OsSystem()), ("eval", Eval()), ("popen", Popen()), ("runstring", RunString())]:
    for proto in (2, 4):
        obj = {"noising_step": 400, "payload": payload}
        with open(path("pickle", "%s_p%d.pkl" % (name, proto)), "wb") as f:
            pickle.dump(obj, f, protocol=proto)

# the same inside real torch.save files (default protocol 2, and 4), after a real tensor
w = torch.from_numpy(rs.standard_normal((2, 3)).astype(np.float32))
torch.save({"state_dict": OrderedDict(w=w), "payload": OsSystem()}, path("torch", "payload_os_system.ckpt"))
torch.save({"state_dict": OrderedDict([("w", w), ("b", OsSystem())])}, path("torch", "payload_os_system_p4.ckpt"),
           pickle_protocol=4)

# ---- element types ------------------------------------------------------------------------------
orig = torch.from_numpy(rs.standard_normal((4, 6)).astype(np.float32))
special = torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 2.0 ** -14, 2.0 ** -24, 3 * 2.0 ** -24, 1e-9,
                        float("inf"), float("-inf"), float("nan"), 3.0e38, -1.0 / 3.0])
sd = OrderedDict([
    ("w_f32", orig), ("w_f16", orig.half()), ("w_bf16", orig.bfloat16()), ("w_f64", orig.double() / 3),
    ("special_f16", special.half()), ("special_bf16", special.bfloat16()),
    ("steps_i64", torch.tensor([0, 1, -5, 2 ** 40], dtype=torch.int64)),
])
torch.save({"state_dict": sd}, path("torch", "dtypes.ckpt"))
doc = {"state_dict": {k: describe(v) for k, v in sd.items()},
       "originals": {"w_f16": f32_bits(orig), "w_bf16": f32_bits(orig), "special_f16": f32_bits(special),
                     "special_bf16": f32_bits(special)}}
write_json("torch/dtypes.json", doc)

# ---- views: non-contiguous tensors and tensors sharing one storage -------------------------------
def randn(*shape):
    return torch.from_numpy(rs.standard_normal(shape).astype(np.float32))


b2 = randn(4, 6)
base = torch.arange(24, dtype=torch.float32) * 0.5 - 3
whole = base.view(4, 6)
sd = OrderedDict([
    ("transposed", randn(3, 5).t()),                                  # strides (1, 5)
    ("step_slice", b2[:, ::2]),                                       # strides (6, 2)
    ("narrowed", b2[1:3, 2:5]),                                       # offset 8, strides (6, 1)
    ("expanded", randn(3, 1).expand(3, 4)),                           # strides (1, 0)
    ("permuted", randn(2, 3, 4, 5).permute(0, 2, 3, 1)),
    ("channels_last", randn(4, 3, 3, 3).to(memory_format=torch.channels_last)),
    ("transposed_f16", randn(3, 5).half().t()),
    ("transposed_bf16", randn(3, 5).bfloat16().t()),
    ("scalar", torch.tensor(3.5)),
    ("empty", torch.zeros(0, 4)),
    # one storage, several views at offsets
    ("shared_whole", whole),
    ("shared_head", base[:6]),
    ("shared_rows", base[12:24].view(3, 4)),
    ("shared_every_third", base[5:17:3]),
    ("shared_column", whole[:, 2]),
    ("shared_again", whole),                                          # the same tensor object twice
])
torch.save({"state_dict": sd}, path("torch", "views.ckpt"))
write_json("torch/views.json", {"state_dict": {k: dict(describe(v), stride=list(v.stride()),
                                                        offset=v.storage_offset()) for k, v in sd.items()}})

# ---- the DepthFM top level as the official checkpoint may hold it -------------------------------
hparams = dict(image_size=32, in_channels=8, model_channels=32, out_channels=4, num_res_blocks=2,
               attention_resolutions=[4, 2, 1], dropout=0.0, channel_mult=[1, 2, 4, 4], conv_resample=True,
               dims=2, use_checkpoint=False, use_fp16=False, num_heads=-1, num_head_channels=8,
               use_spatial_transformer=True, use_linear_in_transformer=True, transformer_depth=1,
               context_dim=[4], legacy=False, disable_self_attentions=None, note="depthfm v1")
empty = rs.standard_normal((1, 77, 4)).astype(np.float32)
top = {
    "noising_step": np.int64(400),
    "empty_text_embedding": empty,
    "ldm_hparams": OmegaConf.create(hparams),
    "state_dict": OrderedDict([("time_embed.0.weight", randn(8, 4)), ("out.2.bias", randn(4))]),
    "numpy_arrays": {
        "fortran": np.asfortranarray(rs.standard_normal((3, 4)).astype(np.float32)),
        "big_endian": rs.standard_normal((2, 3)).astype(">f4"),
        "f64": rs.standard_normal((5,)),
        "f16": rs.standard_normal((2, 2)).astype(np.float16),
        "i32": np.array([[1, -2], [3, 2 ** 30]], dtype=np.int32),
    },
    "numpy_scalars": {"i64": np.int64(-7), "i32": np.int32(123456), "f32": np.float32(0.1), "f64": np.float64(1e-3),
                      "bool": np.bool_(True)},
}
expect = {
    "noising_step": 400,
    "ldm_hparams": OmegaConf.to_container(top["ldm_hparams"]),
    "empty_text_embedding": describe(torch.from_numpy(empty)),
    "state_dict": {k: describe(v) for k, v in top["state_dict"].items()},
    "numpy_arrays": {k: describe(torch.from_numpy(np.ascontiguousarray(v.astype(v.dtype.newbyteorder("="))))) for k, v in
                     top["numpy_arrays"].items()},
    "numpy_scalars": {"i64": -7, "i32": 123456, "f32": float(np.float32(0.1)), "f64": 1e-3, "bool": True},
}
# torch.save names the archive's root folder after the file stem, or "archive" for a stream
torch.save(top, path("torch", "depthfm-v1.ckpt"))                                   # default protocol (2)
torch.save(top, path("torch", "my.model v2 (copy).ckpt"), pickle_protocol=4)
torch.save(top, path("torch", "protocol5.ckpt"), pickle_protocol=5)
buf = io.BytesIO()
torch.save(top, buf)
with open(path("torch", "from_stream.ckpt"), "wb") as f:
    f.write(buf.getvalue())
write_json("torch/depthfm_layout.json", expect)

# a pre-1.6 (legacy, non-zip) torch.save file
torch.save({"state_dict": OrderedDict(w=w)}, path("torch", "legacy.pt"), _use_new_zipfile_serialization=False)

# ---- safetensors, written by hand: 8-byte header length, JSON header, data ------------------------
def bf16_bytes(t):
    return t.bfloat16().view(torch.int16).numpy().tobytes()


entries = [
    ("w_f32", "F32", orig, orig.numpy().tobytes()),
    ("w_f16", "F16", orig.half(), orig.half().numpy().tobytes()),
    ("w_bf16", "BF16", orig.bfloat16(), bf16_bytes(orig)),
    ("special_f16", "F16", special.half(), special.half().numpy().tobytes()),
    ("special_bf16", "BF16", special.bfloat16(), bf16_bytes(special)),
    ("scalar_f32", "F32", torch.tensor(-1.25), np.float32(-1.25).tobytes()),
    ("empty_f32", "F32", torch.zeros(0, 3), b""),
]
header, data = {"__metadata__": {"format": "pt", "source": "reader tests"}}, b""
for name, dt, t, raw in entries:
    header[name] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
h = json.dumps(header, separators=(",", ":")).encode()
h += b" " * (-len(h) % 8)
with open(path("safetensors", "dtypes.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + data)
write_json("safetensors/dtypes.json", {"metadata": header["__metadata__"],
                                       "tensors": {n: describe(t) for n, _, t, _ in entries},
                                       "originals": {"w_f16": f32_bits(orig), "w_bf16": f32_bits(orig)}})
print("written to", OUT)

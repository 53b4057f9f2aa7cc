"""Writes what the official inference.py feeds the model for the fixture picture, as raw float32.

Run with Debian's interpreter (Pillow 9.4, numpy): /usr/bin/python3 make_official_input.py INPUT_PNG
The steps restate inference.py's load_im / resize_max_res (CompVis/depth-fm @c84b19f) with the
size multiple M as a parameter: convert('RGB'), f = min(res / W, res / H), sides int(side * f)
rounded to multiples of M, PIL bilinear resize, x / 127.5 - 1 in float64, then float32.
Output: official_input_<res>_<M>.f32, little-endian float32 in (3, H, W) order.
"""
import sys

import numpy as np
from PIL import Image


def load(path, res, multiple):
    im = Image.open(path).convert("RGB")
    if res < 0:
        res = max(im.size)
    f = min(res / im.size[0], res / im.size[1])
    w = round(int(im.size[0] * f) / multiple) * multiple
    h = round(int(im.size[1] * f) / multiple) * multiple
    x = np.array(im.resize((w, h), resample=Image.BILINEAR))
    return (x.transpose(2, 0, 1) / 127.5 - 1).astype(np.float32)


for res, multiple in [(-1, 64), (32, 8)]:
    x = load(sys.argv[1], res, multiple)
    x.astype("<f4").tofile(f"official_input_{res}_{multiple}.f32")
    print(res, multiple, x.shape)

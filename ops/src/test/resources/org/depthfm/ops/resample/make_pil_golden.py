"""Writes pil_bilinear_golden.txt: inputs and PIL's Image.resize(..., BILINEAR) outputs.

Run with Debian's interpreter (Pillow 9.4): /usr/bin/python3 make_pil_golden.py
Format, per case: a header line "case MODE W H C OUT_W OUT_H", then one line with the input
values and one with PIL's output values, in X-fastest, then Y, then channel order.
MODE is RGB (8-bit, C = 3) or F (32-bit float, C = 1).
"""
import numpy as np
from PIL import Image

SIZES = [((7, 5), (3, 2)), ((13, 9), (4, 3)), ((5, 3), (11, 7)), ((6, 4), (9, 2)), ((1, 1), (3, 2)),
         ((4, 1), (1, 1)), ((9, 9), (9, 4)), ((64, 48), (29, 17)), ((33, 20), (40, 30)), ((150, 7), (17, 5))]


def planes(arr):  # (H, W[, C]) -> C-major flat list, X fastest
    arr = arr if arr.ndim == 3 else arr[..., None]
    return [v for c in range(arr.shape[2]) for v in arr[:, :, c].ravel()]


def main():
    rng = np.random.RandomState(20250101)
    with open("pil_bilinear_golden.txt", "w") as out:
        for (w, h), (ow, oh) in SIZES:
            rgb = rng.randint(0, 256, size=(h, w, 3)).astype(np.uint8)
            res = np.asarray(Image.fromarray(rgb, "RGB").resize((ow, oh), Image.BILINEAR))
            out.write(f"case RGB {w} {h} 3 {ow} {oh}\n")
            out.write(" ".join(str(int(v)) for v in planes(rgb)) + "\n")
            out.write(" ".join(str(int(v)) for v in planes(res)) + "\n")
            f = (rng.randn(h, w) * 3 + 1).astype(np.float32)
            res = np.asarray(Image.fromarray(f, "F").resize((ow, oh), Image.BILINEAR))
            out.write(f"case F {w} {h} 1 {ow} {oh}\n")
            out.write(" ".join(repr(float(v)) for v in planes(f)) + "\n")
            out.write(" ".join(repr(float(v)) for v in planes(res)) + "\n")


if __name__ == "__main__":
    main()

// DepthFM example: depth of one image, saved as a 32-bit TIFF and a colour PNG.
//
// Arguments (key=value, space-separated; [brackets] around paths with spaces):
//   image=FILE   the image (default: ask)
//   out=FOLDER   where to write (default: beside the image)
//   model=FOLDER a model folder (default: depthfm-v1 from the cache, downloaded on first use)
// Headless Fiji, e.g.:  fiji-linux-x64 --headless -batch estimate_depth.ijm "image=[/data/photo.jpg] out=/data/depth"
arg = getArgument();
image = call("ij.Macro.getValue", arg, "image", "");
out = call("ij.Macro.getValue", arg, "out", "");
model = call("ij.Macro.getValue", arg, "model", "");
if (image == "") image = File.openDialog("Image to estimate depth for");
if (out == "") out = File.getDirectory(image);
File.makeDirectory(out);

open(image);
name = File.getNameWithoutExtension(image);
// the official defaults: 2 Euler steps, 4 ensemble members; model_dir only when given
options = "steps=2 ensemble_size=4 seed=0 device=auto precision=auto";
if (model != "") options = options + " model_dir=[" + model + "]";
run("Estimate Depth", options);

// the outputs are new windows named after the input: select them by title
selectImage(name + "-depth");
saveAs("Tiff", out + File.separator + name + "-depth.tif");
run("RGB Color");  // the magma colour map baked in, for slides
saveAs("PNG", out + File.separator + name + "-depth-magma.png");
print("depth written to " + out);

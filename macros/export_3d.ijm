// DepthFM example: depth of one image, then its mesh as a PLY file (with the image's colours and
// normals, for MeshLab, CloudCompare or Blender) and its surface-normal map as a PNG.
//
// Arguments (key=value, space-separated; [brackets] around paths with spaces):
//   image=FILE   the image (default: ask)
//   out=FOLDER   where to write (default: beside the image)
//   model=FOLDER a model folder (default: depthfm-v1 from the cache, downloaded on first use)
// Headless Fiji, e.g.:  fiji-linux-x64 --headless -batch export_3d.ijm "image=[/data/photo.jpg] out=/data/3d"
arg = getArgument();
image = call("ij.Macro.getValue", arg, "image", "");
out = call("ij.Macro.getValue", arg, "out", "");
model = call("ij.Macro.getValue", arg, "model", "");
if (image == "") image = File.openDialog("Image to export in 3D");
if (out == "") out = File.getDirectory(image);
File.makeDirectory(out);

open(image);
name = File.getNameWithoutExtension(image);
source = getTitle();
options = "steps=2 ensemble_size=4 seed=0 device=auto precision=auto";
if (model != "") options = options + " model_dir=[" + model + "]";
run("Estimate Depth", options);

// camera=auto: the photo's EXIF focal length when it has one, else relative depth (the Log says which);
// the mesh leaves out triangles across depth jumps, so that foreground and background stay apart
ply = out + File.separator + name + "-mesh.ply";
run("Export 3D", "depth=[" + name + "-depth] image=[" + source + "] camera=auto geometry=mesh file=[" + ply + "] normal_map=true");
// the normal map is a new window named after the depth (n -> (n + 1) / 2 as RGB): select it by title
selectImage(name + "-depth-normals");
saveAs("PNG", out + File.separator + name + "-normals.png");
print("mesh written to " + ply);

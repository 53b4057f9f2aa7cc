// DepthFM example: a stack or time-lapse, frame by frame, with temporal alignment
// (each frame's scale and shift fitted to the previous frame) and the uncertainty map.
//
// Arguments: stack=FILE out=FOLDER [model=FOLDER]
// Headless Fiji, e.g.:  fiji-linux-x64 --headless -batch stack_temporal.ijm "stack=[/data/movie.tif] out=/data/depth"
arg = getArgument();
stack = call("ij.Macro.getValue", arg, "stack", "");
out = call("ij.Macro.getValue", arg, "out", "");
model = call("ij.Macro.getValue", arg, "model", "");
if (stack == "") stack = File.openDialog("Stack or time-lapse");
if (out == "") out = File.getDirectory(stack);
File.makeDirectory(out);

open(stack);
name = File.getNameWithoutExtension(stack);
frames = nSlices;
// the paper's video setting: 2 steps, 5 members; the same noise seed for every frame
options = "steps=2 ensemble_size=5 seed=0 temporal=true uncertainty=true";
if (model != "") options = options + " model_dir=[" + model + "]";
run("Estimate Depth", options);

selectImage(name + "-depth");
if (nSlices != frames) exit("expected " + frames + " depth frames, got " + nSlices);
saveAs("Tiff", out + File.separator + name + "-depth.tif");
selectImage(name + "-uncertainty");
saveAs("Tiff", out + File.separator + name + "-uncertainty.tif");
print(frames + " frames aligned and written to " + out);

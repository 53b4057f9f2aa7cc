// DepthFM example: every image of a folder to depth TIFFs (headless-friendly). Files whose
// outputs exist are skipped, a failing file is logged and the batch goes on, and
// depthfm-summary.csv lists every file. An image with known depths beside it (NAME.sparse.tif
// or NAME.points.csv) is completed to NAME-completed.tif instead, in their unit.
// The same as: depthfm estimate IN -o OUT
//
// Arguments: in=FOLDER out=FOLDER [model=FOLDER]
// Headless Fiji, e.g.:  fiji-linux-x64 --headless -batch folder_batch.ijm "in=/data/photos out=/data/depth"
arg = getArgument();
in = call("ij.Macro.getValue", arg, "in", "");
out = call("ij.Macro.getValue", arg, "out", "");
model = call("ij.Macro.getValue", arg, "model", "");
if (in == "") in = getDirectory("Folder of images");
if (out == "") out = in + "-depth";

options = "input_folder=[" + in + "] output_folder=[" + out + "] steps=2 ensemble_size=4 uncertainty=true";
if (model != "") options = options + " model_dir=[" + model + "]";
run("Batch Estimate Depth", options);
print("summary: " + out + File.separator + "depthfm-summary.csv");

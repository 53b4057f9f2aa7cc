// DepthFM example: depth with its ensemble uncertainty, evaluated against ground truth, and the
// paper's check that the error is larger where the ensemble disagrees.
//
// Arguments: image=FILE gt=FILE out=FOLDER [gt_scale=S] [model=FOLDER]
//   gt       ground-truth depth, single channel (8/16/32-bit); gt_scale turns its values into depth
//            (e.g. 0.001 for millimetres)
// Headless Fiji, e.g.:  fiji-linux-x64 --headless -batch uncertainty_evaluation.ijm "image=[/data/a.png] gt=[/data/a-gt.tif] out=/data/eval"
arg = getArgument();
image = call("ij.Macro.getValue", arg, "image", "");
gt = call("ij.Macro.getValue", arg, "gt", "");
out = call("ij.Macro.getValue", arg, "out", "");
scale = call("ij.Macro.getValue", arg, "gt_scale", "1");
model = call("ij.Macro.getValue", arg, "model", "");
if (image == "") image = File.openDialog("Image");
if (gt == "") gt = File.openDialog("Ground-truth depth");
if (out == "") out = File.getDirectory(image);
File.makeDirectory(out);

open(gt);
gtTitle = getTitle();
open(image);
name = File.getNameWithoutExtension(image);
options = "steps=2 ensemble_size=8 seed=0 uncertainty=true";
if (model != "") options = options + " model_dir=[" + model + "]";
run("Estimate Depth", options);

// DepthFM's depth is relative: align scale and shift before the errors (the paper aligns log-depth)
run("Evaluate Depth", "prediction=[" + name + "-depth] ground_truth=[" + gtTitle + "] uncertainty=["
    + name + "-uncertainty] align=scale-shift min_depth=0.001 max_depth=0 gt_scale=" + scale);
// the metrics are a table window of their own; headless (no windows) they are in the Results table
if (isOpen("DepthFM Evaluation")) selectWindow("DepthFM Evaluation");
saveAs("Results", out + File.separator + name + "-evaluation.csv");

// mean uncertainty, for the record
selectImage(name + "-uncertainty");
getStatistics(area, mean);
print("mean uncertainty (fraction of the depth range): " + d2s(mean, 4));
saveAs("Tiff", out + File.separator + name + "-uncertainty.tif");

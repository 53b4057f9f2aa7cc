package org.depthfm.ij1;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Frame;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Drives ImageJ 1 as a user would, on a (virtual) display: opens a stack, picks Plugins › DepthFM ›
 * Estimate Depth from the menu bar, fills the dialog, presses OK, tiles the result windows, and
 * saves screenshots of the dialog and of the desktop. Run by {@code ScreenshotIT} under xvfb-run.
 *
 * <p>Arguments: the stack to open, the model folder, the output folder.
 */
public final class Screenshots {
    private Screenshots() {
    }

    /**
     * @param args stack, model folder, output folder
     * @throws Exception if anything fails (the process then exits non-zero)
     */
    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            // AWT keeps the JVM alive after main ends: exit so that the test sees the failure at once
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        File out = new File(args[2]);
        out.mkdirs();
        new ImageJ();
        ImagePlus stack = IJ.openImage(args[0]);
        stack.show();
        IJ.run(stack, "Enhance Contrast", "saturated=0.35");
        menuItem("Plugins", "DepthFM", "Estimate Depth").dispatchEvent(
                new ActionEvent(menuItem("Plugins", "DepthFM", "Estimate Depth"), ActionEvent.ACTION_PERFORMED,
                        "Estimate Depth"));
        GenericDialog gd = waitFor(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof GenericDialog g && g.isShowing() && g.getTitle().equals("Estimate Depth")) {
                    return g;
                }
            }
            return null;
        });
        Thread.sleep(500);
        capture(gd.getBounds(), new File(out, "estimate-dialog.png"));
        // model_dir and channels are the string fields, steps and ensemble_size the first numeric
        // ones, uncertainty the first check box; small settings keep the run short
        ((TextField) gd.getStringFields().get(0)).setText(args[1]);
        ((TextField) gd.getNumericFields().get(0)).setText("1");
        ((TextField) gd.getNumericFields().get(1)).setText("2");
        ((Checkbox) gd.getCheckboxes().get(0)).setState(true);
        Button ok = gd.getButtons()[0];
        gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
        String title = stack.getShortTitle();
        waitFor(() -> WindowManager.getImage(title + "-uncertainty"));
        int x = 10;
        for (String t : new String[] {stack.getTitle(), title + "-depth", title + "-uncertainty"}) {
            ImagePlus imp = WindowManager.getImage(t);
            for (int zoom = 0; zoom < 3; zoom++) {
                IJ.run(imp, "In [+]", "");
            }
            imp.getWindow().setLocation(x, 90);
            x += imp.getWindow().getWidth() + 10;
        }
        Window table = WindowManager.getWindow("DepthFM Results");
        if (table != null) {
            table.setBounds(20, 480, 1000, 200);
        }
        Thread.sleep(1500);
        capture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()), new File(out, "estimate-result.png"));
    }

    private static MenuItem menuItem(String... path) {
        MenuBar bar = IJ.getInstance().getMenuBar();
        Menu menu = null;
        for (int i = 0; i < bar.getMenuCount(); i++) {
            if (bar.getMenu(i).getLabel().equals(path[0])) {
                menu = bar.getMenu(i);
            }
        }
        MenuItem item = menu;
        for (int d = 1; d < path.length; d++) {
            Menu m = (Menu) item;
            item = null;
            for (int i = 0; i < m.getItemCount(); i++) {
                if (m.getItem(i).getLabel().equals(path[d])) {
                    item = m.getItem(i);
                }
            }
            if (item == null) {
                throw new IllegalStateException("no menu item " + String.join(" > ", path));
            }
        }
        return item;
    }

    private static <T> T waitFor(Supplier<T> what) throws InterruptedException {
        for (int i = 0; i < 4000; i++) {
            T t = what.get();
            if (t != null) {
                return t;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for a window");
    }

    private static void capture(Rectangle r, File png) throws Exception {
        BufferedImage img = new Robot().createScreenCapture(r);
        ImageIO.write(img, "png", png);
        for (Frame f : Frame.getFrames()) {
            f.repaint();
        }
    }
}

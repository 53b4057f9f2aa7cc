package org.depthfm.fiji;

import ij.IJ;
import ij.WindowManager;
import ij.gui.MultiLineLabel;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.JSpinner;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

/**
 * A user at Fiji's GUI, for {@link FijiIT}: jarred into the test's Fiji.app and called from a
 * macro ({@code call("org.depthfm.fiji.FijiDriver.session", …)}). Once the macro has ended (so
 * that Fiji records and harvests as for a menu click), it opens the macro recorder, runs Estimate
 * Depth from the menu, fills in its dialog and presses OK, saves a screenshot of the dialog,
 * then runs a macro line, then a failing run, writing what it sees to a file; then Fiji exits.
 */
public final class FijiDriver {
    private static final long TIMEOUT_MS = 90_000;

    private FijiDriver() {
    }

    /**
     * @return the titles of the dialogs on screen, "|"-separated ("" for none)
     */
    public static String dialogs() {
        List<String> titles = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w instanceof Dialog d && d.isShowing()) {
                titles.add(d.getTitle() + ": " + text(d).replace('\n', ' '));
            }
        }
        return String.join("|", titles);
    }

    /**
     * Once the calling macro has ended (stopped or finished), writes the dialogs on screen, the
     * open images and the Log window to a file, then ends Fiji.
     *
     * @param out the file
     * @return ""
     */
    public static String exitWhenIdle(String out) {
        Thread t = new Thread(() -> {
            Path file = Paths.get(out);
            try {
                // a called macro ends for a moment before its caller goes on: wait for 3 s without a macro
                long idleSince = System.currentTimeMillis();
                while (System.currentTimeMillis() - idleSince < 3000) {
                    Thread.sleep(100);
                    if (Interpreter.getInstance() != null) {
                        idleSince = System.currentTimeMillis();
                    }
                }
                write(file, "dialogs: " + dialogs());
                write(file, "images: " + String.join(",", WindowManager.getImageTitles()));
                write(file, "log: " + String.valueOf(IJ.getLog()).replace('\n', ' '));
            } catch (Throwable e) {
                write(file, "error: " + e);
            } finally {
                write(file, "end");
                System.exit(0);
            }
        }, "depthfm-it-exit");
        t.setDaemon(true);
        t.start();
        return "";
    }

    /**
     * Starts the session in a thread of its own and returns at once.
     *
     * @param out the file to write the observations to
     * @param model the model folder to choose in the dialog
     * @param shots the folder for screenshots
     * @return ""
     */
    public static String session(String out, String model, String shots) {
        Thread t = new Thread(() -> {
            Path file = Paths.get(out);
            try {
                session(file, model, Paths.get(shots));
            } catch (Throwable e) {
                write(file, "error: " + e);
                shootScreen(Paths.get(shots).resolve("error-screen.png"));
            } finally {
                write(file, "end");
                System.exit(0);
            }
        }, "depthfm-it-driver");
        t.start();
        return "";
    }

    private static void session(Path out, String model, Path shots) throws Exception {
        waitFor(() -> Interpreter.getInstance() == null, "the macro to end");
        IJ.run("Record...");
        waitFor(() -> Recorder.getInstance() != null, "the macro recorder");

        // 1. a menu click with other values than the defaults, recorded
        IJ.doCommand("Estimate Depth");
        Dialog dialog = waitForDialog(d -> d.getTitle().contains("Estimate Depth"));
        write(out, "dialog: " + dialog.getTitle() + " | " + text(dialog).replace('\n', ' '));
        set(dialog, "Euler steps", "1");
        set(dialog, "Ensemble size", "3");
        Thread.sleep(500);
        shoot(dialog, shots.resolve("fiji-estimate-dialog.png"));
        set(dialog, "Model folder", model);
        press(dialog, "OK");
        waitFor(() -> WindowManager.getImage("input-depth") != null, "the depth window");
        Thread.sleep(1000);
        shootScreen(shots.resolve("fiji-estimate-result.png"));
        waitFor(() -> Recorder.getInstance().getText().contains("Estimate Depth"), "the recorded line");
        for (String line : Recorder.getInstance().getText().split("\n")) {
            if (line.contains("Estimate Depth")) {
                write(out, "recorded: " + line.strip());
            }
        }
        write(out, "interactive ensemble: " + lastRow("Ensemble"));

        // 2. a macro line that names only steps and the model: the defaults for the rest
        IJ.runMacro("selectImage(\"input.png\"); run(\"Estimate Depth\", \"steps=1 model_dir=[" + model + "]\");");
        write(out, "macro ensemble: " + lastRow("Ensemble"));
        write(out, "images: " + String.join(",", WindowManager.getImageTitles()));

        // 3. an interactive failure: its message in one dialog
        IJ.selectWindow("input.png");
        IJ.doCommand("Estimate Depth");
        Dialog again = waitForDialog(d -> d.getTitle().contains("Estimate Depth"));
        set(again, "Model folder", "/nonexistent/model");
        press(again, "OK");
        Dialog error = waitForDialog(d -> text(d).contains("does not exist"));
        Thread.sleep(2000);
        write(out, "failure dialogs: " + count(d -> text(d).contains("does not exist")));
        write(out, "failure: " + text(error).replace('\n', ' '));
        shoot(error, shots.resolve("fiji-estimate-error.png"));
        press(error, "OK");
        Thread.sleep(2000);
        write(out, "dialogs after: " + dialogs());
    }

    private static String lastRow(String column) {
        ResultsTable rt = ResultsTable.getResultsTable(Run.TABLE);
        return rt == null || rt.size() == 0 ? "none" : rt.getStringValue(column, rt.size() - 1);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for " + what + "; dialogs: " + dialogs());
            }
            Thread.sleep(100);
        }
    }

    private static Dialog waitForDialog(Predicate<Dialog> which) throws InterruptedException {
        Dialog[] found = new Dialog[1];
        waitFor(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof Dialog d && d.isShowing() && which.test(d)) {
                    found[0] = d;
                    return true;
                }
            }
            return false;
        }, "a dialog");
        return found[0];
    }

    private static long count(Predicate<Dialog> which) {
        return List.of(Window.getWindows()).stream()
                .filter(w -> w instanceof Dialog d && d.isShowing() && which.test(d)).count();
    }

    /** Sets the widget that follows the label starting with {@code label}: a spinner's or a text field's value. */
    private static void set(Container dialog, String label, String value) throws Exception {
        Component widget = null;
        for (Component c : all(dialog)) {
            if (c instanceof JLabel l && l.getText() != null && l.getText().startsWith(label)) {
                Container parent = l.getParent();
                List<Component> siblings = List.of(parent.getComponents());
                widget = siblings.get(siblings.indexOf(l) + 1);
                break;
            }
        }
        if (widget == null) {
            throw new IllegalStateException("no field '" + label + "' in " + text(dialog));
        }
        Component target = widget;
        SwingUtilities.invokeAndWait(() -> {
            for (Component c : all((Container) target)) {
                if (c instanceof JSpinner s) {
                    s.setValue(Integer.valueOf(value));
                    return;
                }
                if (c instanceof JTextComponent t && t.isEditable()) {
                    t.setText(value);
                    return;
                }
            }
            throw new IllegalStateException("no editable field for '" + label + "'");
        });
    }

    private static void press(Container dialog, String button) throws Exception {
        for (Component c : all(dialog)) {
            if (c instanceof AbstractButton b && button.equals(b.getText())) {
                SwingUtilities.invokeLater(b::doClick);
                return;
            }
            if (c instanceof java.awt.Button b && button.equals(b.getLabel().strip())) {
                b.dispatchEvent(new java.awt.event.ActionEvent(b, java.awt.event.ActionEvent.ACTION_PERFORMED, button));
                return;
            }
        }
        throw new IllegalStateException("no button '" + button + "' in " + text(dialog));
    }

    private static void shoot(Window w, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Rectangle r = w.getBounds();
            ImageIO.write(new Robot().createScreenCapture(r), "png", file.toFile());
        } catch (Exception e) {
            // a screenshot is a by-product; the observations matter
        }
    }

    private static void shootScreen(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Rectangle r = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
            ImageIO.write(new Robot().createScreenCapture(r), "png", file.toFile());
        } catch (Exception e) {
            // a screenshot is a by-product
        }
    }

    private static List<Component> all(Container root) {
        List<Component> out = new ArrayList<>();
        for (Component c : root.getComponents()) {
            out.add(c);
            if (c instanceof Container k) {
                out.addAll(all(k));
            }
        }
        return out;
    }

    /** @return the text of the labels, text components and AWT labels of a window */
    static String text(Container root) {
        StringBuilder b = new StringBuilder();
        for (Component c : all(root)) {
            String t = c instanceof JLabel l ? l.getText()
                    : c instanceof JTextComponent tc ? tc.getText()
                    : c instanceof java.awt.Label al ? al.getText()
                    : c instanceof java.awt.TextComponent atc ? atc.getText()
                    : c instanceof MultiLineLabel ml ? lines(ml) : null;
            if (t != null && !t.isBlank()) {
                b.append(t).append('\n');
            }
        }
        return b.toString();
    }

    /** ImageJ 1's message dialogs draw their text on a canvas that keeps it in a field. */
    private static String lines(MultiLineLabel label) {
        try {
            java.lang.reflect.Field f = MultiLineLabel.class.getDeclaredField("lines");
            f.setAccessible(true);
            return String.join(" ", (String[]) f.get(label));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static synchronized void write(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

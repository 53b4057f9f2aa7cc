package org.depthfm.fiji;

import ij.ImagePlus;
import ij.WindowManager;
import java.util.ArrayList;
import java.util.List;
import org.scijava.command.DynamicCommand;
import org.scijava.module.MutableModuleItem;

/**
 * Optional image inputs as a choice of {@value #NONE} or an open image's title. Fiji's dialog has
 * no empty choice for an {@code ImagePlus} input (it takes the first open image), so an optional
 * image is a text input whose choices are filled in when the dialog opens; a macro gives
 * {@code mask=none} or {@code mask=[title]}.
 */
final class ImageChoice {
    /** The choice for no image. */
    static final String NONE = "none";

    private ImageChoice() {
    }

    /**
     * Offers {@value #NONE} and the titles of the open images as the input's choices.
     *
     * @param command the command
     * @param name the name of a {@code String} input
     */
    static void offer(DynamicCommand command, String name) {
        MutableModuleItem<String> item = command.getInfo().getMutableInput(name, String.class);
        List<String> choices = new ArrayList<>();
        choices.add(NONE);
        choices.addAll(List.of(WindowManager.getImageTitles()));
        item.setChoices(choices);
    }

    /**
     * @param key the input's macro key, for the message
     * @param title {@value #NONE}, empty or null for no image; else an open image's title
     * @return the image, or null for none
     * @throws IllegalArgumentException if no open image has this title
     */
    static ImagePlus image(String key, String title) {
        if (title == null || title.isBlank() || title.strip().equalsIgnoreCase(NONE)) {
            return null;
        }
        ImagePlus imp = WindowManager.getImage(title.strip());
        if (imp == null) {
            String[] open = WindowManager.getImageTitles();
            throw new IllegalArgumentException(key + "=" + title + ": no open image has this title (open: "
                    + (open.length == 0 ? "none" : String.join(", ", open)) + "); give " + key + "=" + NONE
                    + " for no image");
        }
        return imp;
    }
}

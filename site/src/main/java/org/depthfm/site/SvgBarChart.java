package org.depthfm.site;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as a self-contained SVG (no fonts or scripts fetched), for numbers that
 * people compare at a glance: one bar per row, an optional min-max whisker, a value label, and a
 * scale with round ticks starting at zero.
 */
final class SvgBarChart {
    /** Approximate width of a character of the 12 px labels, to size the label column. */
    private static final double CHAR_WIDTH = 6.8;
    private static final int BAR_AREA = 460;
    private static final int ROW = 26;
    private static final int TOP = 34;
    private static final int BOTTOM = 30;

    /**
     * One bar.
     *
     * @param label what it is
     * @param value its length
     * @param min the whisker's low end, or NaN for none
     * @param max the whisker's high end, or NaN for none
     */
    record Bar(String label, double value, double min, double max) {
        /** A bar without a whisker. */
        Bar(String label, double value) {
            this(label, value, Double.NaN, Double.NaN);
        }
    }

    private SvgBarChart() {
    }

    /**
     * @param title the chart's title (also its accessible name)
     * @param unit the unit of the values, e.g. "s"
     * @param bars the bars, top to bottom
     * @return the SVG document
     * @throws IllegalArgumentException if there are no bars or a value is negative or not finite
     */
    static String svg(String title, String unit, List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("a chart needs bars");
        }
        double top = 0;
        for (Bar b : bars) {
            if (!Double.isFinite(b.value()) || b.value() < 0) {
                throw new IllegalArgumentException("bar '" + b.label() + "' has value " + b.value());
            }
            top = Math.max(top, Double.isNaN(b.max()) ? b.value() : Math.max(b.value(), b.max()));
        }
        double step = niceStep(top);
        double scaleMax = Math.max(step, Math.ceil(top / step) * step);
        int left = 12 + (int) Math.ceil(bars.stream().mapToInt(b -> b.label().length()).max().orElse(0) * CHAR_WIDTH);
        int width = left + BAR_AREA + 80;
        int height = TOP + bars.size() * ROW + BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " role=\"img\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append("<title>").append(Html.esc(title)).append("</title>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">%s</text>%n",
                left, Html.esc(title)));
        int axisY = TOP + bars.size() * ROW;
        for (double t = 0; t <= scaleMax + step / 2; t += step) {
            double x = left + t / scaleMax * BAR_AREA;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP - 4, x, axisY));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n", x,
                    axisY + 16, number(t)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">%s</text>%n", left + BAR_AREA + 12, axisY + 16,
                Html.esc(unit)));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = TOP + i * ROW;
            double w = b.value() / scaleMax * BAR_AREA;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#222\">%s</text>%n", left - 8,
                    y + 16, Html.esc(b.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#3b6ea8\"/>%n", left,
                    y + 4, w, ROW - 8));
            double labelAt = left + w;
            if (!Double.isNaN(b.min()) && !Double.isNaN(b.max())) {
                double x0 = left + b.min() / scaleMax * BAR_AREA;
                double x1 = left + b.max() / scaleMax * BAR_AREA;
                s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d V%d M%.1f %d H%.1f M%.1f %d V%d\" stroke=\"#111\" fill=\"none\"/>%n",
                        x0, y + 8, y + ROW - 8, x0, y + ROW / 2, x1, x1, y + 8, y + ROW - 8));
                labelAt = Math.max(labelAt, x1);
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#222\">%s</text>%n", labelAt + 6, y + 16,
                    number(b.value())));
        }
        return s.append("</svg>\n").toString();
    }

    /** A tick spacing of 1, 2 or 5 times a power of ten giving 3 to 7 ticks up to {@code max}. */
    static double niceStep(double max) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    /** Three significant digits, without a trailing ".0". */
    static String number(double v) {
        return v == 0 ? "0" : new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}

package org.depthfm.imagej.geometry;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Length units as ImageJ calibrations and depth files spell them ({@code micron}, {@code um},
 * {@code µm}, {@code mm}, {@code m}, {@code inch}, ...), so that a depth in one unit can be placed
 * on pixels measured in another.
 */
final class LengthUnit {
    private LengthUnit() {
    }

    /**
     * @param unit a unit as written, or null
     * @return the unit in metres, or empty when it is not a length ImageJ users write
     */
    static OptionalDouble metres(String unit) {
        if (unit == null) {
            return OptionalDouble.empty();
        }
        return switch (canonical(unit)) {
            case "nm" -> OptionalDouble.of(1e-9);
            case "µm" -> OptionalDouble.of(1e-6);
            case "mm" -> OptionalDouble.of(1e-3);
            case "cm" -> OptionalDouble.of(1e-2);
            case "m" -> OptionalDouble.of(1);
            case "km" -> OptionalDouble.of(1e3);
            case "inch" -> OptionalDouble.of(0.0254);
            default -> OptionalDouble.empty();
        };
    }

    /**
     * @param unit a unit as written
     * @return the usual spelling of a length unit ({@code µm} for micron, um and the Greek mu), or
     *         the unit trimmed when it is none
     */
    static String canonical(String unit) {
        String u = unit.strip();
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "nm", "nanometer", "nanometers", "nanometre", "nanometres" -> "nm";
            case "µm", "\u03bcm", "um", "micron", "microns", "micrometer", "micrometers", "micrometre", "micrometres" -> "µm";
            case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> "mm";
            case "cm", "centimeter", "centimeters", "centimetre", "centimetres" -> "cm";
            case "m", "meter", "meters", "metre", "metres" -> "m";
            case "km", "kilometer", "kilometers", "kilometre", "kilometres" -> "km";
            case "in", "inch", "inches" -> "inch";
            default -> u;
        };
    }
}

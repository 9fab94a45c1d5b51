package lesson10;

/**
 * (a) Reading a temperature. A Raspberry Pi's `vcgencmd measure_temp` prints a line such as
 * {@code temp=48.3'C}; Linux's /sys/class/thermal/thermal_zone0/temp holds millidegrees, such as
 * {@code 48312}. Both methods return degrees Celsius and throw IllegalArgumentException, with a
 * message that quotes the text, for anything else (empty, other words, a missing number).
 * Surrounding whitespace and the final newline are allowed.
 */
public final class Thermal {
    private Thermal() {
    }

    /** "temp=48.3'C" -> 48.3 */
    public static double fromVcgencmd(String line) {
        return 0; // your code here
    }

    /** "48312" -> 48.312 */
    public static double fromSysfs(String text) {
        return 0; // your code here
    }
}

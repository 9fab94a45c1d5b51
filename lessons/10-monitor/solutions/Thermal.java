package lesson10;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** (a) Degrees Celsius from vcgencmd's line and from the sysfs millidegrees. */
public final class Thermal {
    private static final Pattern VCGENCMD = Pattern.compile("temp=(-?\\d+(?:\\.\\d+)?)'C");

    private Thermal() {
    }

    public static double fromVcgencmd(String line) {
        Matcher m = VCGENCMD.matcher(line.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a vcgencmd temperature: '" + line.strip() + "' (expected temp=48.3'C)");
        }
        return Double.parseDouble(m.group(1));
    }

    public static double fromSysfs(String text) {
        try {
            return Long.parseLong(text.strip()) / 1000.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not millidegrees: '" + text.strip() + "' (expected a whole number such as 48312)");
        }
    }
}

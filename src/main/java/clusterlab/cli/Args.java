package clusterlab.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The options and operands of one command line, as {@link Options} read them, with typed getters. */
public final class Args {
    private final String command;
    private final Map<String, String> values;
    private final List<String> operands;

    Args(String command, Map<String, String> values, List<String> operands) {
        this.command = command;
        this.values = values;
        this.operands = List.copyOf(operands);
    }

    /** The command these arguments were given to, for error messages. */
    public String command() {
        return command;
    }

    public List<String> operands() {
        return operands;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The option's value, its default, or null when it has neither. */
    public String string(String name) {
        return values.get(name);
    }

    public int integer(String name, int min, int max) throws UsageException {
        long n = parseLong(name);
        if (n < min || n > max) {
            throw bad(name, "a whole number from " + min + " to " + max);
        }
        return (int) n;
    }

    private long parseLong(String name) throws UsageException {
        try {
            return Long.parseLong(required(name));
        } catch (NumberFormatException e) {
            throw bad(name, "a whole number");
        }
    }

    /** A duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number means seconds. */
    public Duration duration(String name) throws UsageException {
        String text = required(name).trim();
        String digits = text.replaceAll("(ms|s|m|h)$", "");
        String unit = text.substring(digits.length());
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad(name, "a duration such as 500ms, 30s, 2m or 1h");
        }
        if (n < 0) {
            throw bad(name, "a duration that is not negative");
        }
        switch (unit) {
            case "ms": return Duration.ofMillis(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            default: return Duration.ofSeconds(n);
        }
    }

    /** A size in bytes: {@code 4096}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB} (k, M, G also accepted). */
    public int bytes(String name, int min, int max) throws UsageException {
        String text = required(name).trim();
        String digits = text.replaceAll("(?i)(kib|mib|gib|k|m|g|b)$", "");
        String unit = text.substring(digits.length()).toLowerCase(Locale.ROOT);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad(name, "a size such as 4096, 64KiB or 16MiB");
        }
        long scale = unit.startsWith("k") ? 1L << 10 : unit.startsWith("m") ? 1L << 20 : unit.startsWith("g") ? 1L << 30 : 1;
        long size = n * scale;
        if (size < min || size > max) {
            throw bad(name, "a size from " + min + " to " + max + " bytes");
        }
        return (int) size;
    }

    private String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("clusterlab " + command + ": option --" + name + " is required");
        }
        return value;
    }

    private UsageException bad(String name, String expected) {
        return new UsageException("clusterlab " + command + ": --" + name + " must be " + expected
                + ", not '" + values.get(name) + "'");
    }
}

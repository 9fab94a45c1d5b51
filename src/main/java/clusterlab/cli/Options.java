package clusterlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options one command accepts, and the parser that reads them. Every clusterlab command
 * declares its options here, so they all read `--name value`, `--name=value`, flags, `--` and
 * `--help` the same way and print help in the same shape.
 */
public final class Options {
    /** One declared option; {@code metavar} is null for a flag, which takes no value. */
    record Spec(String name, String metavar, String defaultValue, String help) {
        boolean isFlag() {
            return metavar == null;
        }
    }

    private final String command;
    private final String summary;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private String operands = "";
    private String operandsHelp = "";
    private int maxOperands = 0;
    private boolean firstOperandEndsOptions;

    public Options(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    public String command() {
        return command;
    }

    public String summary() {
        return summary;
    }

    /** An option that takes a value; {@code defaultValue} may be null when there is none. */
    public Options value(String name, String metavar, String defaultValue, String help) {
        return add(new Spec(name, metavar, defaultValue, help));
    }

    /** An option without a value: present or not. */
    public Options flag(String name, String help) {
        return add(new Spec(name, null, null, help));
    }

    /** The arguments that are not options, e.g. {@code "[MESSAGE...]"}; {@code max} caps how many. */
    public Options operands(String synopsis, int max, String help) {
        this.operands = synopsis;
        this.maxOperands = max;
        this.operandsHelp = help;
        return this;
    }

    /**
     * Everything after the first operand is an operand too, as in `mpirun -np 4 PROGRAM --its-own
     * options`: the options after the program's name are the program's, not this command's.
     */
    public Options firstOperandEndsOptions() {
        firstOperandEndsOptions = true;
        return this;
    }

    private Options add(Spec spec) {
        if (specs.put(spec.name(), spec) != null) {
            throw new IllegalArgumentException("option --" + spec.name() + " declared twice");
        }
        return this;
    }

    /** Reads the command line; returns null when the user asked for --help. */
    public Args parse(String... argv) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.length() > 2 && arg.charAt(1) != '-' && specs.containsKey(arg.substring(1))) {
                arg = "-" + arg; // -np is --np: the spelling mpirun users know
            }
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                rest.add(arg);
                optionsEnded |= firstOperandEndsOptions;
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (!arg.startsWith("--")) {
                throw error("unknown option " + arg + " (options are spelt --name)");
            } else {
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq < 0 ? arg.length() : eq);
                Spec spec = specs.get(name);
                if (spec == null) {
                    throw error("unknown option --" + name + suggestion(name));
                }
                if (spec.isFlag()) {
                    if (eq >= 0) {
                        throw error("option --" + name + " takes no value");
                    }
                    values.put(name, "true");
                } else if (eq >= 0) {
                    values.put(name, arg.substring(eq + 1));
                } else if (i + 1 < argv.length) {
                    values.put(name, argv[++i]);
                } else {
                    throw error("option --" + name + " needs a value " + spec.metavar());
                }
            }
        }
        if (rest.size() > maxOperands) {
            throw error(maxOperands == 0
                    ? "unexpected argument '" + rest.get(0) + "'"
                    : "too many arguments (at most " + maxOperands + ")");
        }
        for (Spec spec : specs.values()) {
            if (!spec.isFlag() && spec.defaultValue() != null) {
                values.putIfAbsent(spec.name(), spec.defaultValue());
            }
        }
        return new Args(command, values, rest);
    }

    private UsageException error(String message) {
        return new UsageException("clusterlab " + command + ": " + message + " (see clusterlab " + command + " --help)");
    }

    /** Names the declared option closest to a misspelt one, when one is close. */
    private String suggestion(String name) {
        String best = null;
        int bestDistance = 3;
        for (String known : specs.keySet()) {
            int d = editDistance(name, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean --" + best + "?";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The help page: usage line, summary, then one line per option with its default. */
    public String help() {
        StringBuilder s = new StringBuilder();
        s.append("usage: clusterlab ").append(command);
        if (!specs.isEmpty()) {
            s.append(" [options]");
        }
        if (!operands.isEmpty()) {
            s.append(' ').append(operands);
        }
        s.append("\n\n").append(summary).append("\n");
        if (!operandsHelp.isEmpty()) {
            s.append("\n  ").append(operands).append("\n      ").append(operandsHelp).append("\n");
        }
        s.append("\noptions:\n");
        if (!specs.isEmpty()) {
            for (Spec spec : specs.values()) {
                String left = "  --" + spec.name() + (spec.isFlag() ? "" : " " + spec.metavar());
                s.append(left);
                s.append(" ".repeat(Math.max(1, 26 - left.length())));
                s.append(spec.help());
                if (spec.defaultValue() != null) {
                    s.append(" (default ").append(spec.defaultValue()).append(')');
                }
                s.append('\n');
            }
        }
        s.append("  --help                  show this help\n");
        return s.toString();
    }
}

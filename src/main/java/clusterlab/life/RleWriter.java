package clusterlab.life;

/** Writes a pattern in RLE, the format {@link RleParser} reads, with lines of at most 70 characters. */
public final class RleWriter {
    private static final int LINE_LENGTH = 70;

    private final StringBuilder out = new StringBuilder();
    private int lineStart;

    private RleWriter() {
    }

    public static String write(Pattern pattern) {
        return new RleWriter().text(pattern);
    }

    private String text(Pattern pattern) {
        if (!pattern.name().isEmpty()) {
            out.append("#N ").append(pattern.name()).append('\n');
        }
        out.append("x = ").append(pattern.width()).append(", y = ").append(pattern.height())
                .append(", rule = B3/S23\n");
        lineStart = out.length();
        // Ends of rows are written lazily: empty rows become one "N$", and the last rows' "$" not at all.
        int pendingRowEnds = 0;
        for (int r = 0; r < pattern.height(); r++) {
            int lastAlive = -1;
            for (int c = 0; c < pattern.width(); c++) {
                if (pattern.isAlive(r, c)) {
                    lastAlive = c;
                }
            }
            if (lastAlive >= 0) {
                if (pendingRowEnds > 0) {
                    token(pendingRowEnds, '$');
                }
                pendingRowEnds = 0;
                int c = 0;
                while (c <= lastAlive) {
                    boolean alive = pattern.isAlive(r, c);
                    int run = 0;
                    while (c <= lastAlive && pattern.isAlive(r, c) == alive) {
                        run++;
                        c++;
                    }
                    token(run, alive ? 'o' : 'b');
                }
            }
            pendingRowEnds++;
        }
        token(1, '!');
        out.append('\n');
        return out.toString();
    }

    /** Appends "3o" (or "o" for a run of one), starting a new line first if this one would get too long. */
    private void token(int run, char tag) {
        String token = (run == 1 ? "" : Integer.toString(run)) + tag;
        if (out.length() - lineStart + token.length() > LINE_LENGTH) {
            out.append('\n');
            lineStart = out.length();
        }
        out.append(token);
    }
}

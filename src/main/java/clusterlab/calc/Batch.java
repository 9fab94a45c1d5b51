package clusterlab.calc;

import clusterlab.wire.Connection;
import clusterlab.wire.RawDoubles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One piece of work the head hands to one node: a function at some points, or some of the
 * article's command strings. {@code offset} says where its results go in the whole run's answer,
 * which is how results come back in the order submitted whatever node finishes first.
 */
abstract class Batch {
    final Run run;
    final int id;
    final int offset;

    Batch(Run run, int id, int offset) {
        this.run = run;
        this.id = id;
        this.offset = offset;
    }

    /** How many results the node must send back. */
    abstract int size();

    /** Sends the request: a JSON header frame, and for points a raw frame of doubles after it. */
    abstract void send(Connection c) throws IOException;

    /** A function of named variables at {@code rows.length} points: the points travel as raw doubles. */
    static final class Points extends Batch {
        private final String function;
        private final List<String> variables;
        private final double[][] rows;

        Points(Run run, int id, int offset, String function, List<String> variables, double[][] rows) {
            super(run, id, offset);
            this.function = function;
            this.variables = variables;
            this.rows = rows;
        }

        @Override
        int size() {
            return rows.length;
        }

        @Override
        void send(Connection c) throws IOException {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("type", "points");
            header.put("id", id);
            header.put("function", function);
            header.put("variables", variables);
            header.put("count", rows.length);
            c.sendJson(header);
            double[] flat = new double[rows.length * variables.size()];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * variables.size(), variables.size());
            }
            c.send(RawDoubles.encode(flat));
        }
    }

    /** Command strings such as {@code y = f(3)}: each result is what the command leaves in y. */
    static final class Commands extends Batch {
        private final String engine;
        private final List<String> commands;

        Commands(Run run, int id, int offset, String engine, List<String> commands) {
            super(run, id, offset);
            this.engine = engine;
            this.commands = commands;
        }

        @Override
        int size() {
            return commands.size();
        }

        @Override
        void send(Connection c) throws IOException {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("type", "commands");
            header.put("id", id);
            header.put("engine", engine);
            header.put("commands", commands);
            c.sendJson(header);
        }
    }
}

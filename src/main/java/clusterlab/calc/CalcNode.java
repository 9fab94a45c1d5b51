package clusterlab.calc;

import clusterlab.net.Backoff;
import clusterlab.net.HostName;
import clusterlab.wire.Connection;
import clusterlab.wire.RawDoubles;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.script.ScriptException;

/**
 * A node: connects to the head, says hello, then evaluates each batch it is sent and answers with
 * the results. When the head goes away the node tries again, waiting a little longer each time,
 * and gives up after a while; when the head says goodbye the node exits.
 */
public final class CalcNode {
    private static final int CACHED_FUNCTIONS = 16;

    private final String host;
    private final int port;
    private final int threads;
    private final String engine;
    private final long giveUpMillis;
    private final PrintStream log;
    /** Compiled functions by source and variables, so a function is compiled once, not per batch. */
    private final Map<String, LocalEvaluator> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LocalEvaluator> eldest) {
            if (size() > CACHED_FUNCTIONS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /**
     * @param engine the one script engine this node runs commands with. Commands are code from the
     *               network: "expr" can only compute, while another engine (JavaScript, say) would
     *               run whatever the head sends, so the node's owner chooses, not the head.
     */
    public CalcNode(String host, int port, int threads, String engine, long giveUpMillis, PrintStream log) {
        this.host = host;
        this.port = port;
        this.threads = threads;
        this.engine = engine;
        this.giveUpMillis = giveUpMillis;
        this.log = log;
    }

    /** Serves heads until one says goodbye (returns 0) or none answers for the give-up time (returns 1). */
    public int run() throws InterruptedException {
        long lastContact = System.currentTimeMillis();
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));
        try {
            while (true) {
                try (Connection c = Connection.open(host, port, 5_000)) {
                    backoff.reset();
                    log.println("connected to head " + host + ":" + port);
                    try {
                        if (serve(c)) {
                            log.println("the head says the work is done; exiting");
                            return 0;
                        }
                        log.println("the head closed the connection");
                    } finally {
                        lastContact = System.currentTimeMillis(); // the give-up clock starts when the head goes
                    }
                } catch (IOException e) {
                    log.println("head " + host + ":" + port + " not reachable: " + e.getMessage());
                }
                long now = System.currentTimeMillis();
                if (now - lastContact > giveUpMillis) {
                    log.println("giving up: no head at " + host + ":" + port + " for " + giveUpMillis / 1000 + " s");
                    return 1;
                }
                long wait = backoff.nextMillis();
                log.println("retrying in " + wait / 1000.0 + " s");
                Thread.sleep(wait);
            }
        } finally {
            compiled.values().forEach(LocalEvaluator::close);
        }
    }

    /** Answers batches until the head says bye (true) or the connection ends (false). */
    private boolean serve(Connection c) throws IOException {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("name", HostName.localOr("localhost") + "/" + ProcessHandle.current().pid());
        hello.put("threads", threads);
        c.sendJson(hello);
        while (true) {
            Map<String, Object> request = c.receiveJson();
            if (request == null) {
                return false;
            }
            Object type = request.get("type");
            if ("bye".equals(type)) {
                return true;
            }
            try {
                double[] values;
                if ("points".equals(type)) {
                    values = points(request, c.receive());
                } else if ("commands".equals(type)) {
                    values = commands(request);
                } else if ("error".equals(type)) {
                    throw new IOException("the head refused this node: " + request.get("message"));
                } else {
                    throw new IOException("unknown request " + request);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("type", "result");
                result.put("id", request.get("id"));
                result.put("count", values.length);
                c.sendJson(result);
                c.send(RawDoubles.encode(values));
            } catch (ScriptException | EvaluationException e) {
                c.sendJson(Map.of("type", "error", "id", request.get("id"), "message", String.valueOf(e.getMessage())));
            } catch (ClassCastException | NullPointerException e) {
                throw new IOException("malformed request from the head: " + request);
            }
        }
    }

    private double[] points(Map<String, Object> request, byte[] raw) throws IOException, ScriptException, EvaluationException {
        String function = (String) request.get("function");
        List<String> variables = strings(request.get("variables"));
        int count = ((Long) request.get("count")).intValue();
        if (raw == null) {
            throw new IOException("the head closed the connection before sending the points");
        }
        double[] flat = RawDoubles.decode(raw, count * variables.size());
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * variables.size(), (i + 1) * variables.size());
        }
        String key = String.join(",", variables) + ":" + function;
        LocalEvaluator evaluator = compiled.get(key);
        if (evaluator == null) {
            evaluator = new LocalEvaluator(function, variables, threads);
            compiled.put(key, evaluator);
        }
        return evaluator.evaluate(rows);
    }

    private double[] commands(Map<String, Object> request) throws ScriptException, EvaluationException {
        List<String> commands = strings(request.get("commands"));
        if (!engine.equals(request.get("engine"))) {
            throw new EvaluationException("this node runs commands with the " + engine + " engine only, not "
                    + request.get("engine") + " (calc-node --engine chooses)");
        }
        FunctionCalculator calculator = new FunctionCalculator(engine, null);
        double[] values = new double[commands.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = calculator.evaluate(commands.get(i));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }
}

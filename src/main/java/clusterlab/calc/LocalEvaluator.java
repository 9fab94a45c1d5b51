package clusterlab.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.script.ScriptException;

/**
 * Evaluates a function at many points on this machine's cores: the points are cut into one
 * contiguous slice per thread. The function is compiled once per thread, so no thread shares
 * another's working memory. A node uses this for each batch; the minimum search uses it when no
 * nodes are asked for.
 */
public final class LocalEvaluator implements PointEvaluator, AutoCloseable {
    private final CompiledFunction[] perThread;
    private final ExecutorService pool;

    public LocalEvaluator(String function, List<String> variables, int threads) throws ScriptException {
        String[] names = variables.toArray(new String[0]);
        perThread = new CompiledFunction[threads];
        for (int i = 0; i < threads; i++) {
            perThread[i] = ExprEngine.compileFunction(function, names);
        }
        pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "evaluator");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public double[] evaluate(double[][] points) throws EvaluationException {
        double[] values = new double[points.length];
        int slice = (points.length + perThread.length - 1) / perThread.length;
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < perThread.length && t * slice < points.length; t++) {
            CompiledFunction f = perThread[t];
            int from = t * slice;
            int to = Math.min(points.length, from + slice);
            parts.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    values[i] = f.apply(points[i]);
                }
            }));
        }
        try {
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("interrupted", e);
        } catch (ExecutionException e) {
            throw new EvaluationException("evaluation failed: " + e.getCause(), e.getCause());
        }
        return values;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

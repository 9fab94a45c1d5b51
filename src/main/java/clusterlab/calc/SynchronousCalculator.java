package clusterlab.calc;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import javax.script.ScriptException;

/** Article A's SynchronousCalculator: evaluates a list of commands one after another, in order. */
public final class SynchronousCalculator {
    private final FunctionCalculator calculator;

    public SynchronousCalculator(String engineName, PrintStream out) throws EvaluationException {
        this.calculator = new FunctionCalculator(engineName, out);
    }

    public List<Double> evaluate(List<String> commands) throws ScriptException {
        List<Double> results = new ArrayList<>(commands.size());
        for (String command : commands) {
            results.add(calculator.evaluate(command));
        }
        return results;
    }
}

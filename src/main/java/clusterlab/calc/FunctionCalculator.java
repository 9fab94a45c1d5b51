package clusterlab.calc;

import java.io.PrintStream;
import javax.script.ScriptEngine;
import javax.script.ScriptException;

/**
 * Article A's FunctionCalculator: evaluates a command such as {@code y = 5*100} and returns what is
 * left in {@code y}, which starts at 0.0. The function need not be known until run time: it arrives
 * as text. Any javax.script engine will do; the default, "expr", cannot touch files, classes or the
 * network, where Python's exec in the article can do anything the process can.
 */
public final class FunctionCalculator {
    private final ScriptEngine engine;
    private final PrintStream out;

    /** @param out where each command and its result are printed, as the article does; null for silence */
    public FunctionCalculator(String engineName, PrintStream out) throws EvaluationException {
        this.engine = Engines.byName(engineName);
        this.out = out;
    }

    public double evaluate(String command) throws ScriptException {
        engine.put("y", 0.0);
        engine.eval(command);
        Object y = engine.get("y");
        if (!(y instanceof Number)) {
            throw new ScriptException("the command left no number in y (y is " + y + "): " + command);
        }
        double value = ((Number) y).doubleValue();
        if (out != null) {
            out.println(command + " -> " + value);
        }
        return value;
    }
}

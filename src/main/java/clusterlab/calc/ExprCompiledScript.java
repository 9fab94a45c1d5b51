package clusterlab.calc;

import java.util.Map;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;

/**
 * A source compiled by an {@link ExprEngine}, to be evaluated any number of times. Each
 * evaluation copies the variables it reads from the context's bindings into a fresh frame once,
 * evaluates the closures, then stores what it assigned and defined in the engine scope. The
 * compiled form is never changed, so evaluations on several threads with their own contexts do
 * not disturb each other.
 */
final class ExprCompiledScript extends CompiledScript {
    private final ExprEngine engine;
    private final Program program;

    ExprCompiledScript(ExprEngine engine, Program program) {
        this.engine = engine;
        this.program = program;
    }

    /**
     * @return the value of the last statement as a Double, or null if that statement is a
     *         definition or an import
     * @throws ExprException if a variable the source reads before assigning it is in neither
     *         scope, or is not a Number; nothing is evaluated then
     */
    @Override
    public Object eval(ScriptContext context) throws ExprException {
        double[] frame = new double[program.frameSize()];
        for (Program.Input input : program.inputs()) {
            frame[input.slot()] = read(context, input);
        }
        double value = program.body().eval(frame);
        for (Map.Entry<String, Integer> output : program.outputs().entrySet()) {
            Double assigned = frame[output.getValue()];
            context.setAttribute(output.getKey(), assigned, ScriptContext.ENGINE_SCOPE);
        }
        for (UserFunction function : program.definitions()) {
            String key = UserFunction.bindingKey(function.name());
            context.setAttribute(key, function, ScriptContext.ENGINE_SCOPE);
        }
        return program.hasValue() ? value : null;
    }

    @Override
    public ScriptEngine getEngine() {
        return engine;
    }

    /** The variable's value from the engine scope, or else the global scope. */
    private double read(ScriptContext context, Program.Input input) throws ExprException {
        int scope = context.getAttributesScope(input.name());
        if (scope == -1) {
            throw ExprException.at(program.source(), input.position(),
                    "unknown variable '" + input.name() + "'");
        }
        Object value = context.getAttribute(input.name(), scope);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        String type = value == null ? "null" : "a " + value.getClass().getName();
        throw ExprException.at(program.source(), input.position(),
                "variable '" + input.name() + "' is " + type + ", not a number");
    }
}

package clusterlab.calc;

import java.util.Arrays;

/**
 * A source compiled as a function of named variables, for evaluating at many points: {@link
 * #apply} takes the variables' values in an array and evaluates the closures on it directly,
 * with no bindings and no lookups by name. Made by {@link ExprEngine#compileFunction}.
 *
 * <p>It keeps no state between calls, so one instance can be used by many threads at once.
 */
public final class CompiledFunction {
    private final Closure body;
    private final int arity;
    private final int frameSize;
    private final boolean assigns;
    private final String source;

    CompiledFunction(Program program, int arity) {
        this.body = program.body();
        this.arity = arity;
        this.frameSize = program.frameSize();
        this.assigns = !program.outputs().isEmpty();
        this.source = program.source();
    }

    /**
     * @param values one value per variable, in the order the variables were given
     * @return the value of the source's last statement
     * @throws IllegalArgumentException if there are not as many values as variables
     */
    public double apply(double... values) {
        if (values.length != arity) {
            throw new IllegalArgumentException("expected " + arity
                    + " values, one per variable, got " + values.length);
        }
        // The values are the start of the frame. A source that assigns variables writes to the
        // frame, so it gets a copy, with room for its other variables; otherwise none is needed.
        double[] frame = assigns ? Arrays.copyOf(values, frameSize) : values;
        return body.eval(frame);
    }

    @Override
    public String toString() {
        return source;
    }
}

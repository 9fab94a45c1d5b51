package clusterlab.calc;

import java.util.List;

/**
 * A function defined in a source, such as {@code f(x, y) = x^2 + y}, compiled once.
 *
 * <p>An evaluation keeps the functions it defines in the engine-scope bindings, under the key
 * {@code name()}, with the parentheses ({@code "f()"} for f): no variable can have that name, so
 * a variable f and a function f can both be kept. A later source compiled with those bindings
 * can call the function. It prints as its definition.
 *
 * <p>The body sees only the function's parameters (and the constants): it is compiled with the
 * parameters as its whole frame, so it means the same wherever it is called from.
 */
public final class UserFunction {
    private final String name;
    private final List<String> parameters;
    private final String definition;
    private final Closure body;
    private final int height;
    private final long steps;

    /**
     * @param height how deep evaluating the body recurses, counting the functions it calls
     * @param steps  at most how many closures evaluating the body runs, counting the same way
     */
    UserFunction(String name, List<String> parameters, String definition, Closure body, int height,
            long steps) {
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.definition = definition;
        this.body = body;
        this.height = height;
        this.steps = steps;
    }

    /** The key under which bindings keep the function named {@code name}. */
    static String bindingKey(String name) {
        return name + "()";
    }

    public String name() {
        return name;
    }

    public List<String> parameters() {
        return parameters;
    }

    Closure body() {
        return body;
    }

    int height() {
        return height;
    }

    long steps() {
        return steps;
    }

    @Override
    public String toString() {
        return definition;
    }
}

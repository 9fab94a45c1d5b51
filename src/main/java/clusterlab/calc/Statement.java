package clusterlab.calc;

import java.util.List;

/** One statement of a source, as the {@link Parser} builds it. */
sealed interface Statement {

    /** 0-based offset in the source of the statement's first token. */
    int position();

    /** An expression on its own: its value is the statement's value. */
    record Evaluate(Expr expression, int position) implements Statement {
    }

    /** {@code name = value}: the value is also the statement's value. */
    record Assign(String name, Expr value, int position) implements Statement {
    }

    /**
     * {@code name(parameters) = body}, a user function; it has no value.
     *
     * @param text the definition as written, shown when the function is printed
     */
    record Define(String name, List<Expr.Variable> parameters, Expr body, int position, String text)
            implements Statement {
    }

    /** {@code import math}, accepted so that Python-style commands run; it does nothing. */
    record Import(int position) implements Statement {
    }
}

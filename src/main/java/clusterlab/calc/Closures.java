package clusterlab.calc;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The kinds of {@link Closure} a compiled expression is built from, one factory method each.
 * A closure holds its operands and evaluates them when it is evaluated. It has no other state,
 * so a tree of them can be shared by threads.
 */
final class Closures {

    private Closures() {
    }

    /** A number known when compiling; the compiler folds operations on constants into one. */
    record Constant(double value) implements Closure {
        @Override
        public double eval(double[] frame) {
            return value;
        }
    }

    /** A variable's value, at the slot the compiler gave it. */
    record Variable(int slot) implements Closure {
        @Override
        public double eval(double[] frame) {
            return frame[slot];
        }
    }

    static Closure variable(int slot) {
        return new Variable(slot);
    }

    /** Stores the value in the variable's slot, and is worth that value. */
    static Closure assign(int slot, Closure value) {
        return frame -> frame[slot] = value.eval(frame);
    }

    static Closure negate(Closure a) {
        return frame -> -a.eval(frame);
    }

    /**
     * An operator of the language. Arithmetic is Java's double arithmetic, IEEE 754: 1/0 is
     * Infinity and 0/0 is NaN, and {@code %} is Java's remainder, with the sign of the left side.
     * Comparisons are worth 1.0 when true and 0.0 when false.
     */
    static Closure binary(Token.Kind op, Closure a, Closure b) {
        Closure leaf = null;
        if (b instanceof Constant c) {
            leaf = withConstant(op, a, c.value());
        } else if (b instanceof Variable v) {
            leaf = withVariable(op, a, v.slot());
        }
        if (leaf != null) {
            return leaf;
        }
        return switch (op) {
            case PLUS -> frame -> a.eval(frame) + b.eval(frame);
            case MINUS -> frame -> a.eval(frame) - b.eval(frame);
            case STAR -> frame -> a.eval(frame) * b.eval(frame);
            case SLASH -> frame -> a.eval(frame) / b.eval(frame);
            case PERCENT -> frame -> a.eval(frame) % b.eval(frame);
            case CARET -> frame -> Math.pow(a.eval(frame), b.eval(frame));
            case LESS -> frame -> a.eval(frame) < b.eval(frame) ? 1.0 : 0.0;
            case LESS_EQUAL -> frame -> a.eval(frame) <= b.eval(frame) ? 1.0 : 0.0;
            case GREATER -> frame -> a.eval(frame) > b.eval(frame) ? 1.0 : 0.0;
            case GREATER_EQUAL -> frame -> a.eval(frame) >= b.eval(frame) ? 1.0 : 0.0;
            case EQUAL_EQUAL -> frame -> a.eval(frame) == b.eval(frame) ? 1.0 : 0.0;
            case NOT_EQUAL -> frame -> a.eval(frame) != b.eval(frame) ? 1.0 : 0.0;
            default -> throw new IllegalArgumentException("not an operator: " + op);
        };
    }

    /** {@code a op c} with c known when compiling: one call fewer per evaluation; null for other operators. */
    private static Closure withConstant(Token.Kind op, Closure a, double c) {
        if (a instanceof Variable v) {
            int slot = v.slot();
            return switch (op) {
                case PLUS -> frame -> frame[slot] + c;
                case MINUS -> frame -> frame[slot] - c;
                case STAR -> frame -> frame[slot] * c;
                case SLASH -> frame -> frame[slot] / c;
                default -> null;
            };
        }
        return switch (op) {
            case PLUS -> frame -> a.eval(frame) + c;
            case MINUS -> frame -> a.eval(frame) - c;
            case STAR -> frame -> a.eval(frame) * c;
            case SLASH -> frame -> a.eval(frame) / c;
            default -> null;
        };
    }

    /** {@code a op v} for a variable v: the variable is read in place, one call fewer; null for other operators. */
    private static Closure withVariable(Token.Kind op, Closure a, int slot) {
        if (a instanceof Variable left) {
            int l = left.slot();
            return switch (op) {
                case PLUS -> frame -> frame[l] + frame[slot];
                case MINUS -> frame -> frame[l] - frame[slot];
                case STAR -> frame -> frame[l] * frame[slot];
                case SLASH -> frame -> frame[l] / frame[slot];
                default -> null;
            };
        }
        return switch (op) {
            case PLUS -> frame -> a.eval(frame) + frame[slot];
            case MINUS -> frame -> a.eval(frame) - frame[slot];
            case STAR -> frame -> a.eval(frame) * frame[slot];
            case SLASH -> frame -> a.eval(frame) / frame[slot];
            default -> null;
        };
    }

    /** {@code first op[0] rest[0] op[1] rest[1] ...}, left to right, in a loop. */
    static Closure chain(Closure first, Token.Kind[] ops, Closure[] rest) {
        return frame -> {
            double value = first.eval(frame);
            for (int i = 0; i < rest.length; i++) {
                double operand = rest[i].eval(frame);
                value = switch (ops[i]) {
                    case PLUS -> value + operand;
                    case MINUS -> value - operand;
                    case STAR -> value * operand;
                    case SLASH -> value / operand;
                    case PERCENT -> value % operand;
                    default -> throw new IllegalArgumentException("not arithmetic: " + ops[i]);
                };
            }
            return value;
        };
    }

    /** {@code a^2}, the commonest power: a*a is exactly what Math.pow(a, 2) gives, and quicker. */
    static Closure square(Closure a) {
        if (a instanceof Variable v) {
            int slot = v.slot();
            return frame -> frame[slot] * frame[slot];
        }
        return frame -> {
            double value = a.eval(frame);
            return value * value;
        };
    }

    /** Any value but 0 counts as true, NaN included; only the chosen branch is evaluated. */
    static Closure ifElse(Closure condition, Closure then, Closure otherwise) {
        return frame -> condition.eval(frame) != 0.0 ? then.eval(frame) : otherwise.eval(frame);
    }

    static Closure call(DoubleUnaryOperator f, Closure a) {
        return frame -> f.applyAsDouble(a.eval(frame));
    }

    static Closure call(DoubleBinaryOperator f, Closure a, Closure b) {
        return frame -> f.applyAsDouble(a.eval(frame), b.eval(frame));
    }

    static Closure call(Builtins.Ternary f, Closure a, Closure b, Closure c) {
        return frame -> f.apply(a.eval(frame), b.eval(frame), c.eval(frame));
    }

    /** Combines one or more arguments left to right, as min and max of many arguments do. */
    static Closure fold(DoubleBinaryOperator f, Closure[] arguments) {
        return frame -> {
            double value = arguments[0].eval(frame);
            for (int i = 1; i < arguments.length; i++) {
                value = f.applyAsDouble(value, arguments[i].eval(frame));
            }
            return value;
        };
    }

    /** Evaluates the arguments into a new frame, the function's own, then evaluates its body. */
    static Closure call(UserFunction function, Closure[] arguments) {
        Closure body = function.body();
        return frame -> {
            double[] parameters = new double[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                parameters[i] = arguments[i].eval(frame);
            }
            return body.eval(parameters);
        };
    }

    /** Evaluates statements in order; worth the last one's value (NaN if there are none). */
    static Closure sequence(List<Closure> statements) {
        if (statements.size() == 1) {
            return statements.get(0);
        }
        Closure[] all = statements.toArray(new Closure[0]);
        return frame -> {
            double value = Double.NaN;
            for (Closure statement : all) {
                value = statement.eval(frame);
            }
            return value;
        };
    }
}

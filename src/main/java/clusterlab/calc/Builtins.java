package clusterlab.calc;

import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The built-in constants and functions, in fixed tables: every static method of java.lang.Math
 * whose arguments and result are all doubles, under its Java name, plus min and max of any
 * number of arguments, and the constants {@code pi} and {@code e}. A source can reach these and
 * nothing else of Java: there is no lookup by name at run time, no reflection.
 *
 * <p>Math.random is left out, so that a function always gives the same value for the same
 * arguments; the compiler relies on that when it computes constant parts of an expression once.
 */
final class Builtins {
    /** The arity of min and max, which take any number of arguments but at least one. */
    static final int ONE_OR_MORE = -1;

    /** Math.fma's shape, for which java.util.function has no interface. */
    @FunctionalInterface
    interface Ternary {
        double apply(double a, double b, double c);
    }

    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E);

    private static final Map<String, DoubleUnaryOperator> ONE_ARGUMENT = Map.ofEntries(
            one("abs", Math::abs), one("acos", Math::acos), one("asin", Math::asin),
            one("atan", Math::atan), one("cbrt", Math::cbrt), one("ceil", Math::ceil),
            one("cos", Math::cos), one("cosh", Math::cosh), one("exp", Math::exp),
            one("expm1", Math::expm1), one("floor", Math::floor), one("log", Math::log),
            one("log10", Math::log10), one("log1p", Math::log1p), one("nextDown", Math::nextDown),
            one("nextUp", Math::nextUp), one("rint", Math::rint), one("signum", Math::signum),
            one("sin", Math::sin), one("sinh", Math::sinh), one("sqrt", Math::sqrt),
            one("tan", Math::tan), one("tanh", Math::tanh), one("toDegrees", Math::toDegrees),
            one("toRadians", Math::toRadians), one("ulp", Math::ulp));

    private static final Map<String, DoubleBinaryOperator> TWO_ARGUMENTS = Map.of(
            "atan2", Math::atan2, "copySign", Math::copySign, "hypot", Math::hypot,
            "IEEEremainder", Math::IEEEremainder, "nextAfter", Math::nextAfter, "pow", Math::pow);

    private static final Map<String, Ternary> THREE_ARGUMENTS = Map.of("fma", Math::fma);

    /** Folded left to right over the arguments: max(a, b, c) is Math.max(Math.max(a, b), c). */
    private static final Map<String, DoubleBinaryOperator> ONE_OR_MORE_ARGUMENTS = Map.of(
            "max", Math::max, "min", Math::min);

    private Builtins() {
    }

    /** The value of the constant {@code name}, or null if there is none by that name. */
    static Double constant(String name) {
        return CONSTANTS.get(name);
    }

    static boolean isFunction(String name) {
        return arity(name) != 0;
    }

    /** 1, 2 or 3, or {@link #ONE_OR_MORE}; 0 if there is no built-in function by that name. */
    static int arity(String name) {
        if (ONE_ARGUMENT.containsKey(name)) {
            return 1;
        } else if (TWO_ARGUMENTS.containsKey(name)) {
            return 2;
        } else if (THREE_ARGUMENTS.containsKey(name)) {
            return 3;
        } else if (ONE_OR_MORE_ARGUMENTS.containsKey(name)) {
            return ONE_OR_MORE;
        }
        return 0;
    }

    /** A call of the built-in function {@code name}, whose arity the caller has checked. */
    static Closure call(String name, Closure[] arguments) {
        return switch (arity(name)) {
            case 1 -> Closures.call(ONE_ARGUMENT.get(name), arguments[0]);
            case 2 -> Closures.call(TWO_ARGUMENTS.get(name), arguments[0], arguments[1]);
            case 3 -> Closures.call(THREE_ARGUMENTS.get(name),
                    arguments[0], arguments[1], arguments[2]);
            default -> Closures.fold(ONE_OR_MORE_ARGUMENTS.get(name), arguments);
        };
    }

    private static Map.Entry<String, DoubleUnaryOperator> one(String name, DoubleUnaryOperator f) {
        return Map.entry(name, f);
    }
}

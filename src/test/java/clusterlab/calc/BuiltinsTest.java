package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's table against java.lang.Math itself, which only the test looks at by reflection. */
class BuiltinsTest {
    private static final double[] INPUTS = {
        0.0, -0.0, 0.5, -0.75, 1.0, 2.5, -3.0, 1e-300, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
    };

    /**
     * Math's functions of doubles added after Java 17, the release clusterlab is built for: the
     * language is the same on every JDK, so a newer JDK's additions are not in it.
     */
    private static final Set<String> AFTER_JAVA_17 = Set.of("clamp");

    /** Every public static method of Java 17's Math that takes only doubles and returns a double. */
    static Stream<Method> mathFunctions() {
        return Arrays.stream(Math.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == double.class)
                .filter(m -> Arrays.stream(m.getParameterTypes()).allMatch(t -> t == double.class))
                .filter(m -> !m.getName().equals("random"))
                .filter(m -> !AFTER_JAVA_17.contains(m.getName()));
    }

    @Test
    void theTableHasAllTheMathFunctions() {
        assertEquals(35, mathFunctions().count(), "Java 17's Math has 35 besides random");
        mathFunctions().forEach(m -> {
            int expected = m.getName().equals("min") || m.getName().equals("max")
                    ? Builtins.ONE_OR_MORE : m.getParameterCount();
            assertEquals(expected, Builtins.arity(m.getName()), m.getName());
        });
        assertFalse(Builtins.isFunction("random"), "random would make results irreproducible");
        assertFalse(Builtins.isFunction("round"), "round returns a long");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mathFunctions")
    void eachGivesExactlyWhatMathGives(Method method)
            throws ReflectiveOperationException, ScriptException {
        String[] variables = {"a", "b", "c"};
        List<String> names = Arrays.asList(variables).subList(0, method.getParameterCount());
        String call = method.getName() + "(" + String.join(", ", names) + ")";
        String[] parameters = names.toArray(new String[0]);
        CompiledFunction plain = ExprEngine.compileFunction(call, parameters);
        CompiledFunction prefixed = ExprEngine.compileFunction("math." + call, parameters);
        for (double[] point : points(method.getParameterCount())) {
            double expected = invoke(method, point);
            assertEquals(expected, plain.apply(point), call + " at " + Arrays.toString(point));
            assertEquals(expected, prefixed.apply(point), call + " at " + Arrays.toString(point));
        }
    }

    @Test
    void constantsAreFoldedToTheSameValues() throws ScriptException {
        ExprEngine engine = new ExprEngine();
        assertEquals(Math.atan2(1, 2) + Math.cbrt(27), engine.eval("atan2(1, 2) + cbrt(27)"));
        assertEquals(Math.fma(0.1, 0.2, 0.3), engine.eval("fma(0.1, 0.2, 0.3)"));
        Closure sinOfOne = Builtins.call("sin", new Closure[] {new Closures.Constant(1)});
        assertEquals(Math.sin(1), sinOfOne.eval(new double[0]));
    }

    /** Every combination of the inputs, for one, two or three arguments. */
    private static List<double[]> points(int arity) {
        Stream<double[]> points = Stream.of(new double[0]);
        for (int i = 0; i < arity; i++) {
            points = points.flatMap(p -> Arrays.stream(INPUTS).mapToObj(x -> {
                double[] longer = Arrays.copyOf(p, p.length + 1);
                longer[p.length] = x;
                return longer;
            }));
        }
        return points.toList();
    }

    private static double invoke(Method method, double[] point)
            throws IllegalAccessException, InvocationTargetException {
        Object[] arguments = Arrays.stream(point).boxed().toArray();
        return (Double) method.invoke(null, arguments);
    }
}

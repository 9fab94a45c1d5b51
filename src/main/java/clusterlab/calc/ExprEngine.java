package clusterlab.calc;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;

/**
 * clusterlab's own javax.script engine, for the small language {@code clusterlab-expr}: formulas
 * over doubles, safe to evaluate when they arrive from the network. Find it with {@code new
 * ScriptEngineManager().getEngineByName("expr")} (see {@link ExprEngineFactory}).
 *
 * <p>The language. A source is statements separated by ';' or new lines (the grammar is in
 * {@link Parser}):
 * <ul>
 * <li>Numbers are doubles, written {@code 123}, {@code 1.5} or {@code 2e-3}; not {@code .5}.
 * <li>{@code + - * / % ^}, unary minus and the comparisons {@code < <= > >= == !=}, which are
 *     worth 1.0 or 0.0. Arithmetic is IEEE 754, as in Java: {@code 1/0} is Infinity, {@code 0/0}
 *     is NaN, and neither is an error. {@code %} is Java's remainder: {@code -7 % 3} is -1.
 * <li>{@code if(condition, then, otherwise)} evaluates only the branch it chooses; any condition
 *     but 0 counts as true, NaN included.
 * <li>Every java.lang.Math function from doubles to a double, by its Java name ({@code sin},
 *     {@code atan2}, {@code IEEEremainder}, {@code fma} ...), except random; {@code min} and
 *     {@code max} take any number of arguments. The constants are {@code pi} and {@code e}.
 *     {@code math.sqrt(2)} and {@code math.pi} mean the same as {@code sqrt(2)} and {@code pi},
 *     and the statement {@code import math} does nothing, so Python-style commands such as
 *     {@code import math; y = math.pow(3.0, 2)} run unchanged.
 * <li>{@code x = 2*y} assigns a variable; {@code f(x, y) = x^2 + y} defines a function, whose
 *     body sees only its parameters. A function can call built-in functions and user functions
 *     defined before it; it cannot call itself.
 * </ul>
 * A name that is neither known nor defined is an error before anything is evaluated, even in a
 * branch that {@code if} would not take.
 *
 * <p>Evaluation. {@code eval} returns the value of the last statement as a Double, or null if it
 * is a definition or an import. Variables are read from the context's engine scope, else its
 * global scope; any Number will do. Variables the source assigns are stored in the engine scope
 * as Doubles, and functions it defines under their name with "()" (see {@link UserFunction}),
 * where later sources evaluated with the same bindings find them. Calls are resolved when a
 * source is compiled: {@code eval} finds user functions in the context it is given, {@code
 * compile} in the engine's own. Fresh engine bindings hold {@code y = 0.0}, as the calculators
 * of article A expect.
 *
 * <p>Safety. The language has no strings, no objects, no loops and no recursion, and it names
 * nothing of Java but the Math functions in a fixed table: {@code java.lang.System.exit(0)} is an
 * error like any other. Every evaluation ends, after a bounded number of steps. A source longer
 * than {@code maxLength} characters is refused before it is read, and expressions may nest at
 * most {@code maxDepth} levels, so that no input can exhaust the stack.
 *
 * <p>Speed. Sources are compiled to a tree of closures over an array of variable slots; a
 * {@link #compile compiled script} is parsed once and evaluated cheaply each time, and {@link
 * #compileFunction} gives a function of an array of doubles, with no bindings at all.
 */
public final class ExprEngine extends AbstractScriptEngine implements Compilable {
    public static final int DEFAULT_MAX_LENGTH = 1_000_000; // characters of source
    public static final int DEFAULT_MAX_DEPTH = 200;

    /**
     * The highest nesting limit allowed. The parser uses up to a kilobyte of stack per level, so
     * at this depth it needs about half of the 1 MB stack a thread has by default.
     */
    public static final int MAX_SUPPORTED_DEPTH = 500;

    private final ExprEngineFactory factory;
    private final int maxLength;
    private final int maxDepth;

    /** An engine with the default limits. */
    public ExprEngine() {
        this(new ExprEngineFactory(), DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);
    }

    /**
     * @param maxLength the longest source accepted, in characters
     * @param maxDepth  how many levels expressions may nest, 1 to {@link #MAX_SUPPORTED_DEPTH}
     */
    public ExprEngine(int maxLength, int maxDepth) {
        this(new ExprEngineFactory(), maxLength, maxDepth);
    }

    ExprEngine(ExprEngineFactory factory, int maxLength, int maxDepth) {
        if (maxLength < 0 || maxDepth < 1 || maxDepth > MAX_SUPPORTED_DEPTH) {
            throw new IllegalArgumentException("need maxLength >= 0 and 1 <= maxDepth <= "
                    + MAX_SUPPORTED_DEPTH + ", got " + maxLength + " and " + maxDepth);
        }
        this.factory = factory;
        this.maxLength = maxLength;
        this.maxDepth = maxDepth;
        context.setBindings(createBindings(), ScriptContext.ENGINE_SCOPE);
    }

    /**
     * Compiles {@code source} as a function of {@code variables}, with the default limits. The
     * source may define functions and assign variables; the function's value is the value of its
     * last statement, which must be an expression or an assignment. It sees no bindings: a name
     * that is not one of the variables, a variable it assigns, a constant, a built-in function or
     * a function it defines is an error.
     *
     * @throws ExprException if the source is not valid
     * @throws IllegalArgumentException if a variable is not a name, is a constant, or is repeated
     */
    public static CompiledFunction compileFunction(String source, String... variables)
            throws ExprException {
        List<Statement> statements = Parser.parse(source, DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);
        Program program = ExprCompiler.compileFunction(source, statements, DEFAULT_MAX_DEPTH,
                List.of(variables));
        return new CompiledFunction(program, variables.length);
    }

    @Override
    public Object eval(String script, ScriptContext context) throws ExprException {
        return compile(script, context).eval(context);
    }

    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        return eval(read(reader), context);
    }

    @Override
    public CompiledScript compile(String script) throws ExprException {
        return compile(script, context);
    }

    @Override
    public CompiledScript compile(Reader script) throws ScriptException {
        return compile(read(script), context);
    }

    /** New, separate bindings that hold {@code y = 0.0}, like those a new engine starts with. */
    @Override
    public Bindings createBindings() {
        Bindings bindings = new SimpleBindings();
        bindings.put("y", 0.0);
        return bindings;
    }

    @Override
    public ScriptEngineFactory getFactory() {
        return factory;
    }

    /** @param functions where to find user functions that the script calls but does not define */
    private ExprCompiledScript compile(String script, ScriptContext functions)
            throws ExprException {
        List<Statement> statements = Parser.parse(script, maxLength, maxDepth);
        Program program = ExprCompiler.compileScript(script, statements, maxDepth, name -> {
            Object function = functions.getAttribute(UserFunction.bindingKey(name));
            return function instanceof UserFunction f ? f : null;
        });
        return new ExprCompiledScript(this, program);
    }

    /** Reads the whole source, but refuses it as soon as it is over the length limit. */
    private String read(Reader reader) throws ScriptException {
        StringBuilder source = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
                source.append(buffer, 0, n);
                if (source.length() > maxLength) {
                    throw ExprException.tooLong("more than " + maxLength + " characters",
                            maxLength);
                }
            }
        } catch (IOException e) {
            throw new ScriptException(e);
        }
        return source.toString();
    }
}

package clusterlab.calc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns parsed statements into a {@link Program}: a tree of {@link Closure}s in which every name
 * is already resolved, so that evaluating it never looks a name up.
 *
 * <p>Variables become slots of the frame, numbered in the order they first appear. In a script,
 * a variable read before the script assigns it is an input, read from the bindings at each
 * evaluation. In a function (see {@link ExprEngine#compileFunction}), the frame starts with the
 * function's variables, and any other name read before it is assigned is an error.
 *
 * <p>Calls are resolved here, once: to a built-in function, else to a function defined earlier in
 * the source, else, in a script, to a user function the bindings held when it was compiled. So a
 * function can call only functions that existed before it: there is no recursion, and as there
 * are no loops either, every evaluation ends. To make sure it also ends soon and needs little
 * stack, each compiled expression carries two measures that count the bodies of the functions
 * it calls: its height, how deep its evaluation recurses, which must stay within the nesting
 * limit; and its steps, how many closures at most one evaluation runs, which must stay within
 * {@link #MAX_STEPS}. Without the second, forty functions that each call the one before twice
 * would take 2^40 steps.
 *
 * <p>An operation whose operands are all constants is computed now and becomes a constant, and
 * an {@code if} whose condition is constant becomes the branch it chooses. Calls of user
 * functions are not computed now, so compiling takes time in proportion to the source.
 */
final class ExprCompiler {
    /** Chains up to this long are nested binary operations; longer ones loop (see chain). */
    private static final int NESTED_CHAIN_LINKS = 4;

    /** The most closures one evaluation of a source may run: at most a few tens of milliseconds. */
    static final long MAX_STEPS = 10_000_000;

    private static final String MATH_PREFIX = "math.";
    private static final double[] NO_FRAME = {};

    /** Where the variables of the code being compiled live. */
    @FunctionalInterface
    private interface Scope {
        int slot(Expr.Variable variable) throws ExprException;
    }

    private record Compiled(Closure closure, int height, long steps) {
        boolean isConstant() {
            return closure instanceof Closures.Constant;
        }
    }

    private final String source;
    private final int maxDepth;
    private final Function<String, UserFunction> functionsOutside;
    private final boolean hasInputs;
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<Program.Input> inputs = new ArrayList<>();
    private final Map<String, Integer> outputs = new HashMap<>();
    private final Map<String, UserFunction> definitions = new LinkedHashMap<>();

    private ExprCompiler(String source, int maxDepth,
            Function<String, UserFunction> functionsOutside, boolean hasInputs) {
        this.source = source;
        this.maxDepth = maxDepth;
        this.functionsOutside = functionsOutside;
        this.hasInputs = hasInputs;
    }

    /**
     * @param functionsOutside the user function of a name, or null if there is none, for calls
     *                         that neither a built-in nor the source itself defines
     */
    static Program compileScript(String source, List<Statement> statements, int maxDepth,
            Function<String, UserFunction> functionsOutside) throws ExprException {
        return new ExprCompiler(source, maxDepth, functionsOutside, true).compile(statements);
    }

    /**
     * @param variables the function's variables, which take slots 0, 1, ... in this order
     * @throws IllegalArgumentException if a variable is not a name, is a constant or is repeated
     */
    static Program compileFunction(String source, List<Statement> statements, int maxDepth,
            List<String> variables) throws ExprException {
        ExprCompiler compiler = new ExprCompiler(source, maxDepth, name -> null, false);
        for (String variable : variables) {
            if (!Lexer.isName(variable) || Builtins.constant(variable) != null
                    || compiler.slots.containsKey(variable)) {
                throw new IllegalArgumentException("'" + variable + "' cannot be a variable: it is"
                        + " not a name, is a constant, or is given twice");
            }
            compiler.newSlot(variable);
        }
        Program program = compiler.compile(statements);
        if (!program.hasValue()) {
            int at = statements.isEmpty()
                    ? source.length()
                    : statements.get(statements.size() - 1).position();
            throw ExprException.at(source, at,
                    "a function needs a value: end the source with an expression");
        }
        return program;
    }

    private Program compile(List<Statement> statements) throws ExprException {
        List<Closure> closures = new ArrayList<>();
        long steps = 0;
        boolean hasValue = false;
        for (Statement statement : statements) {
            Compiled compiled = statement(statement);
            hasValue = compiled != null;
            if (compiled != null) {
                steps += compiled.steps();
                checkSteps(steps, statement.position());
                closures.add(compiled.closure());
            }
        }
        return new Program(source, Closures.sequence(closures), hasValue, slots.size(),
                List.copyOf(inputs), Map.copyOf(outputs), List.copyOf(definitions.values()));
    }

    /** The statement's closure, or null for a statement with no value, which acts right here. */
    private Compiled statement(Statement statement) throws ExprException {
        if (statement instanceof Statement.Evaluate e) {
            return expression(e.expression(), this::slotToRead);
        } else if (statement instanceof Statement.Assign a) {
            return assign(a);
        } else if (statement instanceof Statement.Define d) {
            define(d);
        }
        return null;
    }

    /** Statements are not counted in the height: they add a frame or two, never more. */
    private Compiled assign(Statement.Assign assign) throws ExprException {
        if (Builtins.constant(assign.name()) != null) {
            throw error(assign.position(), "cannot assign to the constant '" + assign.name() + "'");
        }
        Compiled value = expression(assign.value(), this::slotToRead);
        Integer slot = slots.get(assign.name());
        if (slot == null) {
            slot = newSlot(assign.name());
        }
        outputs.put(assign.name(), slot);
        Closure closure = Closures.assign(slot, value.closure());
        return new Compiled(closure, value.height(), value.steps() + 1);
    }

    private void define(Statement.Define define) throws ExprException {
        if (Builtins.isFunction(define.name())) {
            throw error(define.position(),
                    "cannot redefine the built-in function '" + define.name() + "'");
        }
        List<String> parameters = new ArrayList<>();
        for (Expr.Variable parameter : define.parameters()) {
            if (Builtins.constant(parameter.name()) != null) {
                throw error(parameter.position(),
                        "'" + parameter.name() + "' is a constant, not a parameter name");
            }
            if (parameters.contains(parameter.name())) {
                throw error(parameter.position(),
                        "parameter '" + parameter.name() + "' appears twice");
            }
            parameters.add(parameter.name());
        }
        Compiled body = expression(define.body(), variable -> {
            int slot = parameters.indexOf(variable.name());
            if (slot < 0) {
                throw error(variable.position(), "unknown variable '" + variable.name()
                        + "': a function's body sees only its parameters");
            }
            return slot;
        });
        definitions.put(define.name(), new UserFunction(define.name(), parameters, define.text(),
                body.closure(), body.height(), body.steps()));
    }

    private Compiled expression(Expr expr, Scope scope) throws ExprException {
        if (expr instanceof Expr.Literal literal) {
            return constant(literal.value());
        } else if (expr instanceof Expr.Variable variable) {
            return variable(variable, scope);
        } else if (expr instanceof Expr.Negate negate) {
            Compiled operand = expression(negate.operand(), scope);
            return combine(Closures.negate(operand.closure()), negate.position(), operand);
        } else if (expr instanceof Expr.Chain chain) {
            return chain(chain, scope);
        } else if (expr instanceof Expr.Binary binary) {
            return binary(binary, scope);
        } else if (expr instanceof Expr.If ifExpr) {
            return ifElse(ifExpr, scope);
        }
        return call((Expr.Call) expr, scope); // the only kind left
    }

    private Compiled variable(Expr.Variable variable, Scope scope) throws ExprException {
        String name = variable.name();
        Double constant = Builtins.constant(withoutMathPrefix(name));
        if (constant != null) {
            return constant(constant);
        }
        if (name.startsWith(MATH_PREFIX)) {
            throw error(variable.position(), "unknown constant '" + name + "'");
        }
        return new Compiled(Closures.variable(scope.slot(variable)), 1, 1);
    }

    /**
     * A short chain such as {@code x^2 + y - 11} becomes nested binary operations, the fastest
     * form; a long one (a sum of thousands of terms) a loop, which needs no stack per term.
     */
    private Compiled chain(Expr.Chain chain, Scope scope) throws ExprException {
        int links = chain.rest().size();
        Compiled[] operands = new Compiled[links + 1];
        Token.Kind[] ops = new Token.Kind[links];
        Closure[] rest = new Closure[links];
        operands[0] = expression(chain.first(), scope);
        for (int i = 0; i < links; i++) {
            Expr.Chain.Link link = chain.rest().get(i);
            operands[i + 1] = expression(link.operand(), scope);
            ops[i] = link.op();
            rest[i] = operands[i + 1].closure();
        }
        Closure first = operands[0].closure();
        Closure closure = first;
        if (links <= NESTED_CHAIN_LINKS) {
            for (int i = 0; i < links; i++) {
                closure = Closures.binary(ops[i], closure, rest[i]);
            }
        } else {
            closure = Closures.chain(first, ops, rest);
        }
        return combine(closure, chain.position(), operands);
    }

    private Compiled binary(Expr.Binary binary, Scope scope) throws ExprException {
        Compiled left = expression(binary.left(), scope);
        Compiled right = expression(binary.right(), scope);
        boolean square = binary.op() == Token.Kind.CARET
                && right.closure() instanceof Closures.Constant exponent && exponent.value() == 2.0;
        Closure closure = square
                ? Closures.square(left.closure())
                : Closures.binary(binary.op(), left.closure(), right.closure());
        return combine(closure, binary.position(), left, right);
    }

    private Compiled ifElse(Expr.If ifExpr, Scope scope) throws ExprException {
        Compiled condition = expression(ifExpr.condition(), scope);
        Compiled then = expression(ifExpr.then(), scope);
        Compiled otherwise = expression(ifExpr.otherwise(), scope);
        if (condition.isConstant()) {
            return condition.closure().eval(NO_FRAME) != 0.0 ? then : otherwise;
        }
        int height = 1 + Math.max(condition.height(), Math.max(then.height(), otherwise.height()));
        long steps = 1 + condition.steps() + Math.max(then.steps(), otherwise.steps());
        Closure closure = Closures.ifElse(condition.closure(), then.closure(), otherwise.closure());
        return measured(closure, height, steps, ifExpr.position());
    }

    private Compiled call(Expr.Call call, Scope scope) throws ExprException {
        int count = call.arguments().size();
        Compiled[] arguments = new Compiled[count];
        Closure[] closures = new Closure[count];
        for (int i = 0; i < count; i++) {
            arguments[i] = expression(call.arguments().get(i), scope);
            closures[i] = arguments[i].closure();
        }
        String name = call.name();
        String builtin = withoutMathPrefix(name);
        int arity = Builtins.arity(builtin);
        if (arity != 0) {
            if (arity == Builtins.ONE_OR_MORE ? count == 0 : count != arity) {
                throw wrongArity(call,
                        arity == Builtins.ONE_OR_MORE ? "at least 1 argument" : arguments(arity));
            }
            return combine(Builtins.call(builtin, closures), call.position(), arguments);
        }
        UserFunction function = name.startsWith(MATH_PREFIX) ? null : userFunction(name);
        if (function == null) {
            throw error(call.position(),
                    "unknown function '" + name + "' with " + arguments(count));
        }
        if (function.parameters().size() != count) {
            throw wrongArity(call, arguments(function.parameters().size()));
        }
        int height = function.height();
        long steps = 1 + function.steps();
        for (Compiled argument : arguments) {
            height = Math.max(height, argument.height());
            steps += argument.steps();
        }
        return measured(Closures.call(function, closures), height + 1, steps, call.position());
    }

    /** math.sqrt is sqrt: math holds the built-in functions and constants, and nothing else. */
    private static String withoutMathPrefix(String name) {
        return name.startsWith(MATH_PREFIX) ? name.substring(MATH_PREFIX.length()) : name;
    }

    private UserFunction userFunction(String name) {
        UserFunction defined = definitions.get(name);
        return defined != null ? defined : functionsOutside.apply(name);
    }

    /**
     * A closure over compiled operands: one level above the tallest, one step more than all of
     * them together. If they are all constants, it is evaluated now and becomes a constant.
     */
    private Compiled combine(Closure closure, int position, Compiled... operands)
            throws ExprException {
        int height = 0;
        long steps = 1;
        boolean allConstant = true;
        for (Compiled operand : operands) {
            height = Math.max(height, operand.height());
            steps += operand.steps();
            allConstant &= operand.isConstant();
        }
        Compiled compiled = measured(closure, height + 1, steps, position);
        return allConstant ? constant(closure.eval(NO_FRAME)) : compiled;
    }

    private Compiled measured(Closure closure, int height, long steps, int position)
            throws ExprException {
        // The parser has already kept the source's own nesting within the limit, so only the
        // bodies of called functions can take the height over it.
        if (height > maxDepth) {
            throw error(position, "expression nested deeper than " + maxDepth
                    + " levels, counting the bodies of the functions it calls");
        }
        checkSteps(steps, position);
        return new Compiled(closure, height, steps);
    }

    private void checkSteps(long steps, int position) throws ExprException {
        if (steps > MAX_STEPS) {
            throw error(position, "an evaluation would take more than " + MAX_STEPS
                    + " steps, counting the bodies of the functions it calls");
        }
    }

    private static Compiled constant(double value) {
        return new Compiled(new Closures.Constant(value), 1, 1);
    }

    private int slotToRead(Expr.Variable variable) throws ExprException {
        Integer slot = slots.get(variable.name());
        if (slot != null) {
            return slot;
        }
        if (!hasInputs) {
            throw error(variable.position(), "unknown variable '" + variable.name() + "'");
        }
        int input = newSlot(variable.name());
        inputs.add(new Program.Input(variable.name(), input, variable.position()));
        return input;
    }

    private int newSlot(String name) {
        int slot = slots.size();
        slots.put(name, slot);
        return slot;
    }

    /** @param expected how many arguments the function takes, in words: "2 arguments" */
    private ExprException wrongArity(Expr.Call call, String expected) {
        return error(call.position(), "function '" + call.name() + "' takes " + expected + ", not "
                + call.arguments().size());
    }

    private ExprException error(int position, String problem) {
        return ExprException.at(source, position, problem);
    }

    private static String arguments(int count) {
        return count == 1 ? "1 argument" : count + " arguments";
    }
}

package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;

class ExprEngineTest {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("expr");

    // ---- article A -------------------------------------------------------------------

    @Test
    void yStartsAtZero() throws ScriptException {
        assertEquals(0.0, engine.get("y"));
        assertEquals(0.0, engine.eval("y"));
        engine.eval("y = y + 1");
        assertEquals(2.0, engine.eval("y = y + 1"));
    }

    @Test
    void runsTheArticlesCommands() throws ScriptException {
        assertEquals(500.0, engine.eval("y = 5*100"));
        assertEquals(500.0, engine.get("y"));
        assertEquals(9.0, engine.eval("import math; y = math.pow(3.0, 2)"));
        assertEquals(9.0, engine.get("y"));
    }

    // ---- eval ------------------------------------------------------------------------

    @Test
    void evalReturnsTheLastStatementsValueAsADouble() throws ScriptException {
        Object value = engine.eval("a = 2; b = a * 10\nb + 1");
        assertInstanceOf(Double.class, value);
        assertEquals(21.0, value);
    }

    @Test
    void emptyStatementsAndCommentsAreIgnored() throws ScriptException {
        assertEquals(3.0, engine.eval(";; x = 3;\n\n# a comment\n;"));
        assertEquals(4.0, engine.eval("x + 1 # the rest of the line is a comment"));
    }

    @Test
    void aDefinitionOrImportLastGivesNull() throws ScriptException {
        assertNull(engine.eval("x = 1; import math"));
        assertEquals(1.0, engine.get("x"));
        assertNull(engine.eval("f(t) = t"));
        assertNull(engine.eval(""));
    }

    @Test
    void evalReadsAReader() throws ScriptException {
        assertEquals(7.0, engine.eval(new StringReader("r = 3\nr + 4")));
        assertEquals(3.0, engine.get("r"));
    }

    // ---- bindings and scopes -----------------------------------------------------------

    @Test
    void assignedVariablesAreStoredInTheEngineScopeAsDoubles() throws ScriptException {
        engine.eval("a = 3; b = a * 2");
        Bindings bindings = engine.getBindings(ScriptContext.ENGINE_SCOPE);
        assertEquals(3.0, bindings.get("a"));
        assertEquals(6.0, bindings.get("b"));
        assertInstanceOf(Double.class, bindings.get("b"));
    }

    @Test
    void variablesPutByTheCallerMayBeAnyNumber() throws ScriptException {
        engine.put("i", 2);
        engine.put("l", 3L);
        engine.put("f", 0.5f);
        engine.put("d", new BigDecimal("0.25"));
        assertEquals(5.75, engine.eval("i + l + f + d"));
    }

    @Test
    void theEngineScopeHidesTheGlobalScope() throws ScriptException {
        engine.getBindings(ScriptContext.GLOBAL_SCOPE).put("x", 1.0);
        engine.getBindings(ScriptContext.GLOBAL_SCOPE).put("g", 5.0);
        engine.put("x", 2.0);
        assertEquals(2.0, engine.eval("x"));
        assertEquals(5.0, engine.eval("g"));
    }

    @Test
    void assignmentsGoToTheEngineScopeEvenForAGlobalVariable() throws ScriptException {
        Bindings global = engine.getBindings(ScriptContext.GLOBAL_SCOPE);
        global.put("g", 5);
        assertEquals(6.0, engine.eval("g = g + 1"));
        assertEquals(6.0, engine.get("g"));
        assertEquals(5, global.get("g"));
    }

    @Test
    void evalWithOtherBindingsLeavesTheEnginesAlone() throws ScriptException {
        Bindings other = engine.createBindings();
        assertEquals(0.0, other.get("y"), "new bindings start with y = 0.0 too");
        other.put("x", 4);
        assertEquals(40.0, engine.eval("y = x * 10", other));
        assertEquals(40.0, other.get("y"));
        assertEquals(0.0, engine.get("y"));
        assertFalse(engine.getBindings(ScriptContext.ENGINE_SCOPE).containsKey("x"));
    }

    @Test
    void evalWithAContextUsesItsScopes() throws ScriptException {
        ScriptContext context = new SimpleScriptContext();
        Bindings global = new SimpleBindings();
        global.put("k", 3);
        context.setBindings(global, ScriptContext.GLOBAL_SCOPE);
        assertEquals(9.0, engine.eval("z = k * k", context));
        assertEquals(9.0, context.getAttribute("z", ScriptContext.ENGINE_SCOPE));
        assertNull(engine.get("z"));
    }

    // ---- user functions ---------------------------------------------------------------

    @Test
    void functionsCanCallFunctionsDefinedBeforeThem() throws ScriptException {
        assertEquals(20.0, engine.eval("f(x, y) = x^2 + y\ng(x) = f(x, 1) * 2\ng(3)"));
    }

    @Test
    void functionsAreKeptInTheEngineScopeForLaterEvals() throws ScriptException {
        engine.eval("f(x, y) = x^2 + y");
        Object kept = engine.get("f()");
        UserFunction f = assertInstanceOf(UserFunction.class, kept);
        assertEquals("f", f.name());
        assertEquals(List.of("x", "y"), f.parameters());
        assertEquals("f(x, y) = x^2 + y", f.toString());
        assertEquals(11.0, engine.eval("f(3, 2)"));
        assertEquals(13.0, engine.eval("g(t) = f(t, t) + 1; g(f(1, 2))"));
    }

    @Test
    void aFunctionAndAVariableMayShareAName() throws ScriptException {
        engine.eval("f(x) = 2 * x; f = 10");
        assertEquals(10.0, engine.get("f"));
        assertEquals(20.0, engine.eval("f(f)"));
    }

    @Test
    void aFunctionKeepsTheFunctionsItCalledWhenItWasDefined() throws ScriptException {
        engine.eval("f(x) = x; g(x) = f(x) + 100");
        engine.eval("f(x) = 2 * x");
        assertEquals(2.0, engine.eval("f(1)"));
        assertEquals(101.0, engine.eval("g(1)"));
    }

    @Test
    void functionsInOtherBindingsAreNotSeen() throws ScriptException {
        engine.eval("f(x) = x");
        ScriptException e = assertThrows(ScriptException.class,
                () -> engine.eval("f(1)", engine.createBindings()));
        assertTrue(e.getMessage().startsWith("line 1, column 1: unknown function 'f' with 1 argument"));
    }

    // ---- compiled scripts --------------------------------------------------------------

    @Test
    void aCompiledScriptRunsWithDifferentBindings() throws ScriptException {
        CompiledScript script = ((Compilable) engine).compile("r = x*x + k");
        Bindings first = new SimpleBindings();
        first.put("x", 2);
        first.put("k", 1);
        Bindings second = new SimpleBindings();
        second.put("x", 3.0);
        second.put("k", 0.0);
        assertEquals(5.0, script.eval(first));
        assertEquals(9.0, script.eval(second));
        assertEquals(5.0, first.get("r"));
        assertEquals(9.0, second.get("r"));
        assertSame(engine, script.getEngine());
    }

    @Test
    void aCompiledScriptIsCompiledOnce() throws ScriptException {
        CompiledScript script = ((Compilable) engine).compile("f(x) = 3 * x");
        Bindings first = new SimpleBindings();
        Bindings second = new SimpleBindings();
        script.eval(first);
        script.eval(second);
        assertInstanceOf(UserFunction.class, first.get("f()"));
        assertSame(first.get("f()"), second.get("f()"));
    }

    @Test
    void aCompiledScriptReadsTheEnginesBindingsByDefault() throws ScriptException {
        CompiledScript script = ((Compilable) engine).compile(new StringReader("y = y + 2"));
        script.eval();
        assertEquals(4.0, script.eval());
        assertEquals(4.0, engine.get("y"));
    }

    @Test
    void aCompiledScriptCallsTheFunctionsKnownWhenCompiled() throws ScriptException {
        engine.eval("h(x) = x + 1");
        CompiledScript script = ((Compilable) engine).compile("h(41)");
        assertEquals(42.0, script.eval(new SimpleBindings()));
    }

    @Test
    void aCompiledScriptChecksItsVariablesAtEachEval() throws ScriptException {
        CompiledScript script = ((Compilable) engine).compile("a = 1\nb = a + missing");
        Bindings bindings = new SimpleBindings();
        ScriptException e = assertThrows(ScriptException.class, () -> script.eval(bindings));
        assertEquals("line 2, column 9: unknown variable 'missing'\n  b = a + missing\n          ^",
                e.getMessage());
        assertFalse(bindings.containsKey("a"), "nothing is evaluated when a variable is missing");
        bindings.put("missing", 2);
        assertEquals(3.0, script.eval(bindings));
    }
}

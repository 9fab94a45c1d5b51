package clusterlab.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

class ExprEngineFactoryTest {
    private final ScriptEngineManager manager = new ScriptEngineManager();

    @Test
    void theManagerFindsTheEngineByEachNameExtensionAndMimeType() {
        assertInstanceOf(ExprEngine.class, manager.getEngineByName("expr"));
        assertInstanceOf(ExprEngine.class, manager.getEngineByName("clusterlab"));
        assertInstanceOf(ExprEngine.class, manager.getEngineByExtension("expr"));
        assertInstanceOf(ExprEngine.class, manager.getEngineByMimeType("text/x-clusterlab-expr"));
    }

    @Test
    void theManagerListsTheFactory() {
        assertTrue(manager.getEngineFactories().stream().anyMatch(f -> f instanceof ExprEngineFactory));
    }

    @Test
    void describesItself() {
        ScriptEngineFactory factory = new ExprEngineFactory();
        assertEquals("clusterlab expression engine", factory.getEngineName());
        assertEquals("1.0", factory.getEngineVersion());
        assertEquals("clusterlab-expr", factory.getLanguageName());
        assertEquals("1.0", factory.getLanguageVersion());
        assertEquals(List.of("expr", "clusterlab"), factory.getNames());
        assertEquals(List.of("expr"), factory.getExtensions());
        assertEquals(List.of("text/x-clusterlab-expr"), factory.getMimeTypes());
    }

    @Test
    void answersTheStandardParameters() {
        ScriptEngineFactory factory = new ExprEngineFactory();
        assertEquals("clusterlab expression engine", factory.getParameter(ScriptEngine.ENGINE));
        assertEquals("1.0", factory.getParameter(ScriptEngine.ENGINE_VERSION));
        assertEquals("expr", factory.getParameter(ScriptEngine.NAME));
        assertEquals("clusterlab-expr", factory.getParameter(ScriptEngine.LANGUAGE));
        assertEquals("1.0", factory.getParameter(ScriptEngine.LANGUAGE_VERSION));
        assertNull(factory.getParameter("THREADING"), "evaluations share bindings: not thread-safe");
        assertNull(factory.getParameter("no such key"));
    }

    @Test
    void engineAndFactoryKnowEachOther() {
        ScriptEngineFactory factory = new ExprEngineFactory();
        ScriptEngine engine = factory.getScriptEngine();
        assertSame(factory, engine.getFactory());
        assertInstanceOf(ExprEngineFactory.class, manager.getEngineByName("expr").getFactory());
    }

    @Test
    void theSyntaxItGivesRunsOnTheEngine() throws ScriptException {
        ScriptEngineFactory factory = new ExprEngineFactory();
        ScriptEngine engine = factory.getScriptEngine();
        String call = factory.getMethodCallSyntax("math", "pow", "3", "2");
        assertEquals("math.pow(3, 2)", call);
        assertEquals(9.0, engine.eval(call));
        assertEquals(3.0, engine.eval(factory.getOutputStatement("1 + 2")));
        assertEquals(6.0, engine.eval(factory.getProgram("x = 2", "x * 3")));
    }

    @Test
    void enginesFromOneManagerShareItsGlobalScope() throws ScriptException {
        manager.put("g", 4);
        assertEquals(8.0, manager.getEngineByName("expr").eval("g * 2"));
        assertEquals(12.0, manager.getEngineByName("clusterlab").eval("g * 3"));
    }
}

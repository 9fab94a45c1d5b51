package clusterlab.calc;

import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/**
 * Describes the {@link ExprEngine} to javax.script and makes instances of it. The file
 * META-INF/services/javax.script.ScriptEngineFactory names this class, so that {@code new
 * ScriptEngineManager()} finds the engine by the names "expr" and "clusterlab", the extension
 * "expr" and the MIME type "text/x-clusterlab-expr".
 */
public final class ExprEngineFactory implements ScriptEngineFactory {
    private static final String ENGINE_NAME = "clusterlab expression engine";
    private static final String ENGINE_VERSION = "1.0";
    private static final String LANGUAGE_NAME = "clusterlab-expr";
    private static final String LANGUAGE_VERSION = "1.0";
    private static final List<String> NAMES = List.of("expr", "clusterlab");
    private static final List<String> EXTENSIONS = List.of("expr");
    private static final List<String> MIME_TYPES = List.of("text/x-clusterlab-expr");

    /** Public and without arguments, as java.util.ServiceLoader requires. */
    public ExprEngineFactory() {
    }

    @Override
    public String getEngineName() {
        return ENGINE_NAME;
    }

    @Override
    public String getEngineVersion() {
        return ENGINE_VERSION;
    }

    @Override
    public List<String> getExtensions() {
        return EXTENSIONS;
    }

    @Override
    public List<String> getMimeTypes() {
        return MIME_TYPES;
    }

    @Override
    public List<String> getNames() {
        return NAMES;
    }

    @Override
    public String getLanguageName() {
        return LANGUAGE_NAME;
    }

    @Override
    public String getLanguageVersion() {
        return LANGUAGE_VERSION;
    }

    /**
     * The standard keys, ScriptEngine.ENGINE to ScriptEngine.LANGUAGE_VERSION. Any other key,
     * "THREADING" among them, gives null; for "THREADING" that means the engine may not be used
     * by several threads at once, because evaluations write to the shared bindings.
     */
    @Override
    public Object getParameter(String key) {
        return switch (key) {
            case ScriptEngine.ENGINE -> ENGINE_NAME;
            case ScriptEngine.ENGINE_VERSION -> ENGINE_VERSION;
            case ScriptEngine.NAME -> NAMES.get(0);
            case ScriptEngine.LANGUAGE -> LANGUAGE_NAME;
            case ScriptEngine.LANGUAGE_VERSION -> LANGUAGE_VERSION;
            default -> null;
        };
    }

    /** {@code obj.m(a, b)}; the only object the language knows is math, as in math.pow(3, 2). */
    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
        return obj + "." + m + "(" + String.join(", ", args) + ")";
    }

    /**
     * The language has no print statement and no strings: the value of the last statement is what
     * eval returns. So the statement that shows an expression's value is the expression itself.
     */
    @Override
    public String getOutputStatement(String toDisplay) {
        return toDisplay;
    }

    /** The statements, one per line. */
    @Override
    public String getProgram(String... statements) {
        return String.join("\n", statements);
    }

    @Override
    public ScriptEngine getScriptEngine() {
        return new ExprEngine(this, ExprEngine.DEFAULT_MAX_LENGTH, ExprEngine.DEFAULT_MAX_DEPTH);
    }
}

package clusterlab.calc;

import clusterlab.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

/**
 * Finds javax.script engines by name. The JDK looks in every jar on the classpath for a
 * META-INF/services/javax.script.ScriptEngineFactory file; clusterlab's jar names its own "expr"
 * engine there, and any other engine's jar dropped beside it is found the same way.
 */
public final class Engines {
    /** clusterlab's own engine: safe for commands that come from the network. */
    public static final String DEFAULT = "expr";

    private Engines() {
    }

    public static ScriptEngine byName(String name) throws EvaluationException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName(name);
        if (engine == null) {
            throw new EvaluationException("no script engine named '" + name + "'; installed: " + String.join(", ", names()));
        }
        return engine;
    }

    /** Checks a --engine option: an unknown name is a usage error (exit status 2). */
    static void requireInstalled(String name, String command) throws UsageException {
        try {
            byName(name);
        } catch (EvaluationException e) {
            throw new UsageException("clusterlab " + command + ": " + e.getMessage());
        }
    }

    /** One line per installed engine: its names, language and version. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ScriptEngineFactory f : new ScriptEngineManager().getEngineFactories()) {
            lines.add(String.join(", ", f.getNames()) + ": " + f.getLanguageName() + " " + f.getLanguageVersion()
                    + " (" + f.getEngineName() + " " + f.getEngineVersion() + ")");
        }
        return lines;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ScriptEngineFactory f : new ScriptEngineManager().getEngineFactories()) {
            names.add(f.getNames().get(0));
        }
        return names;
    }
}

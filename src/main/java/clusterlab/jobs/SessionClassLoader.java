package clusterlab.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes one job server shipped to one executor session. Exactly the shipped names are
 * defined here, child-first, from their bytecode; every other name comes from the parent (the
 * clusterlab classes and the JDK), so {@link Task} is the same interface on both sides. One loader
 * per session: two job servers may ship different classes of the same name to one node.
 */
final class SessionClassLoader extends ClassLoader {
    /** Shipped classes a session may hold, and their total bytes: enough for any real program. */
    static final int MAX_CLASSES = 10_000;
    static final long MAX_BYTES = 64L << 20;

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> bytecode = new ConcurrentHashMap<>();
    private long bytes;

    SessionClassLoader(ClassLoader parent) {
        super("clusterlab-session", parent);
    }

    /**
     * A new loader with the same bytecode, none of it defined yet. A class that failed to link
     * (a dependency not shipped) stays failed in its loader for good, as the JVM remembers a failed
     * resolution; once the missing class arrives, a fresh loader gives the task a second chance.
     */
    synchronized SessionClassLoader fresh() {
        SessionClassLoader fresh = new SessionClassLoader(getParent());
        fresh.bytecode.putAll(bytecode);
        fresh.bytes = bytes;
        return fresh;
    }

    /** Takes a shipped class's bytecode; it is defined when first used. */
    synchronized void add(String name, byte[] code, String from) throws ProtocolException {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            throw new ProtocolException("bad message from " + from + ": JDK class " + name + " may not be shipped");
        }
        if (bytecode.containsKey(name)) {
            throw new ProtocolException("bad message from " + from + ": class " + name + " shipped twice in one session");
        }
        if (bytecode.size() >= MAX_CLASSES || bytes + code.length > MAX_BYTES) {
            throw new ProtocolException(from + " shipped more than " + MAX_CLASSES + " classes or " + (MAX_BYTES >> 20)
                    + " MiB of bytecode in one session");
        }
        bytes += code.length;
        bytecode.put(name, code);
    }

    /** True for a class shipped in this session. */
    boolean shipped(String name) {
        return bytecode.containsKey(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] code = bytecode.get(name);
        if (code == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineClass(name, code, 0, code.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}

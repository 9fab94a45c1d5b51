package clusterlab.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes travel with a job, and their bytecode: the task class, the classes named in
 * depends(...), and every member of their nests (nested, inner and anonymous classes, and the
 * classes that hold a lambda's body), so that what javac made of one source class travels whole.
 * Bytecode is read once per class from the class's own loader. Also the job server's record of
 * every class it shipped, which decides what may come back in a result.
 */
final class Shipping {
    private final Map<List<Class<?>>, List<ShippedClass>> plans = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> shipped = new ConcurrentHashMap<>();

    /** The classes a job of {@code task} with these dependencies needs; IllegalArgumentException says what is wrong. */
    List<ShippedClass> forJob(Class<?> task, Class<?>[] depends) {
        List<Class<?>> key = new ArrayList<>(depends.length + 1);
        key.add(task);
        for (Class<?> c : depends) {
            key.add(c);
        }
        List<ShippedClass> plan = plans.get(key);
        if (plan == null) {
            checkTask(task);
            plan = plan(key);
            plans.putIfAbsent(List.copyOf(key), plan);
        }
        return plan;
    }

    /** True for a class this job server has shipped: its objects may come back in results. */
    boolean shipped(String name) {
        return shipped.containsKey(name);
    }

    /** The shipped class of this name, or of the elements of this array class name; null for any other. */
    Class<?> resolve(String name) throws ClassNotFoundException {
        Class<?> c = shipped.get(name);
        if (c != null) {
            return c;
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0 && name.charAt(dims) == 'L' && name.endsWith(";")) {
            Class<?> element = shipped.get(name.substring(dims + 1, name.length() - 1));
            if (element != null) {
                return Class.forName(name, false, element.getClassLoader());
            }
        }
        return null;
    }

    static void checkTask(Class<?> task) {
        if (task.isInterface() || Modifier.isAbstract(task.getModifiers()) || !Modifier.isPublic(task.getModifiers())
                || task.isAnonymousClass() || task.isLocalClass()
                || task.isMemberClass() && !Modifier.isStatic(task.getModifiers())) {
            throw new IllegalArgumentException("task class " + task.getName()
                    + " must be a public class, top-level or static nested, with a public no-argument constructor");
        }
        try {
            task.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("task class " + task.getName() + " needs a public no-argument constructor:"
                    + " the worker makes its own instance with it");
        }
    }

    private List<ShippedClass> plan(List<Class<?>> roots) {
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (Class<?> root : roots) {
            if (root.isArray() || root.isPrimitive()) {
                throw new IllegalArgumentException("depends(...) takes your own classes, not " + root.getTypeName());
            }
            refuseJdk(root);
            Class<?> host = root.getNestHost();
            classes.putIfAbsent(host.getName(), host);
            for (Class<?> member : host.getNestMembers()) {
                classes.putIfAbsent(member.getName(), member);
            }
        }
        List<ShippedClass> plan = new ArrayList<>(classes.size());
        for (Class<?> c : classes.values()) {
            plan.add(new ShippedClass(c.getName(), c, bytecode(c)));
        }
        for (ShippedClass c : plan) {
            Class<?> before = shipped.putIfAbsent(c.name(), c.type());
            if (before != null && before != c.type()) {
                throw new IllegalArgumentException("cannot ship " + c.name() + " of " + c.type().getClassLoader()
                        + ": this job server already shipped another class of that name (from " + before.getClassLoader() + ")");
            }
        }
        return List.copyOf(plan);
    }

    private static void refuseJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        String name = c.getName();
        if (loader == null || loader == ClassLoader.getPlatformClassLoader() || name.startsWith("java.")
                || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            throw new IllegalArgumentException("cannot ship " + name + ": JDK classes are on every worker already;"
                    + " depends(...) is for your own classes");
        }
    }

    private static byte[] bytecode(Class<?> c) {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("cannot ship " + c.getName() + ": its loader has no " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot ship " + c.getName() + ": reading " + resource + " failed: " + e.getMessage(), e);
        }
    }
}

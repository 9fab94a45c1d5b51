package clusterlab.jobs;

import clusterlab.wire.ObjectAllowlist;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.function.Predicate;

/**
 * Arguments and results as bytes, with Java serialization, checked against {@link ObjectAllowlist}
 * on both sides: the JDK basics plus the classes shipped with the jobs. The writer checks every
 * object it writes, so a value that the reader would refuse fails its own job at the sender with a
 * clear message; the reader's filter is there for a peer that does not check.
 */
final class JobData {
    static final String ALLOWED = ObjectAllowlist.BASICS_DESCRIPTION + ", and the classes shipped with the task";

    /** Turns a class name from the stream into a class; null means "the JDK's own". */
    interface Resolver {
        Class<?> resolve(String name) throws ClassNotFoundException;
    }

    /** A value that cannot travel: a class outside the allowlist, or one that is not serializable. */
    static final class Unsendable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsendable(String message) {
            super(message);
        }
    }

    /** Bytes that hold a class outside the allowlist, or one that is not known here. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private JobData() {
    }

    /** Serializes {@code value}, refusing any object whose class {@code shipped} and the basics do not allow. */
    static byte[] encode(Object value, Predicate<String> shipped) throws Unsendable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        CheckedOutput out;
        try {
            out = new CheckedOutput(bytes, shipped);
            out.writeObject(value);
            out.close();
        } catch (NotSerializableException e) {
            throw new Unsendable(e.getMessage() + " is not serializable");
        } catch (IOException e) {
            throw new Unsendable("cannot serialize: " + e);
        }
        if (out.refused != null) {
            throw new Unsendable(out.refused + " may not travel (only " + ALLOWED + ")");
        }
        return bytes.toByteArray();
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws Refused     for a class outside the allowlist or not found here
     * @throws IOException for bytes that are not a serialized object at all
     */
    static Object decode(byte[] bytes, Predicate<String> shipped, Resolver resolver) throws Refused, IOException {
        String[] refused = new String[1];
        try (CheckedInput in = new CheckedInput(new ByteArrayInputStream(bytes), resolver)) {
            in.setObjectInputFilter(ObjectAllowlist.filter(shipped, bytes.length, what -> refused[0] = what));
            return in.readObject();
        } catch (InvalidClassException e) {
            if (refused[0] == null) {
                throw e;
            }
            throw new Refused("refused " + refused[0] + " (only " + ALLOWED + " may travel)");
        } catch (ClassNotFoundException e) {
            throw new Refused("no class " + e.getMessage() + " here");
        }
    }

    /**
     * Checks each object before it is written: its class and every serializable superclass. A
     * refused object is written as null and remembered, rather than thrown: a stream that throws
     * writes the exception itself into the stream, which would be checked (and refused) in turn.
     */
    private static final class CheckedOutput extends ObjectOutputStream {
        private final Predicate<String> shipped;
        String refused;

        CheckedOutput(OutputStream out, Predicate<String> shipped) throws IOException {
            super(out);
            this.shipped = shipped;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            for (Class<?> c = obj.getClass(); c != null && Serializable.class.isAssignableFrom(c); c = c.getSuperclass()) {
                if (!ObjectAllowlist.allows(c, shipped)) {
                    if (refused == null) {
                        refused = c.getTypeName();
                    }
                    return null;
                }
            }
            return obj;
        }
    }

    private static final class CheckedInput extends ObjectInputStream {
        private final Resolver resolver;

        CheckedInput(InputStream in, Resolver resolver) throws IOException {
            super(in);
            this.resolver = resolver;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            Class<?> c = resolver.resolve(desc.getName());
            return c != null ? c : super.resolveClass(desc);
        }
    }
}

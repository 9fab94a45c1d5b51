package clusterlab.wire;

import java.io.ObjectInputFilter;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The classes that Java deserialization may create from bytes that came over a wire. Reading
 * serialized bytes can run code of any serializable class on the class path, so every reader in
 * clusterlab goes through this list: strings, boxed numbers, the common java.util collections and
 * maps, arrays of these or of primitives, plus whatever classes the caller names (a job's own
 * classes, which were shipped with it). Anything else is refused with its class name.
 */
public final class ObjectAllowlist {
    /** What the basics are, in words, for error messages. */
    public static final String BASICS_DESCRIPTION = "strings, boxed numbers, java.util collections and arrays";
    /** Deeper nesting than this is refused: no honest message needs it. */
    public static final int MAX_DEPTH = 100;

    private static final Set<String> BASICS = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
            "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Enum", // the superclass of every enum; the enum itself must be allowed too
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.Map$Entry", // HashMap checks the size of its table, a Map.Entry[], on reading
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.CollSer", // how List.of, Set.of and Map.of travel; they arrive as these:
            "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
            "java.util.Collections$EmptyList", "java.util.Collections$EmptyMap", "java.util.Collections$EmptySet",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableMap",
            "java.util.Collections$UnmodifiableSet");

    private ObjectAllowlist() {
    }

    /** True if objects of {@code type} may be read: a basic, a primitive, an array of allowed ones, or a name {@code extra} accepts. */
    public static boolean allows(Class<?> type, Predicate<String> extra) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || BASICS.contains(type.getName()) || extra.test(type.getName());
    }

    /**
     * A filter for one ObjectInputStream reading {@code streamLength} bytes. It refuses classes not
     * allowed, nesting deeper than {@link #MAX_DEPTH}, and arrays longer than the bytes could
     * describe (so a forged length cannot make the reader allocate gigabytes); what it refused goes
     * to {@code refused}, for the error message.
     */
    public static ObjectInputFilter filter(Predicate<String> extra, long streamLength, Consumer<String> refused) {
        // A HashMap of n entries may size its table up to 8n; every entry takes at least one byte.
        long maxArrayLength = 8 * streamLength + 64;
        return info -> {
            if (info.depth() > MAX_DEPTH) {
                refused.accept("object nested deeper than " + MAX_DEPTH + " levels");
                return ObjectInputFilter.Status.REJECTED;
            }
            if (info.arrayLength() > maxArrayLength) {
                refused.accept("array of " + info.arrayLength() + " elements in " + streamLength + " bytes");
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            if (allows(type, extra)) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            refused.accept(type.getTypeName());
            return ObjectInputFilter.Status.REJECTED;
        };
    }
}

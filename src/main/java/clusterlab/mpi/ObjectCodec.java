package clusterlab.mpi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Objects as bytes with Java serialization, what mpi4py's lowercase send/recv do with pickle.
 *
 * <p>Trust: the ranks of one job are started by one user with one mpirun, and trust each other
 * (MPI itself has no authentication). Deserializing bytes can still run code of any serializable
 * class on the classpath, so reading goes through an allowlist anyway: strings, boxed numbers,
 * the common java.util collections and maps, and arrays of these or of primitives. Anything else
 * is refused with its class name; send such data as arrays or as a List/Map of basics instead.
 */
final class ObjectCodec {
    private static final Set<String> ALLOWED = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Number", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
            "java.lang.Long", "java.lang.Float", "java.lang.Double",
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
    /** Deeper nesting than this is refused: no honest message needs it. */
    private static final int MAX_DEPTH = 100;

    private ObjectCodec() {
    }

    static byte[] encode(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            // Only a field that is not Serializable gets here: ByteArrayOutputStream never fails.
            throw new MpiException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** @param from says where the bytes came from, for the error message */
    static Object decode(byte[] data, String from) {
        String[] refused = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(info -> check(info, refused));
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new MpiException("refused a " + (refused[0] == null ? "message" : refused[0]) + " " + from
                    + ": only strings, boxed numbers, java.util collections and arrays are received as objects", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object " + from + ": " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new MpiException("cannot read the object " + from + ": no class " + e.getMessage(), e);
        }
    }

    private static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info, String[] refused) {
        if (info.depth() > MAX_DEPTH) {
            refused[0] = "object nested deeper than " + MAX_DEPTH + " levels";
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || ALLOWED.contains(type.getName())) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        refused[0] = info.serialClass().getTypeName();
        return ObjectInputFilter.Status.REJECTED;
    }
}

package clusterlab.mpi;

import clusterlab.wire.ObjectAllowlist;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Objects as bytes with Java serialization, what mpi4py's lowercase send/recv do with pickle.
 *
 * <p>Trust: the ranks of one job are started by one user with one mpirun, and trust each other
 * (MPI itself has no authentication). Deserializing bytes can still run code of any serializable
 * class on the classpath, so reading goes through {@link ObjectAllowlist} anyway: strings, boxed
 * numbers, the common java.util collections and maps, and arrays of these or of primitives.
 * Anything else is refused with its class name; send such data as arrays or as a List/Map of
 * basics instead.
 */
final class ObjectCodec {
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
            in.setObjectInputFilter(ObjectAllowlist.filter(name -> false, data.length, what -> refused[0] = what));
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new MpiException("refused a " + (refused[0] == null ? "message" : refused[0]) + " " + from
                    + ": only " + ObjectAllowlist.BASICS_DESCRIPTION + " are received as objects", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object " + from + ": " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new MpiException("cannot read the object " + from + ": no class " + e.getMessage(), e);
        }
    }
}

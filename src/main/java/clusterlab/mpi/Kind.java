package clusterlab.mpi;

/** What a message's data holds; the receiver checks it is the kind it asked for. */
enum Kind {
    OBJECT("a Java object"),
    BYTES("a byte[]"),
    INTS("an int[]"),
    LONGS("a long[]"),
    DOUBLES("a double[]"),
    /** The last message on a connection: the sender closed its Comm on purpose. */
    GOODBYE("a goodbye");

    private final String description;

    Kind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}

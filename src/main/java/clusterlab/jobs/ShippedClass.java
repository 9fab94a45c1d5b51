package clusterlab.jobs;

/** A class whose bytecode travels with jobs, read once from the class's own loader. */
record ShippedClass(String name, Class<?> type, byte[] bytecode) {
}

package clusterlab.jobs;

/** What the job server tests look for in the processes of this JVM. */
final class LiveWorkers {
    private LiveWorkers() {
    }

    /** The worker processes this JVM started and that still run. */
    static long count() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(WorkerProcess.class.getName())).count();
    }
}

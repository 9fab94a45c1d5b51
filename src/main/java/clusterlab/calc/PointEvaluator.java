package clusterlab.calc;

/**
 * Evaluates one function at many points in one call: locally on this machine's cores, or spread
 * over the nodes connected to a head. Callers hand over whole batches so that a network round trip
 * is paid per batch, not per point.
 */
public interface PointEvaluator {
    /**
     * @param points one row per point, one column per variable, in the order of the function's variables
     * @return the function's value at each point, in the same order
     * @throws EvaluationException when the function cannot be evaluated (e.g. no nodes are left)
     */
    double[] evaluate(double[][] points) throws EvaluationException;
}

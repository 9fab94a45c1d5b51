package clusterlab.calc;

/**
 * One node of a compiled expression: a function of the frame, the array that holds the values of
 * the variables in scope. The {@link ExprCompiler} has already turned each variable into an index
 * in that array, so evaluating does no lookups by name.
 */
@FunctionalInterface
interface Closure {
    double eval(double[] frame);
}

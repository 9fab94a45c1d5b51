package clusterlab.calc;

import java.util.List;
import java.util.Map;

/**
 * A compiled source, ready to be evaluated any number of times. To evaluate it, make a frame of
 * {@code frameSize} doubles, put each input's value in its slot, and evaluate the body; then the
 * outputs' slots hold the variables' new values.
 *
 * @param source      the source, for error messages that point into it
 * @param body        evaluates every statement in order; worth the last one's value
 * @param hasValue    whether the last statement has a value (definitions and imports have none)
 * @param frameSize   how many variable slots the body uses
 * @param inputs      variables read before the source assigns them, whose values come from outside
 * @param outputs     the slot of each variable the source assigns, by name
 * @param definitions the functions the source defines, the last definition of each name
 */
record Program(String source, Closure body, boolean hasValue, int frameSize, List<Input> inputs,
        Map<String, Integer> outputs, List<UserFunction> definitions) {

    /** @param position where the variable is first read, for the error if it has no value */
    record Input(String name, int slot, int position) {
    }
}

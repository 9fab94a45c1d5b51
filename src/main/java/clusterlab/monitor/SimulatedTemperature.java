package clusterlab.monitor;

import java.util.Random;

/**
 * Made-up temperatures for a laptop class: a random walk that starts somewhere between 45 and 65 C,
 * moves by about a degree each reading and turns back at 40 and 80, so the grid shows every colour.
 * The same seed gives the same temperatures.
 */
public final class SimulatedTemperature implements TemperatureSource {
    private final Random random;
    private final long seed;
    private double current;

    public SimulatedTemperature(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.current = 45 + 20 * random.nextDouble();
    }

    @Override
    public synchronized double celsius() {
        current += random.nextGaussian();
        if (current < TemperatureScale.COLDEST) {
            current = 2 * TemperatureScale.COLDEST - current;
        } else if (current > TemperatureScale.HOTTEST) {
            current = 2 * TemperatureScale.HOTTEST - current;
        }
        return Math.round(current * 10) / 10.0;
    }

    @Override
    public String describe() {
        return "simulated (a random walk from 40 to 80 C, seed " + seed + ")";
    }
}

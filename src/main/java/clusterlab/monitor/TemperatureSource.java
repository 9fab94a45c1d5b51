package clusterlab.monitor;

import java.io.IOException;

/** Where an agent gets its CPU temperature. */
public interface TemperatureSource {
    /** Degrees Celsius now. */
    double celsius() throws IOException;

    /** What it reads, for the agent's first log line. */
    String describe();

    /**
     * The machine's own sensor: a Pi's {@code vcgencmd measure_temp}, as in the article, else the
     * kernel's thermal zones under /sys/class/thermal (most Linux machines).
     *
     * @throws IOException naming both when neither gives a temperature
     */
    static TemperatureSource detect() throws IOException {
        VcgencmdTemperature vcgencmd = new VcgencmdTemperature();
        try {
            vcgencmd.celsius();
            return vcgencmd;
        } catch (IOException notAPi) {
            ThermalZoneTemperature zone = ThermalZoneTemperature.find(ThermalZoneTemperature.SYSFS);
            if (zone == null) {
                throw new IOException("no temperature sensor found: vcgencmd did not run (" + notAPi.getMessage()
                        + ") and " + ThermalZoneTemperature.SYSFS + " has no readable zone; on a laptop use --simulate");
            }
            return zone;
        }
    }
}

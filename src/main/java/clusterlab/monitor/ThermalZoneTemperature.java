package clusterlab.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The temperature the Linux kernel reports for a thermal zone: {@code /sys/class/thermal/thermal_zoneN/temp}
 * holds millidegrees Celsius. A zone whose type names the CPU (cpu-thermal on a Pi, x86_pkg_temp on a PC)
 * is preferred; else the first zone that can be read.
 */
public final class ThermalZoneTemperature implements TemperatureSource {
    public static final Path SYSFS = Path.of("/sys/class/thermal");

    private final Path zone;

    ThermalZoneTemperature(Path zone) {
        this.zone = zone;
    }

    /** The zone to read under {@code root}, or null when there is none. */
    static ThermalZoneTemperature find(Path root) {
        List<Path> zones;
        try (Stream<Path> list = Files.list(root)) {
            zones = list.filter(p -> p.getFileName().toString().startsWith("thermal_zone")).sorted().toList();
        } catch (IOException e) {
            return null;
        }
        Path readable = null;
        for (Path zone : zones) {
            try {
                read(zone);
            } catch (IOException | NumberFormatException e) {
                continue;
            }
            if (type(zone).matches("(?i).*(cpu|x86_pkg|soc).*")) {
                return new ThermalZoneTemperature(zone);
            }
            if (readable == null) {
                readable = zone;
            }
        }
        return readable == null ? null : new ThermalZoneTemperature(readable);
    }

    private static String type(Path zone) {
        try {
            return Files.readString(zone.resolve("type")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static double read(Path zone) throws IOException {
        return Long.parseLong(Files.readString(zone.resolve("temp")).strip()) / 1000.0;
    }

    @Override
    public double celsius() throws IOException {
        try {
            return read(zone);
        } catch (NumberFormatException e) {
            throw new IOException(zone.resolve("temp") + " does not hold a number of millidegrees");
        }
    }

    @Override
    public String describe() {
        String type = type(zone);
        return zone.resolve("temp") + (type.isEmpty() ? "" : " (" + type + ")");
    }
}

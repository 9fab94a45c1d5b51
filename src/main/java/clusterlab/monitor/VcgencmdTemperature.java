package clusterlab.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Raspberry Pi's temperature as the article reads it: {@code vcgencmd measure_temp} prints {@code temp=51.2'C}. */
public final class VcgencmdTemperature implements TemperatureSource {
    private static final Pattern OUTPUT = Pattern.compile("temp=(-?[0-9]+(?:\\.[0-9]+)?)'C");
    private static final long WAIT_SECONDS = 5;

    @Override
    public double celsius() throws IOException {
        Process p = new ProcessBuilder("vcgencmd", "measure_temp").redirectErrorStream(true).start();
        try {
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("vcgencmd measure_temp did not answer in " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for vcgencmd");
        }
        return parse(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The temperature in vcgencmd's output. */
    static double parse(String output) throws IOException {
        Matcher m = OUTPUT.matcher(output);
        if (!m.find()) {
            throw new IOException("vcgencmd printed " + output.strip().lines().findFirst().orElse("nothing")
                    + ", not temp=NN.N'C");
        }
        return Double.parseDouble(m.group(1));
    }

    @Override
    public String describe() {
        return "vcgencmd measure_temp";
    }
}

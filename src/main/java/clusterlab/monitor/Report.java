package clusterlab.monitor;

import clusterlab.wire.Json;
import clusterlab.wire.JsonException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One temperature report: the payload of one frame, a UTF-8 JSON object. The first two fields are
 * the lab article's, so its Python workers are understood as they are; the rest are ours and optional.
 * <pre>
 *   ip           string, required  the node's IPv4 address, which is its square on the grid
 *   temp         number, required  CPU temperature in degrees Celsius (-100 to 200)
 *   host         string            the node's name: letters, digits, '.', '-', '_', at most 64
 *   load1        number            load average over the last minute (0 or more)
 *   memUsedMiB   whole number      memory in use, MiB
 *   memTotalMiB  whole number      memory installed, MiB
 * </pre>
 * Other fields are ignored, so that an agent may add its own. An unknown optional value is kept as
 * {@code ""} (host), NaN (load1) or -1 (memory).
 */
public record Report(String ip, double temp, String host, double load1, long memUsedMiB, long memTotalMiB) {
    public static final String IP = "ip";
    public static final String TEMP = "temp";
    public static final String HOST = "host";
    public static final String LOAD1 = "load1";
    public static final String MEM_USED = "memUsedMiB";
    public static final String MEM_TOTAL = "memTotalMiB";

    private static final double MIN_TEMP = -100;
    private static final double MAX_TEMP = 200;
    private static final long MAX_MIB = 1L << 40;
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String EXAMPLE = "{\"ip\": \"192.168.4.1\", \"temp\": 51.2}";

    /** The article's two fields only. */
    public static Report of(String ip, double temp) {
        return new Report(ip, temp, "", Double.NaN, -1, -1);
    }

    /** True for a dotted-quad IPv4 address such as 192.168.4.1. */
    public static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    /** True for a name a report's host may carry: letters, digits, '.', '-' and '_', at most 64. */
    public static boolean isHostName(String text) {
        return HOST_NAME.matcher(text).matches();
    }

    /** Reads a report from a frame's payload; the message of the exception is one line. */
    public static Report parse(byte[] payload) throws BadReportException {
        Map<String, Object> json;
        try {
            json = Json.parseObject(payload);
        } catch (JsonException e) {
            throw new BadReportException("not a JSON object such as " + EXAMPLE + ": " + e.getMessage());
        }
        Object ip = json.get(IP);
        if (!(ip instanceof String text) || !isIpv4(text)) {
            throw new BadReportException(ip == null
                    ? "report has no \"ip\"; expected an object such as " + EXAMPLE
                    : "report's \"ip\" must be an IPv4 address such as \"192.168.4.1\", not " + shown(ip));
        }
        Object temp = json.get(TEMP);
        if (!(temp instanceof Number n) || n.doubleValue() < MIN_TEMP || n.doubleValue() > MAX_TEMP) {
            throw new BadReportException(temp == null
                    ? "report has no \"temp\"; expected an object such as " + EXAMPLE
                    : "report's \"temp\" must be degrees Celsius from " + (int) MIN_TEMP + " to " + (int) MAX_TEMP
                            + ", not " + shown(temp));
        }
        Object host = json.getOrDefault(HOST, "");
        if (!(host instanceof String name) || !(name.isEmpty() || HOST_NAME.matcher(name).matches())) {
            throw new BadReportException("report's \"host\" must be a name of letters, digits, '.', '-' and '_'"
                    + " (at most 64), not " + shown(host));
        }
        return new Report(text, n.doubleValue(), name, load(json), mebibytes(json, MEM_USED), mebibytes(json, MEM_TOTAL));
    }

    private static double load(Map<String, Object> json) throws BadReportException {
        Object load = json.get(LOAD1);
        if (load == null) {
            return Double.NaN;
        }
        if (!(load instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1e6) {
            throw new BadReportException("report's \"" + LOAD1 + "\" must be a load average of 0 or more, not " + shown(load));
        }
        return n.doubleValue();
    }

    private static long mebibytes(Map<String, Object> json, String field) throws BadReportException {
        Object value = json.get(field);
        if (value == null) {
            return -1;
        }
        if (!(value instanceof Long n) || n < 0 || n > MAX_MIB) {
            throw new BadReportException("report's \"" + field + "\" must be a whole number of MiB, not " + shown(value));
        }
        return n;
    }

    /** A value from the report for an error message: as JSON, and cut short so the message stays one short line. */
    private static String shown(Object value) {
        String json = Json.write(value);
        return json.length() <= 40 ? json : json.substring(0, 37) + "...";
    }

    /** The report as the JSON object an agent sends; unknown optional values are left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(IP, ip);
        json.put(TEMP, temp);
        if (!host.isEmpty()) {
            json.put(HOST, host);
        }
        if (!Double.isNaN(load1)) {
            json.put(LOAD1, load1);
        }
        if (memUsedMiB >= 0) {
            json.put(MEM_USED, memUsedMiB);
        }
        if (memTotalMiB >= 0) {
            json.put(MEM_TOTAL, memTotalMiB);
        }
        return json;
    }
}

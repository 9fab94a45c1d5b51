package clusterlab.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's host list, pi_list.txt: one host per line, {@code [user@]host [slots=N]}, where
 * host is an IPv4 address or a host name and N (1 to 64) how many instances that host runs. '#'
 * starts a comment. A host listed several times, as article E does to start several instances, is
 * one host with the slots added up. scripts/lib/pi-list.sh reads the same format in bash; both are
 * tested on the same sample files.
 */
public final class HostList {
    /** One host, with how many instances it runs. */
    public record Host(String user, String host, int slots) {
        /** What ssh is given: {@code host} or {@code user@host}. */
        public String target() {
            return user == null ? host : user + "@" + host;
        }
    }

    /** A line of the list is wrong: the message names the file and line. */
    public static final class Error extends Exception {
        private static final long serialVersionUID = 1L;

        Error(String message) {
            super(message);
        }
    }

    public static final int MAX_SLOTS = 64;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]*");
    private static final Pattern SLOTS = Pattern.compile("slots=(\\d{1,9})");

    private HostList() {
    }

    public static List<Host> read(Path file) throws Error, IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Error(file + ": no such file (a host list has one host per line; see pi_list.txt)");
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            Host host = parse(words, file + ":" + (i + 1) + ": ");
            hosts.merge(host.target(), host, (a, b) -> new Host(a.user(), a.host(), a.slots() + b.slots()));
        }
        return new ArrayList<>(hosts.values());
    }

    private static Host parse(String[] words, String where) throws Error {
        int slots = 1;
        if (words.length > 1) {
            Matcher m = SLOTS.matcher(words[1]);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > MAX_SLOTS) {
                throw new Error(where + "'" + words[1] + "' must be slots=N with N from 1 to " + MAX_SLOTS);
            }
            slots = Integer.parseInt(m.group(1));
        }
        if (words.length > 2) {
            throw new Error(where + "unexpected '" + words[2] + "' (a line is: [user@]host [slots=N])");
        }
        String target = words[0];
        int at = target.indexOf('@');
        String user = at < 0 ? null : target.substring(0, at);
        String host = target.substring(at + 1);
        if (user != null && !USER.matcher(user).matches()) {
            throw new Error(where + "'" + user + "' is not a user name");
        }
        if (!validHost(host)) {
            throw new Error(where + "'" + host + "' is neither an IPv4 address nor a host name");
        }
        return new Host(user, host, slots);
    }

    private static boolean validHost(String host) {
        if (IPV4.matcher(host).matches()) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        // A name of digits and dots only would be a malformed address, not a name.
        return host.length() <= 253 && NAME.matcher(host).matches() && !host.matches("[0-9.]+");
    }
}

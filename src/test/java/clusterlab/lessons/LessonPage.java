package clusterlab.lessons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runnable parts of a lesson page: its {@code ```console} blocks. In a block, a line starting
 * with {@code $ } is a command and the lines after it, up to the next command, are its output.
 * Words after {@code console} in the opening fence change how the block runs:
 * {@code background} starts each command and leaves it running (a server in its own terminal),
 * {@code name=server} names that background process, {@code output=server} marks a block that holds
 * no commands, only what the named process printed since it was last looked at ("terminal 1 now
 * shows"), and {@code ports=20000,4040} names port numbers the checker swaps for free ones on the
 * whole page.
 */
final class LessonPage {
    /** A command and the output shown after it; for an output block, command is null. */
    record Step(int line, String command, List<String> expected) {
    }

    record Block(int line, boolean background, String name, String output, List<String> ports, List<Step> steps) {
    }

    private LessonPage() {
    }

    static List<Block> parse(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```console")) {
                continue;
            }
            List<String> words = Arrays.asList(fence.substring(3).split("\\s+"));
            List<String> ports = new ArrayList<>();
            String name = null;
            String output = null;
            for (String w : words) {
                if (w.startsWith("ports=")) {
                    ports.addAll(Arrays.asList(w.substring("ports=".length()).split(",")));
                } else if (w.startsWith("name=")) {
                    name = w.substring("name=".length());
                } else if (w.startsWith("output=")) {
                    output = w.substring("output=".length());
                }
            }
            int start = i + 1;
            List<Step> steps = new ArrayList<>();
            if (output != null) {
                steps.add(new Step(start + 1, null, new ArrayList<>()));
            }
            for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i);
                if (line.startsWith("$ ") && output == null) {
                    steps.add(new Step(i + 1, line.substring(2), new ArrayList<>()));
                } else if (!steps.isEmpty()) {
                    steps.get(steps.size() - 1).expected().add(line);
                }
            }
            blocks.add(new Block(start, words.contains("background"), name, output, ports, steps));
        }
        return blocks;
    }
}

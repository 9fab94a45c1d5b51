package clusterlab.calc;

import clusterlab.cli.Args;
import clusterlab.cli.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where calc and calc-head get their commands: the arguments, --file, or standard input. */
final class CommandSource {
    private CommandSource() {
    }

    static List<String> read(Args args, String command) throws IOException, UsageException {
        if (!args.operands().isEmpty()) {
            return args.operands();
        }
        List<String> lines;
        String file = args.string("file");
        if (file != null) {
            try {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UsageException("clusterlab " + command + ": no such file: " + file);
            }
        } else {
            lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
        }
        List<String> commands = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                commands.add(trimmed);
            }
        }
        return commands;
    }
}

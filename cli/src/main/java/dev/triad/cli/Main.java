package dev.triad.cli;

import dev.triad.spi.error.TriadException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of the {@code triad} command: dispatches to one sub-command per job. */
public final class Main {
    private Main() {}

    /** Sub-commands by name, in the order help lists them. */
    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        m.put("devices", new DevicesCommand());
        m.put("train", new TrainCommand());
        m.put("fetch-data", new FetchDataCommand());
        m.put("conformance", new ConformanceCommand());
        m.put("bench", new BenchCommand());
        return m;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line, returning the exit status (0 on success). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out, commands);
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("triad: unknown command '" + args[0] + "'");
            usage(err, commands);
            return 2;
        }
        try {
            return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println("triad " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (TriadException e) {
            err.println("triad " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("usage: triad <command> [options]");
        out.println();
        for (Map.Entry<String, Command> e : commands.entrySet()) {
            out.printf("  %-12s %s%n", e.getKey(), e.getValue().summary());
        }
        out.printf("  %-12s %s%n", "test", "build and run the whole test suite (conformance on every backend found)");
    }
}

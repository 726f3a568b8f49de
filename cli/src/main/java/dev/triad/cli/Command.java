package dev.triad.cli;

import java.io.PrintStream;

/** One sub-command of {@code triad}. */
interface Command {
    /** One line for the help listing. */
    String summary();

    /**
     * Runs with the arguments after the command name.
     *
     * @return the exit status
     * @throws UsageException for a malformed command line
     */
    int run(String[] args, PrintStream out, PrintStream err);
}

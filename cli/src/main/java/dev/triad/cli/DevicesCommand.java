package dev.triad.cli;

import dev.triad.spi.backend.Backend;
import dev.triad.spi.backend.Backends;
import dev.triad.spi.backend.Device;
import dev.triad.spi.error.TriadException;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code triad devices}: every backend found on the class path, its devices with their
 * properties, and for an unavailable backend the reason it cannot run.
 */
final class DevicesCommand implements Command {
    @Override
    public String summary() { return "list every backend found, its devices, and why a backend cannot run"; }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) throw new UsageException("takes no arguments, got " + String.join(" ", args));
        List<Backends.Probed> probed = Backends.probeAll();
        if (probed.isEmpty()) {
            out.println("No backend found on the class path.");
            return 1;
        }
        String requested = Backends.requestedName();
        out.println("Backends found: " + probed.size() + (requested == null ? "" : " (requested: " + requested + ")"));
        for (Backends.Probed p : probed) {
            out.println();
            String status = p.availability().available() ? "available" : "UNAVAILABLE";
            out.printf("%s  (priority %d)  %s: %s%n", p.provider().name(), p.provider().priority(), status, p.availability().reason());
            if (!p.availability().available()) continue;
            try (Backend b = p.provider().open()) {
                for (Device d : b.devices()) {
                    out.printf("  %-10s %s%n", d.id(), d.name());
                    for (Map.Entry<String, String> e : d.properties().entrySet()) {
                        out.printf("  %-10s   %-14s %s%n", "", e.getKey(), e.getValue());
                    }
                }
            } catch (TriadException | LinkageError e) {
                out.println("  could not open: " + e.getMessage());
            }
        }
        return 0;
    }
}

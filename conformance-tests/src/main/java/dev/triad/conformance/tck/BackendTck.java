package dev.triad.conformance.tck;

import dev.triad.conformance.run.FrontendChecks;
import dev.triad.conformance.run.Frontends;
import dev.triad.conformance.run.Selection;
import dev.triad.spi.backend.BackendProvider;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance suite as a JUnit 5 test factory for one backend. A backend's build adds
 * {@code dev.triad:triad-conformance} as a test dependency and writes:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendTck {
 *     @Override protected BackendProvider provider() { return new MyBackendProvider(); }
 * }
 * }</pre>
 *
 * Every check of the op database, the random-number check, the front-end check sets and the
 * leak checks run on the backend: a failing check fails its test (the message ends with the
 * command that reruns just it), a declared-unsupported one is skipped with the backend's
 * reason (never passed), and a last test writes the reports. Set the system property
 * {@value Selection#PROPERTY} to patterns such as {@code sub/forward f32} (separated by
 * {@code ;}) to run only some checks.
 */
public abstract class BackendTck {
    /** For subclasses. */
    protected BackendTck() {}

    /** The backend under test. It is probed, opened once for all the checks, and closed at the end. */
    protected abstract BackendProvider provider();

    /** Which checks run: by default those named in {@value Selection#PROPERTY}, else all. */
    protected Selection selection() { return Selection.fromSystemProperty(); }

    /** The front-end check sets that also run on the backend: by default all of them. */
    protected List<FrontendChecks> frontends() { return Frontends.all(); }

    /** Where the reports go ({@code target/triad-conformance} by default); null writes none. */
    protected Path reportDirectory() { return Path.of("target", "triad-conformance"); }

    /** The suite's tests; JUnit calls this. */
    @TestFactory
    public Stream<DynamicNode> conformance() {
        return Tck.tests(provider(), selection(), frontends(), reportDirectory());
    }
}

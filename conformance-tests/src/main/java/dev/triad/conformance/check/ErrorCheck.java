package dev.triad.conformance.check;

import dev.triad.conformance.reference.RefArray;
import dev.triad.conformance.spec.ErrorCase;
import dev.triad.conformance.spec.OpSpec;
import dev.triad.conformance.target.Layout;
import dev.triad.conformance.target.Session;
import dev.triad.conformance.target.Target;
import dev.triad.spi.error.TriadException;
import dev.triad.spi.error.UnsupportedOpException;
import dev.triad.spi.ops.Primitive;

import java.util.List;

/**
 * Error inputs: each invalid invocation of the op database must raise its declared exception
 * type (or a subclass) on the target, at the call, as a {@link TriadException} whose
 * {@code op()} is the op and whose message names it.
 */
public final class ErrorCheck {
    private ErrorCheck() {}

    /** The check's name. */
    public static final String NAME = "error inputs";

    /** Runs the check on {@code target}. */
    public static <T> CheckResult run(Target<T> target, OpSpec spec) {
        Primitive p = spec.primitive();
        CaseLog log = new CaseLog(target.name(), p.name(), NAME);
        int k = 0;
        for (ErrorCase e : spec.errors()) {
            List<RefArray> inputs = e.make(p.name().hashCode() * 31L + k++);
            try (Session<T> session = target.open()) {
                List<T> in = CaseRunner.upload(session, inputs, Layout.CONTIGUOUS);
                Object r = session.ops().apply(p, e.attrs(), in);
                log.failed(e.description(), inputs, "no error raised (got a result of type " + session.ops().typeOf(cast(r)) + "); expected "
                        + e.expected().getSimpleName());
            } catch (Throwable t) {
                // Data-dependent errors (an index out of range) are raised by the kernel, so a backend that declares the op
                // unsupported cannot raise them: the case is unsupported, not failed. Shape errors come first, from the shape rule.
                if (t instanceof UnsupportedOpException u && !e.expected().isInstance(t)) {
                    log.unsupported(e.description(), u.getMessage());
                    continue;
                }
                String problem = judge(p, e, t);
                if (problem == null) log.passed(e.description());
                else log.failed(e.description(), inputs, problem);
            }
        }
        return log.result();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) { return (T) o; }

    /** Null when {@code t} is what {@code e} expects; otherwise what is wrong with it. */
    static String judge(Primitive p, ErrorCase e, Throwable t) {
        if (!e.expected().isInstance(t)) {
            return "expected " + e.expected().getSimpleName() + ", got " + CaseLog.describe(t);
        }
        TriadException te = (TriadException) t;
        if (!p.name().equals(te.op())) return "the error names op '" + te.op() + "', expected '" + p.name() + "': " + t.getMessage();
        if (t.getMessage() == null || !t.getMessage().contains(p.name())) return "the message does not name the op: " + t.getMessage();
        return null;
    }
}

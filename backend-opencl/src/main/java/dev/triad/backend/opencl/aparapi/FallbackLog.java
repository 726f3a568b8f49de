package dev.triad.backend.opencl.aparapi;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Aparapi says why a device failed only in a log record of its kernel runner ("Device failed
 * for ..."), so that is where the reason is read from. The handler listens to Aparapi's logger for
 * the whole process but keeps records only while a launch is capturing; launches are
 * serialised ({@link AparapiLauncher}), so what it keeps belongs to the current launch. Aparapi's
 * own console output is left as it is.
 */
final class FallbackLog extends Handler {
    // A strong reference: java.util.logging holds loggers weakly, and a collected logger would lose the handler.
    private static final Logger RUNNER_LOG = Logger.getLogger(com.aparapi.Config.getLoggerName());
    private static final FallbackLog INSTANCE = new FallbackLog();

    static {
        RUNNER_LOG.addHandler(INSTANCE);
    }

    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> captured = new ArrayList<>();
    private boolean capturing;

    private FallbackLog() {}

    /** Starts keeping Aparapi's warnings (the caller holds the launch lock). */
    static void start() {
        synchronized (INSTANCE) {
            INSTANCE.captured.clear();
            INSTANCE.capturing = true;
        }
    }

    /** Stops keeping warnings and returns the device failures seen since {@link #start}, joined; empty when none. */
    static String stop() {
        synchronized (INSTANCE) {
            INSTANCE.capturing = false;
            String s = String.join("; ", INSTANCE.captured);
            INSTANCE.captured.clear();
            return s;
        }
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (!capturing || r.getLevel().intValue() < Level.WARNING.intValue()) return;
        String message = formatter.formatMessage(r);
        // "Trying next device: ..." lines only repeat what the execution mode already says.
        if (message != null && message.startsWith("Device failed")) captured.add(message);
    }

    @Override public void flush() { }
    @Override public void close() { }
}

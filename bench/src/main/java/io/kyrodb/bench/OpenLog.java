package io.kyrodb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What KyroDB says when it opens a database directory: the storage logs at FINE on
 * {@value #LOGGER} a line such as
 * {@code opened /db: checkpoint at WAL LSN 123 with 7 runs; replayed 456 WAL records (789 bytes)
 * up to LSN 579 in 12 ms}. {@link #capture()} listens for it in this JVM; {@link #parse} reads one.
 *
 * @param checkpointLsn the first WAL LSN the checkpoint's runs do not hold
 * @param runs          runs the checkpoint lists
 * @param records       WAL records replayed (the tail behind the checkpoint)
 * @param bytes         bytes of those records
 * @param lastLsn       LSN of the last record replayed
 * @param millis        the replay's own time, as the engine measured it (not the runs' opening)
 */
public record OpenLog(long checkpointLsn, int runs, long records, long bytes, long lastLsn, long millis) {

    public static final String LOGGER = "io.kyrodb.engine.storage.Storage";

    private static final Pattern LINE = Pattern.compile("opened (.*): checkpoint at WAL LSN (\\d+) with (\\d+) runs;"
            + " replayed (\\d+) WAL records \\((\\d+) bytes\\) up to LSN (-?\\d+) in (\\d+) ms");

    /** The figures of an "opened" line, or null if {@code message} is not one. */
    public static OpenLog parse(String message) {
        Matcher m = LINE.matcher(message);
        if (!m.find()) {
            return null;
        }
        return new OpenLog(Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
    }

    /** Collects the storage's "opened" lines while open; restores the logger's level on close. */
    public static Capture capture() {
        return new Capture();
    }

    /** A handler on the storage logger, at FINE. */
    public static final class Capture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger(LOGGER);   // held: the logging framework keeps loggers weakly
        private final Level previous;
        private final List<String> messages = new ArrayList<>();

        private Capture() {
            previous = logger.getLevel();
            setLevel(Level.FINE);
            logger.setLevel(Level.FINE);
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.FINE.intValue() && record.getMessage() != null) {
                messages.add(record.getMessage());
            }
        }

        /** The last "opened" line logged since the capture began, or null. */
        public synchronized OpenLog last() {
            for (int i = messages.size() - 1; i >= 0; i--) {
                OpenLog parsed = parse(messages.get(i));
                if (parsed != null) {
                    return parsed;
                }
            }
            return null;
        }

        /** The raw text of the last "opened" line, or null. */
        public synchronized String lastLine() {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (parse(messages.get(i)) != null) {
                    return messages.get(i);
                }
            }
            return null;
        }

        public synchronized void clear() {
            messages.clear();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}

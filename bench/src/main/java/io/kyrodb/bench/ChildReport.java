package io.kyrodb.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * How a child JVM ({@link BigTableChild}, {@link RecoveryChild}) reports to its parent: one line
 * per fact on standard output, {@code @kind} and tab-separated fields, flushed as written, so the
 * parent has everything up to the moment the child died, however it died. Other output is progress
 * for people. The parent feeds every line to {@link #accept} and reads the collected facts.
 * <pre>
 * &#64;start  step                                      a step begins
 * &#64;step   step seconds rows used afterGc afterFullGc gcs fullGcs liveAtEnd note
 *                                                  a step ended (HeapWatch's figures, bytes; -1: no such GC)
 * &#64;size   label runsBytes walBytes totalBytes         the database directory's size at a point
 * &#64;info   key value                                 anything else (settings in effect, counts)
 * &#64;log    level message                             a WARNING or SEVERE the engine logged
 * &#64;failed step description                          the step failed; the child exits with 1
 * </pre>
 */
final class ChildReport {

    /** A step's figures; heap in bytes, -1 where there was no such collection. */
    record Step(String name, double seconds, long rows, long heapUsed, long afterGc, long afterFullGc, long gcs,
                long fullGcs, long liveAtEnd, String note) {
    }

    record Size(String label, DiskUsage usage) {
    }

    // Parent side: what the child said so far.
    final List<Step> steps = new ArrayList<>();
    final List<Size> sizes = new ArrayList<>();
    final Map<String, String> info = new LinkedHashMap<>();
    final List<String> engineLog = new ArrayList<>();
    String started;
    String failedStep;
    String failure;

    /** Takes one line of the child's output; false if it is not a report line (progress). */
    boolean accept(String line) {
        if (!line.startsWith("@")) {
            return false;
        }
        String[] f = line.split("\t", -1);
        switch (f[0]) {
            case "@start" -> started = f[1];
            case "@step" -> steps.add(new Step(f[1], Double.parseDouble(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                    Long.parseLong(f[8]), Long.parseLong(f[9]), f[10]));
            case "@size" -> sizes.add(new Size(f[1], new DiskUsage(Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]))));
            case "@info" -> info.put(f[1], f[2]);
            case "@log" -> engineLog.add(f[1] + ": " + f[2]);
            case "@failed" -> {
                failedStep = f[1];
                failure = f[2];
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    Step step(String name) {
        for (Step s : steps) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    // Child side.

    /** {@code OutOfMemoryError: Java heap space}, {@code SQLException [53200]: ...}: class, SQLSTATE, message. */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            s.append(" [").append(sql.getSQLState()).append(']');
        }
        if (e.getMessage() != null) {
            s.append(": ").append(e.getMessage().strip());
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e && (e.getMessage() == null || cause.getMessage() == null
                || !e.getMessage().contains(cause.getMessage()))) {
            s.append(" (caused by ").append(describe(e.getCause())).append(')');
        }
        return s.toString();
    }

    /** Writes report lines to {@code out} (the child's standard output). */
    static final class Writer {
        private final PrintStream out;
        private final Logger engine = Logger.getLogger("io.kyrodb");   // held: loggers are kept weakly

        Writer(PrintStream out) {
            this.out = out;
        }

        void start(String step) {
            line("@start", step);
        }

        void step(String step, double seconds, long rows, HeapWatch.Peak heap, long liveAtEnd, String note) {
            line("@step", step, Double.toString(seconds), Long.toString(rows), Long.toString(heap.used()),
                    Long.toString(heap.afterGc()), Long.toString(heap.afterFullGc()), Long.toString(heap.collections()),
                    Long.toString(heap.fullCollections()), Long.toString(liveAtEnd), note);
        }

        void size(String label, DiskUsage u) {
            line("@size", label, Long.toString(u.runs()), Long.toString(u.wal()), Long.toString(u.total()));
        }

        void info(String key, Object value) {
            line("@info", key, String.valueOf(value));
        }

        void failed(String step, String description) {
            line("@failed", step, description);
        }

        /** Passes the engine's WARNING and SEVERE records on as {@code @log} lines; returns the handler. */
        Handler forwardEngineWarnings() {
            Handler h = new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                        String text = r.getMessage() + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")");
                        line("@log", r.getLevel().getName(), text);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            engine.addHandler(h);
            return h;
        }

        private synchronized void line(String kind, String... fields) {
            StringBuilder s = new StringBuilder(kind);
            for (String f : fields) {
                s.append('\t').append(f == null ? "" : f.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
            }
            out.println(s);
            out.flush();
        }
    }
}

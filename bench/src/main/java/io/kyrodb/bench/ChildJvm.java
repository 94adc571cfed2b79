package io.kyrodb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this one starts to run a main class of the bench jar with its own heap limit (the big-table
 * and recovery runs put KyroDB in one, so that {@code -Xmx512m} is the engine's limit and a crash is
 * a real {@code SIGKILL}). Same java, same class path. Its standard output is read line by line
 * ({@link #nextLine}: the child reports there), its standard error is copied to this JVM's log as it
 * comes, and the last lines of it are kept for the report of a failure.
 */
final class ChildJvm implements AutoCloseable {

    private static final String EOF = new String("end of output");   // identity marks the end
    private static final int KEPT_ERROR_LINES = 20;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private final Thread outPump;
    private final Thread errPump;
    private final List<String> command;

    private ChildJvm(Process process, List<String> command, PrintStream log) {
        this.process = process;
        this.command = List.copyOf(command);
        outPump = pump(process.getInputStream(), "child-out", line -> lines.add(line));
        errPump = pump(process.getErrorStream(), "child-err", line -> {
            log.println("  | " + line);
            synchronized (lastErrors) {
                if (lastErrors.size() == KEPT_ERROR_LINES) {
                    lastErrors.removeFirst();
                }
                lastErrors.addLast(line);
            }
        });
    }

    /**
     * The command that runs {@code main} with {@code args} in a new JVM: this JVM's java and class
     * path, {@code -Xmx<heap>}, then {@code jvmOptions}.
     */
    static List<String> command(String heap, List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    static ChildJvm start(List<String> command, PrintStream log) {
        try {
            return new ChildJvm(new ProcessBuilder(command).start(), command, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    private Thread pump(InputStream in, String name, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("(reading the child's output failed: " + e.getMessage() + ")");
            } finally {
                if (name.equals("child-out")) {
                    lines.add(EOF);
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The next line the child printed on its standard output, waiting up to {@code timeout}; null
     * once it closed its output (it exited, or was killed) and every line was returned.
     *
     * @throws Stalled if no line came within {@code timeout}
     */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new Stalled(timeout);
        }
        if (line == EOF) {
            lines.add(EOF);   // later calls see the end too
            return null;
        }
        return line;
    }

    /** Waits for the child to exit (after its output ended) and returns its exit status. */
    int waitFor() throws InterruptedException {
        int status = process.waitFor();
        errPump.join(5_000);
        return status;
    }

    /**
     * SIGKILL and wait until the process is gone; every line it printed before it died is still
     * returned by {@link #nextLine}. Sent through its {@link ProcessHandle}: {@link
     * Process#destroyForcibly} also closes this end of the child's standard output right after the
     * signal, which throws away what the child wrote that the reading thread had not read yet (on a
     * loaded machine, its last {@code @committed} lines: the recovery bench then saw a count one
     * commit beyond what it could explain).
     */
    void kill() throws InterruptedException {
        sigkill(process);
        errPump.join(5_000);
        outPump.join(5_000);
    }

    /**
     * SIGKILLs {@code p} and waits until it is gone, leaving its standard output readable to the
     * end (see {@link #kill}).
     */
    static void sigkill(Process p) throws InterruptedException {
        p.toHandle().destroyForcibly();
        p.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    List<String> command() {
        return command;
    }

    /** The last lines the child wrote to standard error. */
    List<String> lastErrorLines() {
        synchronized (lastErrors) {
            return List.copyOf(lastErrors);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The child printed nothing for the given time. */
    static final class Stalled extends RuntimeException {
        Stalled(Duration timeout) {
            super("the child JVM printed nothing for " + timeout.toSeconds() + " s");
        }
    }
}

package io.kyrodb.tck.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs every sqllogictest script (see {@link SltSources}) against KyroDB through JDBC: one
 * container per file, one test per record, named {@code file:line <first words of the SQL>}.
 * Each file gets a fresh database: {@code jdbc:kyro:mem:}, or a directory of its own when the
 * script restarts. Records run in file order; a failing one does not stop the rest.
 *
 * <p>Scripts listed in {@code sqllogictest/expected-failures.txt} run too, but their failing
 * records show as skipped (aborted) and only their count is reported; the file's last test fails
 * if a listed script passes completely, so the list only shrinks.
 *
 * <p>System properties: {@code kyro.slow=true} adds {@code .slow.test} scripts;
 * {@code kyro.tck.include=a,b} runs only scripts whose name contains one of the parts;
 * {@code kyro.tck.timeout=S} is the seconds one record may take (default 10);
 * {@code kyro.tck.budget=S} the seconds one script may take (default 60);
 * {@code kyro.tck.storage=file} puts every script's database in a directory.
 *
 * <p>Plans must not change results: subclasses run every script again under other planner
 * settings ({@link #variant()}), e.g. without secondary indexes or with the cost-based choices off.
 * There the EXPLAIN records are skipped (their plan text differs by design); every other record
 * must give the same answer.
 */
class SqlLogicTest {

    /** Settings a run adds to every connection's URL; {@code name} labels its summary. */
    record Variant(String name, String urlSettings) {
        static final Variant DEFAULT = new Variant("", "");

        boolean isDefault() {
            return urlSettings.isEmpty();
        }
    }

    /** The planner settings this class runs the scripts under. */
    Variant variant() {
        return Variant.DEFAULT;
    }

    static final String EXPECTED_FAILURES = "expected-failures.txt";

    @TempDir
    static Path databases;

    private static final List<String> summaries = new ArrayList<>();
    private static int totalPassed;
    private static int totalFailed;
    private static int totalSkipped;
    private static int expectedFailed;

    @TestFactory
    Stream<DynamicNode> sqllogictest() throws IOException, SltSyntaxException {
        ExpectedFailures expected = expectedFailures();
        Optional<Path> shared = SltSources.sharedDir();
        if (shared.isEmpty()) {
            System.out.println("sqllogictest: no shared/" + SltSources.SHARED_SCRIPTS
                    + " found (set kyro.shared.dir); running the tck's own scripts only");
        }
        List<String> include = Arrays.stream(System.getProperty("kyro.tck.include", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return SltSources.discover(Boolean.getBoolean("kyro.slow")).stream()
                .filter(s -> include.isEmpty() || include.stream().anyMatch(s.name()::contains))
                .map(s -> container(s, expected, variant()));
    }

    @Test
    void expectedFailuresNameExistingScripts() throws IOException, SltSyntaxException {
        Optional<Path> shared = SltSources.sharedDir();
        for (String name : expectedFailures().entries().keySet()) {
            Path file;
            if (name.startsWith(SltSources.SHARED_SCRIPTS + "/")) {
                if (shared.isEmpty()) {
                    continue;
                }
                file = shared.get().resolve(name);
            } else {
                file = SltSources.ownRoot().resolve(name);
            }
            assertTrue(Files.isRegularFile(file),
                    EXPECTED_FAILURES + " lists " + name + ", which does not exist: remove it from the list");
        }
    }

    @AfterAll
    static void printTotals() {
        if (summaries.isEmpty()) {
            return;
        }
        System.out.println("sqllogictest summary:");
        summaries.forEach(s -> System.out.println("  " + s));
        System.out.printf("sqllogictest: %d files, %d records run, %d passed, %d failed (%d of them in listed"
                        + " expected failures), %d skipped%n", summaries.size(), totalPassed + totalFailed,
                totalPassed, totalFailed, expectedFailed, totalSkipped);
        summaries.clear();   // the next class (a variant) counts its own
        totalPassed = totalFailed = totalSkipped = expectedFailed = 0;
    }

    static ExpectedFailures expectedFailures() throws IOException, SltSyntaxException {
        Path list = SltSources.ownRoot().resolve(EXPECTED_FAILURES);
        return ExpectedFailures.parse(EXPECTED_FAILURES, Files.readString(list, StandardCharsets.UTF_8));
    }

    private static DynamicContainer container(SltSources.Source source, ExpectedFailures expected, Variant variant) {
        SltScript script;
        try {
            script = SltParser.parse(source.name(), Files.readString(source.path(), StandardCharsets.UTF_8));
        } catch (IOException | SltSyntaxException e) {
            return DynamicContainer.dynamicContainer(source.name(), Stream.of(
                    DynamicTest.dynamicTest(source.name() + " parse", () -> fail("cannot read the script: " + e.getMessage(), e))));
        }
        FileRun run = new FileRun(script, expected.lists(script.name()), variant);
        List<DynamicNode> tests = new ArrayList<>();
        List<SltRecord> pendingControl = new ArrayList<>();
        for (SltRecord record : script.records()) {
            if (!SltScriptRun.counts(record)) {
                pendingControl.add(record);
                continue;
            }
            List<SltRecord> step = new ArrayList<>(pendingControl);
            step.add(record);
            pendingControl.clear();
            tests.add(DynamicTest.dynamicTest(testName(script, record), () -> run.step(step)));
        }
        List<SltRecord> trailing = List.copyOf(pendingControl);
        tests.add(DynamicTest.dynamicTest(script.fileName() + " summary", () -> run.finish(trailing)));
        return DynamicContainer.dynamicContainer(script.name(), tests.stream());
    }

    static String testName(SltScript script, SltRecord record) {
        String words = switch (record) {
            case SltRecord.Restart r -> "restart";
            case SltRecord.Connection c -> "connection " + c.name();
            default -> record.sql().strip().replaceAll("\\s+", " ");
        };
        if (words.length() > 60) {
            words = words.substring(0, 57) + "...";
        }
        return script.fileName() + ":" + record.line() + " " + words;
    }

    private static String urlFor(SltScript script, Variant variant) {
        if (script.restarts() || "file".equals(System.getProperty("kyro.tck.storage"))) {
            Path dir = databases.resolve((variant.isDefault() ? "" : variant.name() + "-")
                    + script.name().replaceAll("[^A-Za-z0-9._-]", "_"));
            return "jdbc:kyro:file:" + dir + variant.urlSettings();
        }
        return "jdbc:kyro:mem:" + variant.urlSettings();
    }

    /**
     * A record reported as skipped: not for this engine, after a halt, or an expected failure. It
     * carries no stack trace: thousands of them would only bloat the reports.
     */
    private static final class NotRun extends TestAbortedException {
        private static final long serialVersionUID = 1L;

        NotRun(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** The state of one file's run across its dynamic tests, which JUnit runs in order on one thread. */
    private static final class FileRun {
        private final SltScript script;
        private final boolean listed;
        private final Variant variant;
        private SltScriptRun run;
        private long startNanos;

        FileRun(SltScript script, boolean listed, Variant variant) {
            this.script = script;
            this.listed = listed;
            this.variant = variant;
        }

        private SltScriptRun run() {
            if (run == null) {
                startNanos = System.nanoTime();
                Duration timeout = Duration.ofSeconds(Long.getLong("kyro.tck.timeout", 10));
                Duration budget = Duration.ofSeconds(Long.getLong("kyro.tck.budget", 60));
                run = new SltScriptRun(script, urlFor(script, variant), timeout, budget);
            }
            return run;
        }

        void step(List<SltRecord> step) {
            SltRecord record = step.get(step.size() - 1);
            if (!variant.isDefault() && !(record instanceof SltRecord.Restart) && !(record instanceof SltRecord.Connection)
                    && record.sql().stripLeading().regionMatches(true, 0, "EXPLAIN", 0, 7)) {
                for (SltRecord r : step.subList(0, step.size() - 1)) {
                    run().execute(r);
                }
                throw new NotRun("EXPLAIN shows the plan, which " + variant.name() + " changes by design");
            }
            RecordOutcome outcome = null;
            for (SltRecord r : step) {
                outcome = run().execute(r);
            }
            switch (outcome.status()) {
                case PASSED -> { }
                case SKIPPED -> throw new NotRun(outcome.message());
                case FAILED -> {
                    String where = script.name() + ":" + record.line() + ": ";
                    if (listed) {
                        throw new NotRun("expected failure (" + script.name() + " is listed in "
                                + EXPECTED_FAILURES + "): " + outcome.message());
                    }
                    throw new AssertionFailedError(where + outcome.message(), outcome.cause());
                }
            }
        }

        void finish(List<SltRecord> trailing) {
            SltScriptRun r = run();
            trailing.forEach(r::execute);
            r.close();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            String summary = String.format("%s%s (%.1f s)%s", variant.isDefault() ? "" : "[" + variant.name() + "] ",
                    r.summary(), seconds, listed ? " [expected failures]" : "");
            System.out.println("sqllogictest " + summary);
            synchronized (SqlLogicTest.class) {
                summaries.add(summary);
                totalPassed += r.passed();
                totalFailed += r.failed();
                totalSkipped += r.skipped();
                if (listed) {
                    expectedFailed += r.failed();
                }
            }
            if (listed && r.failed() == 0) {
                fail(script.name() + " now passes completely: remove it from expected-failures.txt");
            }
        }
    }
}

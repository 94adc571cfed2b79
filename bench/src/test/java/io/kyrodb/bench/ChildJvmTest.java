package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed child printed stays readable: the crash benches count a commit as acknowledged by
 * the line the writer printed after it, so a line lost at the kill makes a correct recovery look
 * like one that invented a transaction ({@code RecoveryTimeSmokeTest} once saw 16,000 rows where
 * 15,000 were acknowledged).
 */
class ChildJvmTest {

    @TempDir
    Path dir;

    /**
     * The child prints 5,000 lines (about 24 kB, less than a pipe holds, so they all wait in the
     * pipe unread), then creates a file and sleeps. Killed then, all its lines must still be read.
     * {@link Process#destroyForcibly}, which {@link ChildJvm#kill} used, closes this end of the
     * pipe right after the signal: reading then fails with "Stream closed" and the 5,000 lines are
     * lost, as the last {@code @committed} lines were when the reading thread lagged on a loaded
     * machine. {@link ChildJvm#sigkill} signals through the process handle and keeps them.
     */
    @Test
    void linesAKilledChildPrintedAreStillRead() throws Exception {
        Path done = dir.resolve("done");
        Process p = new ProcessBuilder(ChildJvm.command("64m", List.of(), Printer.class, List.of(done.toString())))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(done) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(done).as("the child printed its lines").exists();
            ChildJvm.sigkill(p);
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            assertThat(lines).hasSize(Printer.LINES);
            assertThat(lines.getLast()).isEqualTo(Integer.toString(Printer.LINES));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Prints 1..LINES, creates the file its argument names, then sleeps until it is killed. */
    public static final class Printer {
        static final int LINES = 5_000;

        public static void main(String[] args) throws Exception {
            for (int i = 1; i <= LINES; i++) {
                System.out.println(i);
            }
            System.out.flush();
            Files.createFile(Path.of(args[0]));
            Thread.sleep(600_000);
        }
    }
}

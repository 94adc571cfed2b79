package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseLockTest {
    @TempDir
    Path db;

    private final FileSystem fs = LocalFileSystem.INSTANCE;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        for (Process p : children) {
            p.destroyForcibly();
        }
    }

    private Process startChild(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), mode, db.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        children.add(p);
        return p;
    }

    private static String readLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    /** Waits for a child that is expected to finish (bounded only so a bug cannot hang the build). */
    private static int exitCode(Process p) throws InterruptedException {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child process finished").isTrue();
        return p.exitValue();
    }

    /** What a second process sees when it tries to open the database. */
    private String childTries() throws Exception {
        Process p = startChild("try");
        String line = readLine(p);
        int code = exitCode(p);
        assertThat(code).as(line).isIn(0, 3);
        return line;
    }

    @Test
    void acquireWritesTheHolderAndReleaseLetsTheNextOneIn() throws IOException {
        long pid = ProcessHandle.current().pid();
        String holder;
        try (DatabaseLock lock = DatabaseLock.acquire(fs, db)) {
            assertThat(lock.directory()).isEqualTo(db);
            holder = lock.holder();
            assertThat(holder).startsWith("pid=" + pid + "\nsince=");
        }
        assertThat(Files.readString(db.resolve(DatabaseLock.FILE_NAME))).isEqualTo(holder);
        DatabaseLock.acquire(fs, db).close();
    }

    @Test
    void aSecondOpenInTheSameJvmFailsAndDoesNotReleaseTheFirst() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (DatabaseLock lock = DatabaseLock.acquire(fs, db)) {
            assertThat(lock.directory()).isEqualTo(db);
            // Not Files.readString(kyro.lock): closing any channel of the file in this JVM would
            // drop the POSIX lock, which is exactly what this test is about.
            String since = lock.holder().lines()
                    .filter(l -> l.startsWith("since=")).findFirst().orElseThrow().substring(6);
            Path alias = db.resolve("../" + db.getFileName());
            assertThatThrownBy(() -> DatabaseLock.acquire(fs, alias))
                    .isInstanceOfSatisfying(KyroException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.OBJECT_IN_USE);
                        assertThat(e.getMessage()).isEqualTo("database " + alias + " is in use by process " + pid
                                + " (since " + since + ")");
                    });
            // On POSIX a failed attempt that closed its own channel would have dropped our lock.
            assertThat(childTries()).startsWith("IN_USE 55006 database " + db + " is in use by process " + pid);
        }
        assertThat(childTries()).isEqualTo("ACQUIRED");
    }

    @Test
    void anotherProcessHoldingTheLockIsNamed() throws Exception {
        Process holder = startChild("hold");
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String locked = out.readLine();
        assertThat(locked).isEqualTo("LOCKED " + holder.pid());

        assertThatThrownBy(() -> DatabaseLock.acquire(fs, db))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.OBJECT_IN_USE);
                    assertThat(e.getMessage()).startsWith("database " + db + " is in use by process " + holder.pid()
                            + " (since ");
                });

        try (Writer in = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("release\n");
        }
        assertThat(out.readLine()).isEqualTo("RELEASED");
        assertThat(exitCode(holder)).isZero();
        DatabaseLock.acquire(fs, db).close();
    }

    @Test
    void aKilledHolderLeavesNoLockBehind() throws Exception {
        Process holder = startChild("hold");
        assertThat(readLine(holder)).isEqualTo("LOCKED " + holder.pid());
        holder.destroyForcibly();
        exitCode(holder);
        // The stale file still names the dead process; only the OS lock counts.
        assertThat(Files.readString(db.resolve(DatabaseLock.FILE_NAME))).contains("pid=" + holder.pid());
        String holderNow;
        try (DatabaseLock lock = DatabaseLock.acquire(fs, db)) {
            holderNow = lock.holder();
        }
        assertThat(Files.readString(db.resolve(DatabaseLock.FILE_NAME))).isEqualTo(holderNow)
                .startsWith("pid=" + ProcessHandle.current().pid() + "\n");
    }

    @Test
    void aMissingDirectoryIs58030() {
        assertThatThrownBy(() -> DatabaseLock.acquire(fs, db.resolve("missing")))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
                    assertThat(e.getMessage()).startsWith("could not open database directory " + db.resolve("missing"));
                });
    }
}

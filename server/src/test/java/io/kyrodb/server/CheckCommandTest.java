package io.kyrodb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kyro check DIR}: exit status and output for a healthy, a damaged and a missing database. */
class CheckCommandTest {

    @Test
    void healthyDamagedAndMissing(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("db");
        ShellRun made = ShellRun.run("create table t (id int primary key, v text);\n"
                + "insert into t values (1, 'one'), (2, 'two');\ncheckpoint;\n", db.toString());
        assertThat(made.err()).isEmpty();
        assertThat(made.out()).contains("CHECKPOINT");

        ShellRun ok = ShellRun.run("", "check", db.toString());
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).contains("no errors").contains("1 runs");

        var runs = db.resolve("runs").toFile().listFiles();
        Arrays.sort(runs);
        try (RandomAccessFile f = new RandomAccessFile(runs[0], "rw")) {
            f.seek(20);
            int b = f.read();
            f.seek(20);
            f.write(b ^ 1);
        }
        ShellRun bad = ShellRun.run("", "check", db.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("ERROR").contains(runs[0].getName()).contains("at offset");
        assertThat(bad.out()).contains("1 errors");

        ShellRun none = ShellRun.run("", "check", tmp.resolve("nothing").toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("not a KyroDB database");
    }
}

package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recovery figures come from the engine's FINE "opened" line: these tests fail if it changes shape. */
class OpenLogTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheOpenedLine() {
        OpenLog log = OpenLog.parse("opened /tmp/x y: checkpoint at WAL LSN 123 with 7 runs; replayed 456 WAL records"
                + " (789 bytes) up to LSN 579 in 12 ms");
        assertThat(log).isEqualTo(new OpenLog(123, 7, 456, 789, 579, 12));
        assertThat(OpenLog.parse("compacted 4 runs of kv into 10 keys, 100 bytes")).isNull();
    }

    @Test
    void capturesWhatTheEngineLogsWhenItReplaysTheWal() throws SQLException {
        String url = "jdbc:kyro:file:" + dir.resolve("db");
        try (OpenLog.Capture capture = OpenLog.capture()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1), (2)");
            }
            // a clean close checkpoints: the next open replays nothing
            capture.clear();
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(c.isValid(1)).isTrue();
            }
            OpenLog reopened = capture.last();
            assertThat(reopened).as(capture.lastLine()).isNotNull();
            assertThat(reopened.records()).isZero();
            assertThat(reopened.bytes()).isZero();
            assertThat(capture.lastLine()).contains(dir.resolve("db").toString());
        }
    }
}

package io.kyrodb.engine;

import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.run.BlockCache;
import io.kyrodb.engine.storage.run.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose runs are format 2 (test resource upgrade/runformat2, written by the build
 * before format 3; its README says what it holds) opens in this build, answers through its
 * indexes and scans alike, and after VACUUM holds only format 3 runs, the indexes' entries as key
 * rows where exact (a numeric(8,2) key part keeps its scale), still answering the same after a
 * restart; a run that is left format 2 would also be read.
 */
class RunFormatUpgradeTest {
    @TempDir
    Path dir;

    private Path copyFixture() throws IOException, URISyntaxException {
        Path from = Path.of(RunFormatUpgradeTest.class.getResource("/upgrade/runformat2").toURI());
        Path to = dir.resolve("db");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("README.md")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static boolean present(int id) {
        return id >= 3000 || id % 17 != 5;
    }

    private static int k(int id) {
        return id % 97 + (id < 3000 && id % 10 == 3 ? 1000 : 0);
    }

    private static String w(int id) {
        return id % 100 == 7 ? "late" : id < 3000 ? "w" + id % 13 : null;
    }

    private static BigDecimal n(int id) {
        return id < 3000 ? BigDecimal.valueOf(id % 50 * 15L, 1).setScale(2) : null;
    }

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        ExecResult.Rows r = (ExecResult.Rows) s.execute(sql);
        for (Object[] row; (row = r.next()) != null; ) {
            out.add(java.util.Arrays.toString(row));
        }
        return out;
    }

    /** The fixture's contents, read through each index and through a scan, against the generator's rules. */
    private static void checkContents(Session s) {
        long count = 0;
        long sumK = 0;
        List<String> k5 = new ArrayList<>();
        List<String> late = new ArrayList<>();
        List<String> w3 = new ArrayList<>();
        for (int id = 0; id < 4000; id++) {
            if (!present(id)) {
                continue;
            }
            count++;
            sumK += k(id);
            if (k(id) == 5) {
                k5.add("[" + id + "]");
            }
            if ("late".equals(w(id)) && n(id) != null && n(id).compareTo(new BigDecimal("10.5")) == 0) {
                late.add("[" + id + ", " + n(id) + "]");
            }
            if ("w3".equals(w(id))) {
                w3.add("[" + id + ", " + n(id) + "]");
            }
        }
        w3.sort(java.util.Comparator.comparing((String x) -> new BigDecimal(x.substring(x.indexOf(", ") + 2,
                x.length() - 1))).thenComparing(x -> Integer.parseInt(x.substring(1, x.indexOf(',')))));
        assertThat(rows(s, "SELECT count(*), sum(k) FROM t")).containsExactly("[" + count + ", " + sumK + "]");
        for (String mode : new String[]{"on", "off"}) {
            s.execute("SET enable_indexscan = " + mode);
            s.execute("SET enable_indexonlyscan = " + mode);
            assertThat(rows(s, "SELECT id FROM t WHERE k = 5 ORDER BY id")).as("k = 5, index %s", mode)
                    .containsExactlyElementsOf(k5);
            assertThat(rows(s, "SELECT id, n FROM t WHERE w = 'late' AND n = 10.5 ORDER BY id"))
                    .as("late, index %s", mode).containsExactlyElementsOf(late);
            assertThat(rows(s, "SELECT id, n FROM t WHERE w = 'w3' ORDER BY n, id")).as("w3, index %s", mode)
                    .containsExactlyElementsOf(w3);
            assertThat(rows(s, "SELECT w, n FROM t WHERE w = 'w3' AND n = 1.5 LIMIT 1"))
                    .as("the scale of a numeric index key part, index %s", mode).containsExactly("[w3, 1.50]");
        }
        s.execute("RESET enable_indexscan");
        s.execute("RESET enable_indexonlyscan");
        long pairs = java.util.stream.IntStream.range(0, 3000).filter(a -> a % 11 != 4).count();
        assertThat(rows(s, "SELECT count(*) FROM pair")).containsExactly("[" + pairs + "]");
        assertThat(rows(s, "SELECT a, b FROM pair WHERE a BETWEEN 14 AND 16 ORDER BY a"))
                .containsExactly("[14, b0]", "[16, b2]");
    }

    private static List<Integer> runVersions(Path db) throws IOException {
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> runs = Files.list(db.resolve("runs"))) {
            for (Path p : runs.sorted().toList()) {
                versions.add(ByteReader.getInt(Files.readAllBytes(p), 8));
            }
        }
        return versions;
    }

    private static int keyRowsIn(Path db) throws IOException {
        int n = 0;
        try (Stream<Path> runs = Files.list(db.resolve("runs"))) {
            for (Path p : runs.toList()) {
                Run run = Run.open(LocalFileSystem.INSTANCE, p, 1, new BlockCache(1 << 20));
                try {
                    Run.RawCursor c = run.raw();
                    while (c.next()) {
                        n += c.isKeyRow() ? 1 : 0;
                    }
                } finally {
                    run.close();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return n;
    }

    @Test
    void aFormat2DatabaseOpensAnswersAndCompactsIntoFormat3() throws Exception {
        Path db = copyFixture();
        assertThat(runVersions(db)).isNotEmpty().containsOnly(2);
        try (Session s = Session.connect(new DatabaseLocation.Directory(db), Map.of())) {
            checkContents(s);
            s.execute("VACUUM");
            checkContents(s);
        }
        assertThat(runVersions(db)).isNotEmpty().containsOnly(3);
        assertThat(keyRowsIn(db)).as("index entries (and pair's rows) stored as their keys").isGreaterThan(5000);
        try (Session s = Session.connect(new DatabaseLocation.Directory(db), Map.of())) {
            checkContents(s);
            s.execute("INSERT INTO t VALUES (5000, 5, 'w3', 1.50)");
            assertThat(rows(s, "SELECT id, n FROM t WHERE k = 5 AND n IS NOT NULL AND id >= 5000"))
                    .containsExactly("[5000, 1.50]");
            s.execute("DELETE FROM t WHERE id = 5000");
            checkContents(s);
        }
    }
}

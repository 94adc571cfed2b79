package io.kyrodb.tck.crash;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;

/**
 * The workload {@link HnswCrashTest} kills: a table with an HNSW index (built after a preload, so
 * kills land in the build too), then single-row commits that insert, update and delete vectors,
 * each acknowledged on stdout ({@code commit n}) once it returned. {@link #apply} is the model.
 */
public final class HnswCrashChild {
    static final int DIMS = 8;
    static final int PRELOAD = 1500;
    static final long PRELOAD_BASE = 100_000;

    private HnswCrashChild() {
    }

    static String url(Path dir) {
        return "jdbc:kyro:file:" + dir + ";memtable_size=256kB";
    }

    /** The vector of row {@code id} as written by commit {@code version}. */
    static float[] vector(long id, long version) {
        Random r = new Random(id * 1_000_003L + version);
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = r.nextInt(1000) / 10f;
        }
        return v;
    }

    static String text(float[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.append(']').toString();
    }

    /** Commit {@code n}'s change: {insert|update|delete, id}. */
    static long[] op(long n) {
        if (n % 7 == 0) {
            return new long[]{2, n / 7 * 3};          // delete (may hit nothing)
        }
        if (n % 5 == 0) {
            return new long[]{1, n - 3};              // update (may hit nothing)
        }
        return new long[]{0, n};                      // insert
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CrashChild.watchParent();
        PrintStream out = System.out;
        try (Connection c = DriverManager.getConnection(url(dir)); Statement s = c.createStatement()) {
            String keyType = args.length > 1 ? args[1] : "bigint";   // numeric: keys stored with the graph's rows
            s.execute("CREATE TABLE t (id " + keyType + " PRIMARY KEY, v vector(" + DIMS + "))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?::vector)")) {
                for (int i = 0; i < PRELOAD; i++) {
                    ps.setLong(1, PRELOAD_BASE + i);
                    ps.setString(2, text(vector(PRELOAD_BASE + i, 0)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            out.println("commit 0");
            out.flush();
            s.execute("CREATE INDEX t_v ON t USING hnsw (v vector_l2_ops) WITH (m = 8, ef_construction = 32)");
            out.println("indexed");
            out.flush();
            for (long n = 1; ; n++) {
                long[] op = op(n);
                switch ((int) op[0]) {
                    case 0 -> s.executeUpdate("INSERT INTO t VALUES (" + op[1] + ", '" + text(vector(op[1], n)) + "')");
                    case 1 -> s.executeUpdate("UPDATE t SET v = '" + text(vector(op[1], n)) + "' WHERE id = " + op[1]);
                    default -> s.executeUpdate("DELETE FROM t WHERE id = " + op[1]);
                }
                out.println("commit " + n);
                out.flush();
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }
    }
}

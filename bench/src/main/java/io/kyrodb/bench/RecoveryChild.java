package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The writer {@link RecoveryTime} kills: opens the database (creating {@code kv} when it starts at
 * id 1), then commits INSERTs of consecutive ids, {@code --batch} a transaction, until it is killed.
 * Standard output ({@link ChildReport}, plus two lines of its own):
 * <pre>
 * &#64;committed lastId            after each commit returned: every id up to lastId is durable
 * &#64;target    bytes lastId      once, when the directory first holds --target-bytes
 * &#64;opened    count distinct max with --start-id 0: what the open found in kv (count(*),
 *                                 count(DISTINCT id), max(id)); it goes on after max
 * </pre>
 * Arguments: {@code --db PATH --url URL --start-id N --target-bytes N --val-length N --batch N
 * --max-seconds N}. It stops by itself after --max-seconds, or when its parent stops reading.
 * {@code --start-id 0} opens a database that may have crashed before, without the parent reopening
 * it in between: the child recovers it, reports what it found and continues after the largest id.
 */
public final class RecoveryChild {

    public static void main(String[] args) throws Exception {
        Path dir = null;
        String url = null;
        long startId = 1;
        long target = 0;
        int valLength = 1000;
        int batch = 10_000;
        long maxSeconds = 3600;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--db" -> dir = Path.of(v);
                case "--url" -> url = v;
                case "--start-id" -> startId = Long.parseLong(v);
                case "--target-bytes" -> target = Long.parseLong(v);
                case "--val-length" -> valLength = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--max-seconds" -> maxSeconds = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null || url == null) {
            System.err.println("usage: RecoveryChild --db PATH --url URL [--start-id N --target-bytes N ...]");
            System.exit(2);
        }
        ChildReport.Writer report = new ChildReport.Writer(System.out);
        report.forwardEngineWarnings();
        String step = "open";
        try {
            run(report, dir, url, startId, target, valLength, batch, maxSeconds);
        } catch (Throwable e) {
            report.failed(step, ChildReport.describe(e));
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(ChildReport.Writer report, Path dir, String url, long startId, long target, int valLength,
                            int batch, long maxSeconds) throws SQLException {
        report.start("open");
        Connection c = DriverManager.getConnection(url);
        report.info("memtable_size", show(c, "memtable_size"));
        report.info("heap_max", Runtime.getRuntime().maxMemory());
        report.info("memtable_effective", Math.min(BigTableChild.sizeBytes(show(c, "memtable_size")),
                Runtime.getRuntime().maxMemory() / 8));
        if (startId == 0) {
            try (Statement s = c.createStatement()) {
                s.execute(Dataset.CREATE_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"));
                try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT id), coalesce(max(id), 0) FROM kv")) {
                    r.next();
                    System.out.println("@opened\t" + r.getLong(1) + "\t" + r.getLong(2) + "\t" + r.getLong(3));
                    System.out.flush();
                    startId = r.getLong(3) + 1;
                }
            }
        } else if (startId == 1) {
            try (Statement s = c.createStatement()) {
                s.execute(Dataset.CREATE_TABLE);
            }
        }
        report.start("insert");
        KvRows kv = new KvRows(1, 0, valLength);   // values depend on the id only
        c.setAutoCommit(false);
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        boolean reached = false;
        try (PreparedStatement insert = c.prepareStatement(Dataset.INSERT)) {
            for (long next = startId; System.nanoTime() < deadline; next += batch) {
                for (long id = next; id < next + batch; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, kv.val(id));
                    insert.setInt(3, KvRows.n(id));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                long last = next + batch - 1;
                System.out.println("@committed\t" + last);
                if (!reached) {
                    long size = DiskUsage.size(dir);
                    if (size >= target) {
                        reached = true;
                        System.out.println("@target\t" + size + "\t" + last);
                    } else if ((last / batch) % 10 == 0) {
                        System.out.printf("  loading: %,d rows, %s%n", last, DiskUsage.mb(size));
                    }
                }
                System.out.flush();
                if (System.out.checkError()) {
                    return;   // nobody reads us any more
                }
            }
        }
        c.close();
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            return r.next() ? r.getString(1) : "";
        }
    }
}

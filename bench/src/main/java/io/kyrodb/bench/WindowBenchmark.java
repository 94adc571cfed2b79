package io.kyrodb.bench;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Window functions over the whole loaded table: {@code row_number()} and a running {@code sum(n)}
 * over 64 partitions ordered by id, folded to two numbers by an outer aggregate so that the
 * result transfer does not dominate. Run {@code runs} times after one unmeasured run; each answer is
 * checked against the one computed from the data set in Java. Reports the median time.
 */
public final class WindowBenchmark implements Workload {
    static final String QUERY = "SELECT sum(rn), max(rs) FROM (SELECT row_number() OVER w AS rn,"
            + " sum(n) OVER w AS rs FROM kv WINDOW w AS (PARTITION BY n % 64 ORDER BY id)) t";

    private final int runs;

    public WindowBenchmark(int runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "window";
    }

    @Override
    public String method() {
        return String.format(Locale.ROOT, "%s, after load: one unmeasured run, then the median of %d runs"
                + " (wall time from executeQuery to the row read), each checked against the answer computed from"
                + " the data set", QUERY, runs);
    }

    @Override
    public WorkloadResult run(BenchDatabase database, Dataset data, PrintStream log) throws SQLException {
        long[] expected = expected(data);
        List<Long> nanos = new ArrayList<>();
        try (Statement st = database.connection().createStatement()) {
            for (int i = 0; i <= runs; i++) {
                long start = System.nanoTime();
                long rn;
                long rs;
                try (ResultSet r = st.executeQuery(QUERY)) {
                    r.next();
                    rn = r.getLong(1);
                    rs = r.getLong(2);
                }
                long took = System.nanoTime() - start;
                if (rn != expected[0] || rs != expected[1]) {
                    throw new WrongResultException(String.format(Locale.ROOT, "window query gave (%d, %d), expected"
                            + " (%d, %d)", rn, rs, expected[0], expected[1]));
                }
                if (i > 0) {
                    nanos.add(took);
                }
                log.printf("    window run %d: %.1f ms%n", i, took / 1e6);
            }
        }
        nanos.sort(null);
        double medianMs = nanos.get(nanos.size() / 2) / 1e6;
        return new WorkloadResult(List.of(new Measurement("window_ms", "window ms", medianMs, 0)), List.of(),
                List.of(String.format(Locale.ROOT, "window: median of %d runs %.0f ms over %,d rows", runs, medianMs,
                        data.rows())));
    }

    /** sum of row_number() and the largest running sum, computed from the rows in id order. */
    static long[] expected(Dataset data) {
        long[] count = new long[127];
        long[] running = new long[127];
        long sumRn = 0;
        long maxRs = Long.MIN_VALUE;
        for (long id = 1; id <= data.rows(); id++) {
            int p = data.nOf(id) % 64 + 63;   // SQL's %: the sign of the dividend, as Java's
            count[p]++;
            running[p] += data.nOf(id);
            sumRn += count[p];
            maxRs = Math.max(maxRs, running[p]);
        }
        return new long[]{sumRn, maxRs};
    }
}

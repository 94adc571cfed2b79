package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN ANALYZE's measured parts, which a .test file cannot pin (times vary): each operator's
 * {@code actual time=a..b} with a &lt;= b, the summary's planning and execution times; TIMING OFF and
 * SUMMARY OFF drop them; a prepared statement keeps its answer when SET changes a planner switch.
 */
class ExplainAnalyzeTest {
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        session.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER)");
        session.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER)");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(i % 7).append(')');
        }
        session.execute("INSERT INTO a VALUES " + values);
        session.execute("INSERT INTO b VALUES " + values);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private List<String> lines(String sql) {
        List<String> out = new ArrayList<>();
        try (ExecResult.Rows rows = (ExecResult.Rows) session.execute(sql)) {
            for (Object[] r; (r = rows.next()) != null; ) {
                out.add((String) r[0]);
            }
        }
        return out;
    }

    @Test
    void everyOperatorHasOrderedTimesAndTheSummaryFollows() {
        List<String> plan = lines("EXPLAIN ANALYZE SELECT a.x, count(*) FROM a JOIN b ON a.id = b.a_id GROUP BY a.x");
        List<String> operators = plan.stream().filter(l -> l.contains("(rows=")).toList();
        assertThat(operators).hasSizeGreaterThanOrEqualTo(5);
        java.util.regex.Pattern measured = java.util.regex.Pattern.compile(
                ".*\\(rows=\\d+\\) \\(actual time=(\\d+\\.\\d{3})\\.\\.(\\d+\\.\\d{3}) rows=\\d+ loops=\\d+\\)$");
        for (String line : operators) {
            java.util.regex.Matcher m = measured.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(Double.parseDouble(m.group(2)));
        }
        assertThat(plan.get(plan.size() - 3)).isEqualTo("Estimator: histogram");
        assertThat(plan.get(plan.size() - 2)).matches("Planning Time: \\d+\\.\\d{3} ms");
        assertThat(plan.get(plan.size() - 1)).matches("Execution Time: \\d+\\.\\d{3} ms");
        assertThat(plan).anyMatch(l -> l.contains("Hash Join  (rows=300) (actual time=") && l.endsWith("rows=300 loops=1)"));
    }

    @Test
    void theInputsOfWindowAndDistinctOnAreMeasuredToo() {
        assertThat(lines("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) SELECT x, row_number() OVER (PARTITION BY x ORDER BY id)"
                + " FROM a WHERE x = 3"))
                .anyMatch(l -> l.contains("Seq Scan on a  (rows=43) (actual rows=43 loops=1)"))
                .noneMatch(l -> l.contains("never executed"));
        assertThat(lines("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) SELECT DISTINCT ON (x) x, id FROM a ORDER BY x, id"))
                .anyMatch(l -> l.contains("Seq Scan on a  (rows=300) (actual rows=300 loops=1)"))
                .noneMatch(l -> l.contains("never executed"));
    }

    @Test
    void timingAndSummaryOff() {
        List<String> plan = lines("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) SELECT id FROM a WHERE x = 3");
        assertThat(plan).containsExactly(
                "Seq Scan on a  (rows=43) (actual rows=43 loops=1)",
                "  Filter: (x = 3)",
                "  Rows Removed by Filter: 257",
                "Estimator: histogram");
        assertThat(lines("EXPLAIN (SUMMARY) SELECT id FROM a")).last().asString().startsWith("Planning Time: ");
    }

    @Test
    void switchesChangeThePlanNotTheAnswerOfAPreparedStatement() {
        PreparedSql p = session.prepare("SELECT count(*) FROM a JOIN b ON a.id = b.a_id");
        assertThat(((ExecResult.Rows) p.run(new Object[0])).next()[0]).isEqualTo(300L);
        session.execute("SET enable_hashjoin = off");
        session.execute("SET enable_indexscan = off");
        assertThat(((ExecResult.Rows) p.run(new Object[0])).next()[0]).isEqualTo(300L);
        assertThat(lines("EXPLAIN (COSTS OFF) SELECT count(*) FROM a JOIN b ON a.id = b.a_id"))
                .anyMatch(l -> l.contains("Nested Loop")).noneMatch(l -> l.contains("Hash"));
    }
}

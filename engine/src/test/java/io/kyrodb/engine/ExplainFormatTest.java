package io.kyrodb.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EXPLAIN's options beyond what a .test file can compare: FORMAT JSON as the document DBeaver's and
 * pgAdmin's visual explain read (parsed back here), YAML and XML, VERBOSE's Output lines, SETTINGS,
 * parameters as {@code $1}, and the measured fields of ANALYZE in JSON (read back with jsonb's
 * {@code #>>}, so the document must parse).
 */
class ExplainFormatTest {
    private Session session;

    @BeforeEach
    void open() {
        session = Session.connect(new DatabaseLocation.PrivateMemory(), Map.of());
        session.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER, name TEXT)");
        session.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER)");
        StringBuilder values = new StringBuilder();
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(i % 7).append(')');
            named.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(i % 7).append(", 'n")
                    .append(i).append("')");
        }
        session.execute("INSERT INTO a VALUES " + named);
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

    /** The value at {@code path} ({@code {0,Plan,Node Type}}) of a JSON document, as text. */
    private String at(String json, String path) {
        PreparedSql p = session.prepare("SELECT CAST(? AS jsonb) #>> CAST(? AS text[])");
        try (ExecResult.Rows rows = (ExecResult.Rows) p.run(new Object[]{json, path})) {
            Object v = rows.next()[0];
            return v == null ? null : v.toString();
        }
    }

    @Test
    void formatJsonIsPostgresDocument() {
        List<String> rows = lines("EXPLAIN (FORMAT JSON) SELECT a.name FROM a JOIN b ON a.id = b.a_id WHERE a.x = 3");
        assertThat(rows).hasSize(1);
        String doc = rows.get(0);
        assertThat(at(doc, "{0,Plan,Node Type}")).isEqualTo("Hash Join");
        assertThat(at(doc, "{0,Plan,Join Type}")).isEqualTo("Inner");
        assertThat(at(doc, "{0,Plan,Hash Cond}")).isEqualTo("(b.a_id = a.id)");
        assertThat(at(doc, "{0,Plan,Plan Rows}")).matches("\\d+");
        assertThat(at(doc, "{0,Plan,Plans,0,Parent Relationship}")).isEqualTo("Outer");
        assertThat(at(doc, "{0,Plan,Plans,1,Parent Relationship}")).isEqualTo("Inner");
        assertThat(at(doc, "{0,Plan,Plans,1,Node Type}")).isEqualTo("Hash");
        assertThat(at(doc, "{0,Plan,Plans,1,Plans,0,Node Type}")).isEqualTo("Seq Scan");
        assertThat(at(doc, "{0,Plan,Plans,1,Plans,0,Relation Name}")).isEqualTo("a");
        assertThat(at(doc, "{0,Plan,Plans,1,Plans,0,Alias}")).isEqualTo("a");
        assertThat(at(doc, "{0,Plan,Plans,1,Plans,0,Filter}")).isEqualTo("(x = 3)");
        assertThat(at(doc, "{0,Plan,Plans,2}")).isNull();
        assertThat(at(doc, "{0,Estimator}")).isEqualTo("histogram");
        // PostgreSQL's layout: two spaces per level, as psql shows it
        assertThat(doc).startsWith("[\n  {\n    \"Plan\": {\n      \"Node Type\": \"Hash Join\",");
    }

    @Test
    void formatJsonWithAnalyzeHasActualsAndTimes() {
        String doc = lines("EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM a WHERE x = 3").get(0);
        assertThat(at(doc, "{0,Plan,Node Type}")).isEqualTo("Aggregate");
        assertThat(at(doc, "{0,Plan,Strategy}")).isEqualTo("Plain");
        assertThat(at(doc, "{0,Plan,Actual Rows}")).isEqualTo("1");
        assertThat(at(doc, "{0,Plan,Actual Loops}")).isEqualTo("1");
        assertThat(at(doc, "{0,Plan,Actual Total Time}")).matches("\\d+\\.\\d{3}");
        assertThat(at(doc, "{0,Plan,Plans,0,Actual Rows}")).isEqualTo("43");
        assertThat(at(doc, "{0,Plan,Plans,0,Rows Removed by Filter}")).isEqualTo("257");
        assertThat(at(doc, "{0,Planning Time}")).matches("\\d+\\.\\d{3}");
        assertThat(at(doc, "{0,Execution Time}")).matches("\\d+\\.\\d{3}");
        assertThat(at(doc, "{0,Triggers}")).isEqualTo("[]");
    }

    @Test
    void sortAndGroupKeysAreListsInJson() {
        String doc = lines("EXPLAIN (COSTS OFF, FORMAT JSON) SELECT x, count(*) FROM a GROUP BY x ORDER BY x DESC").get(0);
        assertThat(at(doc, "{0,Plan,Node Type}")).isEqualTo("Sort");
        assertThat(at(doc, "{0,Plan,Sort Key,0}")).isEqualTo("x DESC");
        assertThat(at(doc, "{0,Plan,Plan Rows}")).isNull();
        assertThat(at(doc, "{0,Plan,Plans,0,Strategy}")).isEqualTo("Hashed");
        assertThat(at(doc, "{0,Plan,Plans,0,Group Key,0}")).isEqualTo("x");
    }

    @Test
    void formatYamlAndXml() {
        assertThat(lines("EXPLAIN (COSTS OFF, FORMAT YAML) SELECT id FROM a WHERE x = 3")).containsExactly("""
                - Plan:\s
                    Node Type: "Seq Scan"
                    Parallel Aware: false
                    Async Capable: false
                    Relation Name: "a"
                    Alias: "a"
                    Filter: "(x = 3)\"""".replace("\\s", ""));
        assertThat(lines("EXPLAIN (COSTS OFF, FORMAT YAML) SELECT id FROM a ORDER BY x")).containsExactly("""
                - Plan:\s
                    Node Type: "Sort"
                    Parallel Aware: false
                    Async Capable: false
                    Sort Key:\s
                      - "x"
                    Plans:\s
                      - Node Type: "Seq Scan"
                        Parent Relationship: "Outer"
                        Parallel Aware: false
                        Async Capable: false
                        Relation Name: "a"
                        Alias: "a\"""".replace("\\s", ""));
        assertThat(lines("EXPLAIN (COSTS OFF, FORMAT XML) SELECT id FROM a WHERE x < 3")).containsExactly("""
                <explain xmlns="http://www.postgresql.org/2009/explain">
                  <Query>
                    <Plan>
                      <Node-Type>Seq Scan</Node-Type>
                      <Parallel-Aware>false</Parallel-Aware>
                      <Async-Capable>false</Async-Capable>
                      <Relation-Name>a</Relation-Name>
                      <Alias>a</Alias>
                      <Filter>(x &lt; 3)</Filter>
                    </Plan>
                  </Query>
                </explain>""");
    }

    @Test
    void verboseShowsOutputsAndQualifiesColumns() {
        assertThat(lines("EXPLAIN (VERBOSE, COSTS OFF) SELECT name, x + 1 FROM a WHERE x = 3 ORDER BY name")).containsExactly(
                "Sort",
                "  Output: a.name, (a.x + 1)",
                "  Sort Key: a.name",
                "  ->  Seq Scan on public.a",
                "        Output: a.name, (a.x + 1)",
                "        Filter: (a.x = 3)");
    }

    @Test
    void verboseJsonNamesTheSchema() {
        String doc = lines("EXPLAIN (VERBOSE, COSTS OFF, FORMAT JSON) SELECT id FROM a WHERE x = 3").get(0);
        assertThat(at(doc, "{0,Plan,Relation Name}")).isEqualTo("a");
        assertThat(at(doc, "{0,Plan,Schema}")).isEqualTo("public");
        assertThat(at(doc, "{0,Plan,Alias}")).isEqualTo("a");
        assertThat(at(doc, "{0,Plan,Output,0}")).isEqualTo("a.id");
        assertThat(at(doc, "{0,Plan,Filter}")).isEqualTo("(a.x = 3)");
    }

    @Test
    void parametersAreDollarNumbers() {
        PreparedSql p = session.prepare("EXPLAIN (COSTS OFF) SELECT id FROM a WHERE x = ? AND name <> ?");
        List<String> out = new ArrayList<>();
        try (ExecResult.Rows rows = (ExecResult.Rows) p.run(new Object[]{3, "n3"})) {
            for (Object[] r; (r = rows.next()) != null; ) {
                out.add((String) r[0]);
            }
        }
        assertThat(out).containsExactly("Seq Scan on a", "  Filter: ((x = $1) AND (name <> $2))");
    }

    @Test
    void settingsListsThePlannerSwitchesThisSessionChanged() {
        session.execute("SET enable_hashjoin = off");
        assertThat(lines("EXPLAIN (COSTS OFF, SETTINGS) SELECT 1")).containsExactly(
                "Result", "Settings: enable_hashjoin = 'off'");
        assertThat(lines("EXPLAIN (COSTS OFF, SETTINGS OFF) SELECT 1")).containsExactly("Result");
    }

    @Test
    void badOptionsChangeNothingAndSayWhy() {
        assertThatThrownBy(() -> session.execute("EXPLAIN (FORMAT csv) SELECT 1"))
                .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("unrecognized value for EXPLAIN option \"format\": \"csv\"");
        assertThatThrownBy(() -> session.execute("EXPLAIN (VERBOSE 2) SELECT 1"))
                .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR))
                .hasMessageContaining("verbose requires a Boolean value");
    }

    @Test
    void analyzeSaysHowASortRan() {
        List<String> plan = lines("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM a ORDER BY x, id DESC");
        assertThat(plan.get(0)).isEqualTo("Sort (actual rows=300 loops=1)");
        assertThat(plan.get(1)).isEqualTo("  Sort Key: x, id DESC");
        assertThat(plan.get(2)).matches("  Sort Method: quicksort  Memory: \\d+kB");
        assertThat(lines("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM a ORDER BY x LIMIT 5"))
                .anyMatch(l -> l.matches(" *Sort Method: top-N heapsort  Memory: \\d+kB"));
        session.execute("SET work_mem = '64kB'");
        List<String> spilled = lines("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)"
                + " SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g ORDER BY g DESC");
        assertThat(spilled).anyMatch(l -> l.matches("  Sort Method: external merge  Disk: \\d+kB"));
        String doc = lines("EXPLAIN (ANALYZE, COSTS OFF, FORMAT JSON) SELECT id FROM a ORDER BY x").get(0);
        assertThat(at(doc, "{0,Plan,Sort Method}")).isEqualTo("quicksort");
        assertThat(at(doc, "{0,Plan,Sort Space Type}")).isEqualTo("Memory");
        assertThat(at(doc, "{0,Plan,Sort Space Used}")).matches("\\d+");
    }

    @Test
    void anIndexOnlyScanFetchesNoRows() {
        session.execute("CREATE INDEX a_x ON a (x)");
        assertThat(lines("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM a WHERE x = 3 AND (id % 2) = 0"))
                .containsExactly(
                        "Index Only Scan using a_x on a (actual rows=21 loops=1)",
                        "  Index Cond: (x = 3)",
                        "  Filter: ((id % 2) = 0)",
                        "  Rows Removed by Filter: 22",
                        "  Heap Fetches: 0");
    }
}

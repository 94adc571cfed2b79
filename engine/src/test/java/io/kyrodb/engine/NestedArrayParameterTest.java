package io.kyrodb.engine;

import io.kyrodb.engine.types.SqlArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nested Java arrays bound to an array parameter through the engine's API give a multi-dimensional array. */
class NestedArrayParameterTest {
    @Test
    void nestedJavaArraysBindAsMultiDimensionalArrays() {
        Session s = Session.connect(new DatabaseLocation.PrivateMemory(), java.util.Map.of());
        try {
            s.execute("CREATE TABLE g (id int PRIMARY KEY, cells int[], names text[])");
            s.prepare("INSERT INTO g VALUES (?, ?, ?)").execute(new Object[] {1, new Integer[][] {{1, 2}, {3, null}},
                    new String[][] {{"a"}, {"b"}}});
            s.prepare("INSERT INTO g VALUES (?, ?, ?)").execute(new Object[] {2, new int[][] {{5, 6, 7}}, null});
            ExecResult.Rows rows = (ExecResult.Rows) s.execute("SELECT cells, names FROM g ORDER BY id");
            Object[] first = rows.next();
            assertThat(first[0].toString()).isEqualTo("{{1,2},{3,NULL}}");
            assertThat(((SqlArray) first[1]).dims()).containsExactly(2, 1);
            assertThat(rows.next()[0].toString()).isEqualTo("{{5,6,7}}");
            rows.close();
            assertThatThrownBy(() -> s.prepare("INSERT INTO g VALUES (3, ?, NULL)").execute(new Object[] {
                    new Integer[][] {{1, 2}, {3}}}))
                    .isInstanceOfSatisfying(KyroException.class, e -> assertThat(e.state()).isEqualTo(SqlState.ARRAY_SUBSCRIPT_ERROR));
        } finally {
            s.close();
        }
    }
}

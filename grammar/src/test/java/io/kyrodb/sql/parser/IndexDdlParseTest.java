package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Statement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CREATE INDEX and DROP INDEX as written. */
class IndexDdlParseTest {
    private static Statement parse(String sql) {
        return SqlParser.parseStatement(sql).statement();
    }

    @Test
    void createIndexWithEverything() {
        var c = (Statement.CreateIndex) parse("CREATE UNIQUE INDEX IF NOT EXISTS T_A ON public.t (a DESC, B asc, c)");
        assertThat(c.name()).isEqualTo("t_a");
        assertThat(c.unique()).isTrue();
        assertThat(c.ifNotExists()).isTrue();
        assertThat(c.table().name()).isEqualTo("t");
        assertThat(c.columns()).extracting(Statement.IndexColumn::name).containsExactly("a", "b", "c");
        assertThat(c.columns()).extracting(Statement.IndexColumn::descending).containsExactly(true, false, false);
    }

    @Test
    void theNameMayBeLeftOutButNotWithIfNotExists() {
        var c = (Statement.CreateIndex) parse("CREATE INDEX ON t (a)");
        assertThat(c.name()).isNull();
        assertThat(c.unique()).isFalse();
        assertThatThrownBy(() -> parse("CREATE INDEX IF NOT EXISTS ON t (a)")).isInstanceOf(SqlSyntaxException.class);
    }

    @Test
    void usingAMethodWithOperatorClassesAndOptions() {
        var c = (Statement.CreateIndex) parse("CREATE INDEX items_emb ON items USING HNSW (embedding Vector_Cosine_Ops)"
                + " WITH (m = 24, ef_construction = 100, quantization = 'int8')");
        assertThat(c.method()).isEqualTo("hnsw");
        assertThat(c.columns()).extracting(Statement.IndexColumn::opclass).containsExactly("vector_cosine_ops");
        assertThat(c.options()).extracting(Statement.IndexOption::name).containsExactly("m", "ef_construction", "quantization");
        assertThat(c.options()).extracting(Statement.IndexOption::value).containsExactly("24", "100", "int8");
        var plain = (Statement.CreateIndex) parse("CREATE INDEX ON t (a)");
        assertThat(plain.method()).isNull();
        assertThat(plain.options()).isEmpty();
        assertThat(plain.columns().get(0).opclass()).isNull();
        assertThatThrownBy(() -> parse("CREATE INDEX ON t USING hnsw (v vector_l2_ops) WITH ()"))
                .isInstanceOf(SqlSyntaxException.class);
    }

    @Test
    void dropIndex() {
        var d = (Statement.DropIndex) parse("DROP INDEX IF EXISTS a, b");
        assertThat(d.ifExists()).isTrue();
        assertThat(d.names()).extracting(n -> n.name()).containsExactly("a", "b");
        assertThat(parse("SELECT index FROM t")).isInstanceOf(Statement.Select.class);   // still a usable name
    }
}

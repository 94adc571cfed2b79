package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.Statement.SetOperator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How set operations parse: PostgreSQL's precedence, associativity, and where ORDER BY / LIMIT go. */
class SetOperationParseTest {
    private static Statement parse(String sql) {
        return SqlParser.parseStatement(sql).statement();
    }

    @Test
    void intersectBindsTighterThanUnionAndExcept() {
        var op = (Statement.SetOperation) parse("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
        assertThat(op.operator()).isEqualTo(SetOperator.UNION);
        assertThat(op.left()).isInstanceOf(Statement.Select.class);
        assertThat(op.right()).isInstanceOfSatisfying(Statement.SetOperation.class,
                r -> assertThat(r.operator()).isEqualTo(SetOperator.INTERSECT));
    }

    @Test
    void unionAndExceptAssociateToTheLeft() {
        var op = (Statement.SetOperation) parse("SELECT 1 EXCEPT ALL SELECT 2 UNION SELECT 3");
        assertThat(op.operator()).isEqualTo(SetOperator.UNION);
        assertThat(op.all()).isFalse();
        assertThat(op.left()).isInstanceOfSatisfying(Statement.SetOperation.class, l -> {
            assertThat(l.operator()).isEqualTo(SetOperator.EXCEPT);
            assertThat(l.all()).isTrue();
        });
    }

    @Test
    void orderByAndLimitAfterTheLastOperandApplyToTheWhole() {
        var op = (Statement.SetOperation) parse("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 2 OFFSET 1");
        assertThat(op.orderBy()).hasSize(1);
        assertThat(op.limit()).isNotNull();
        assertThat(op.offset()).isNotNull();
        assertThat(((Statement.Select) op.right()).orderBy()).isEmpty();
        assertThat(((Statement.Select) op.right()).limit()).isNull();
    }

    @Test
    void parenthesizedOperandsKeepTheirOwnClauses() {
        var op = (Statement.SetOperation) parse("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)");
        assertThat(((Statement.Select) op.left()).limit()).isNotNull();
        assertThat(((Statement.Select) op.left()).orderBy()).hasSize(1);
        var select = (Statement.Select) parse("(SELECT a FROM t) ORDER BY a");
        assertThat(select.orderBy()).hasSize(1);
        assertThatThrownBy(() -> parse("(SELECT a FROM t ORDER BY a) ORDER BY a"))
                .isInstanceOfSatisfying(SqlSyntaxException.class,
                        e -> assertThat(e.reason()).isEqualTo("multiple ORDER BY or LIMIT clauses not allowed"));
    }

    @Test
    void aSetOperationIsASubquery() {
        var select = (Statement.Select) parse("SELECT x FROM t WHERE x IN (SELECT 1 UNION SELECT 2)");
        assertThat(select.where()).isInstanceOfSatisfying(io.kyrodb.sql.ast.Expr.InSubquery.class,
                in -> assertThat(in.query()).isInstanceOf(Statement.SetOperation.class));
    }
}

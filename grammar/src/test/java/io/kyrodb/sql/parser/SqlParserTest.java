package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlParserTest {

    @Test
    void createTableFoldsNamesAndReadsConstraints() {
        var ct = (Statement.CreateTable) SqlParser.parseStatement(
                "CREATE TABLE IF NOT EXISTS Users (Id BIGINT PRIMARY KEY, \"Name\" VARCHAR(20) NOT NULL, "
                        + "score double precision)").statement();
        assertThat(ct.ifNotExists()).isTrue();
        assertThat(ct.name().name()).isEqualTo("users");
        assertThat(ct.columns()).extracting(Statement.ColumnDefinition::name).containsExactly("id", "Name", "score");
        assertThat(ct.columns().get(0).primaryKey()).isTrue();
        assertThat(ct.columns().get(1).notNull()).isTrue();
        assertThat(ct.columns().get(1).type().name()).isEqualTo("varchar");
        assertThat(ct.columns().get(1).type().arguments()).containsExactly(20);
        assertThat(ct.columns().get(2).type().name()).isEqualTo("double precision");
    }

    @Test
    void tableLevelPrimaryKey() {
        var ct = (Statement.CreateTable) SqlParser.parseStatement(
                "create table t (a int, b int, constraint pk primary key (a, b))").statement();
        assertThat(ct.primaryKey()).containsExactly("a", "b");
    }

    @Test
    void precedenceFollowsPostgres() {
        var select = (Statement.Select) SqlParser.parseStatement("SELECT 1 + 2 * 3 = 7 AND NOT x IS NULL OR y")
                .statement();
        Expr e = ((Statement.SelectExpression) select.items().get(0)).expr();
        // ((1 + (2*3)) = 7 AND NOT (x IS NULL)) OR y
        assertThat(e).isInstanceOfSatisfying(Expr.Binary.class, or -> {
            assertThat(or.op()).isEqualTo(Expr.BinaryOp.OR);
            assertThat(or.left()).isInstanceOfSatisfying(Expr.Binary.class, and -> {
                assertThat(and.op()).isEqualTo(Expr.BinaryOp.AND);
                assertThat(and.right()).isInstanceOfSatisfying(Expr.Unary.class,
                        not -> assertThat(not.operand()).isInstanceOf(Expr.IsNull.class));
                assertThat(and.left()).isInstanceOfSatisfying(Expr.Binary.class, eq -> {
                    assertThat(eq.op()).isEqualTo(Expr.BinaryOp.EQ);
                    assertThat(eq.left()).isInstanceOfSatisfying(Expr.Binary.class,
                            add -> assertThat(add.right()).isInstanceOf(Expr.Binary.class));
                });
            });
        });
    }

    @Test
    void joinsBindLeftToRightAndParenthesesGroupThem() {
        var select = (Statement.Select) SqlParser.parseStatement(
                "SELECT * FROM a LEFT OUTER JOIN b ON a.x = b.x JOIN c USING (y, z) CROSS JOIN d,"
                        + " e FULL JOIN (f NATURAL RIGHT JOIN g) ON true").statement();
        assertThat(select.from()).hasSize(2);
        var cross = (FromItem.Join) select.from().get(0);
        assertThat(cross.type()).isEqualTo(FromItem.JoinType.CROSS);
        var using = (FromItem.Join) cross.left();
        assertThat(using.type()).isEqualTo(FromItem.JoinType.INNER);
        assertThat(using.using()).containsExactly("y", "z");
        var left = (FromItem.Join) using.left();
        assertThat(left.type()).isEqualTo(FromItem.JoinType.LEFT);
        assertThat(left.on()).isInstanceOf(Expr.Binary.class);
        var full = (FromItem.Join) select.from().get(1);
        assertThat(full.type()).isEqualTo(FromItem.JoinType.FULL);
        var natural = (FromItem.Join) full.right();
        assertThat(natural.natural()).isTrue();
        assertThat(natural.type()).isEqualTo(FromItem.JoinType.RIGHT);
        assertThat(((Statement.TableReference) natural.right()).name().name()).isEqualTo("g");
    }

    @Test
    void subqueriesParseWhereverAnExpressionGoes() {
        var select = (Statement.Select) SqlParser.parseStatement(
                "SELECT (SELECT count(*) FROM t AS x WHERE x.b < t.b), a NOT IN (SELECT a FROM u), ? FROM t"
                        + " WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.a = ?) AND b BETWEEN (SELECT 1) AND 2").statement();
        Expr scalar = ((Statement.SelectExpression) select.items().get(0)).expr();
        assertThat(scalar).isInstanceOfSatisfying(Expr.Subquery.class, s -> {
            assertThat(((Statement.TableReference) ((Statement.Select) s.query()).from().get(0)).alias()).isEqualTo("x");
            assertThat(((Statement.Select) s.query()).where()).isInstanceOf(Expr.Binary.class);
        });
        assertThat(((Statement.SelectExpression) select.items().get(1)).expr())
                .isInstanceOfSatisfying(Expr.InSubquery.class, in -> {
                    assertThat(in.negated()).isTrue();
                    assertThat(in.value()).isInstanceOf(Expr.ColumnRef.class);
                });
        assertThat(((Statement.SelectExpression) select.items().get(2)).expr())
                .isEqualTo(new Expr.Parameter(((Statement.SelectExpression) select.items().get(2)).expr().pos(), 0));
        assertThat(select.where()).isInstanceOfSatisfying(Expr.Binary.class, and -> {
            assertThat(and.left()).isInstanceOfSatisfying(Expr.Unary.class, not -> {
                assertThat(not.op()).isEqualTo(Expr.UnaryOp.NOT);
                assertThat(not.operand()).isInstanceOfSatisfying(Expr.Exists.class, ex -> assertThat(((Statement.Select) ex.query()).where())
                        .isInstanceOfSatisfying(Expr.Binary.class, eq -> assertThat(eq.right())
                                .isInstanceOfSatisfying(Expr.Parameter.class, p -> assertThat(p.index()).isEqualTo(1))));
            });
            assertThat(and.right()).isInstanceOfSatisfying(Expr.Between.class,
                    between -> assertThat(between.low()).isInstanceOf(Expr.Subquery.class));
        });
    }

    @Test
    void betweenLowerBoundStopsBeforeAnd() {
        var select = (Statement.Select) SqlParser.parseStatement("SELECT x BETWEEN 1 AND 3 AND y").statement();
        Expr e = ((Statement.SelectExpression) select.items().get(0)).expr();
        assertThat(e).isInstanceOfSatisfying(Expr.Binary.class, and -> {
            assertThat(and.op()).isEqualTo(Expr.BinaryOp.AND);
            assertThat(and.left()).isInstanceOfSatisfying(Expr.Between.class,
                    b -> assertThat(b.high()).isInstanceOf(Expr.Literal.class));
        });
        var arithmetic = (Statement.Select) SqlParser.parseStatement("SELECT x NOT BETWEEN -a + 1 AND b * 2").statement();
        assertThat(((Statement.SelectExpression) arithmetic.items().get(0)).expr())
                .isInstanceOfSatisfying(Expr.Between.class, b -> {
                    assertThat(b.negated()).isTrue();
                    assertThat(b.low()).isInstanceOf(Expr.Binary.class);
                    assertThat(b.high()).isInstanceOf(Expr.Binary.class);
                });
    }

    @Test
    void negativeLiteralsFoldSoMinimumBigintParses() {
        var select = (Statement.Select) SqlParser.parseStatement("select -9223372036854775808").statement();
        Expr e = ((Statement.SelectExpression) select.items().get(0)).expr();
        assertThat(e).isEqualTo(new Expr.Literal(e.pos(), Expr.LiteralKind.INTEGER, "-9223372036854775808"));
    }

    @Test
    void parametersAreNumberedInOrder() {
        ParsedStatement p = SqlParser.parseStatement("UPDATE t SET a = ?, b = ? WHERE id = ?");
        assertThat(p.parameterCount()).isEqualTo(3);
        var update = (Statement.Update) p.statement();
        assertThat(((Expr.Parameter) update.assignments().get(1).value()).index()).isEqualTo(1);
    }

    @Test
    void scriptSplitsStatementsAndKeepsStringsIntact() {
        List<ParsedStatement> all = SqlParser.parseScript(
                "insert into t values ('a;b', 'it''s'); -- comment ; here\n select * from t;;");
        assertThat(all).hasSize(2);
        var insert = (Statement.Insert) all.get(0).statement();
        assertThat(insert.rows().get(0)).extracting(x -> ((Expr.Literal) x).value()).containsExactly("a;b", "it's");
    }

    @Test
    void syntaxErrorPointsAtTheTokenWithLineAndColumn() {
        assertThatThrownBy(() -> SqlParser.parseStatement("SELECT a\nFORM t"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.pos().line()).isEqualTo(2);
                    assertThat(e.pos().column()).isEqualTo(6);
                    assertThat(e.getMessage()).isEqualTo(
                            "syntax error at or near \"t\" (expected end of input, ;)\n  FORM t\n       ^ line 2, column 6");
                });
    }

    @Test
    void syntaxErrorSaysWhatWasExpected() {
        assertThatThrownBy(() -> SqlParser.parseStatement("CREATE TABLE (a int)"))
                .isInstanceOfSatisfying(SqlSyntaxException.class,
                        e -> assertThat(e.reason()).startsWith("syntax error at or near \"(\" (expected a name"));
        assertThatThrownBy(() -> SqlParser.parseStatement("SELECT 'abc"))
                .isInstanceOfSatisfying(SqlSyntaxException.class,
                        e -> assertThat(e.reason()).startsWith("syntax error at unterminated quoted string"));
        assertThatThrownBy(() -> SqlParser.parseStatement("SELECT 1 +"))
                .isInstanceOfSatisfying(SqlSyntaxException.class,
                        e -> assertThat(e.reason()).startsWith("syntax error at end of input"));
    }

    private static Expr firstItem(String sql) {
        var select = (Statement.Select) SqlParser.parseStatement(sql).statement();
        return ((Statement.SelectExpression) select.items().get(0)).expr();
    }

    @Test
    void typedLiteralsAreCastsOfTheirString() {
        var date = (Expr.Cast) firstItem("SELECT DATE '2024-01-02'");
        assertThat(date.type().name()).isEqualTo("date");
        assertThat(((Expr.Literal) date.operand()).value()).isEqualTo("2024-01-02");
        assertThat(((Expr.Cast) firstItem("SELECT timestamp with time zone '2024-01-02 10:00+02'")).type().name())
                .isEqualTo("timestamp with time zone");
        assertThat(((Expr.Cast) firstItem("SELECT double precision '1.5'")).type().name()).isEqualTo("double precision");
        assertThat(((Expr.Cast) firstItem("SELECT x::timestamp(3) without time zone")).type().toString())
                .isEqualTo("timestamp without time zone(3)");
    }

    @Test
    void extractBecomesACallWithTheFieldAsText() {
        var call = (Expr.FunctionCall) firstItem("SELECT extract(YEAR FROM d)");
        assertThat(call.name()).isEqualTo("extract");
        assertThat(((Expr.Literal) call.arguments().get(0)).value()).isEqualTo("year");
        assertThatThrownBy(() -> SqlParser.parseStatement("SELECT lower(a FROM b)")).isInstanceOf(SqlSyntaxException.class);
    }

    @Test
    void setTimeZoneSetsTheTimezoneSetting() {
        var set = (Statement.SetVariable) SqlParser.parseStatement("SET TIME ZONE 'Europe/Berlin'").statement();
        assertThat(set.name()).isEqualTo("timezone");
        assertThat(set.value()).isEqualTo("Europe/Berlin");
        var local = (Statement.SetVariable) SqlParser.parseStatement("SET TIME ZONE LOCAL").statement();
        assertThat(local.value()).isNull();
        assertThatThrownBy(() -> SqlParser.parseStatement("SET TIME ZONES 'UTC'")).isInstanceOf(SqlSyntaxException.class);
    }
}

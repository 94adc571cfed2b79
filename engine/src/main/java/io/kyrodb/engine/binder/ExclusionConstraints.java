package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Exclusion;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.system.Identifiers;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprDeparser;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The EXCLUDE constraints of CREATE TABLE and ALTER TABLE ADD CONSTRAINT, checked and named as
 * PostgreSQL does ({@code table_col1_col2_excl}, numbered when taken), and the conditions that
 * enforce them: {@link #pair} (every {@code old.c OP new.c} of the constraint, over an existing
 * row followed by a new one) and {@link #where} (its predicate, over one row).
 *
 * <p>The operators are those of a gist or btree operator class that are commutative: {@code =},
 * {@code <>}, {@code &&} and {@code -|-} (btree only {@code =}); {@code =} on a scalar needs no
 * btree_gist here. DEFERRABLE is not supported for them (0A000).
 */
public final class ExclusionConstraints {
    private static final Set<String> COMMUTATIVE = Set.of("=", "<>", "!=", "&&", "-|-");

    private ExclusionConstraints() {
    }

    static List<CheckConstraint> bind(Binder b, Statement.CreateTable c, List<Column> columns, int[] primaryKey,
                                      Set<String> taken) {
        List<CheckConstraint> out = new ArrayList<>();
        if (c.exclusions().isEmpty()) {
            return out;
        }
        Table shape = new Table(c.name().name(), columns, primaryKey, null);
        for (Statement.ExclusionConstraint x : c.exclusions()) {
            if (x.timing().deferrable()) {
                throw b.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "DEFERRABLE exclusion constraints are not supported by KyroDB; declare it NOT DEFERRABLE", x.pos());
            }
            String method = x.method() == null ? "btree" : x.method();
            if (!method.equals("gist") && !method.equals("btree")) {
                throw b.error(SqlState.UNDEFINED_OBJECT, "access method \"" + method + "\" does not exist"
                        + (method.equals("hash") || method.equals("spgist") || method.equals("gin")
                        ? " for exclusion constraints in KyroDB (use gist or btree)" : ""), x.pos());
            }
            List<String> ops = new ArrayList<>();
            for (int i = 0; i < x.columns().size(); i++) {
                String col = x.columns().get(i);
                if (shape.columnIndex(col) < 0) {
                    throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist", x.pos());
                }
                String op = x.operators().get(i).equals("!=") ? "<>" : x.operators().get(i);
                if (!COMMUTATIVE.contains(op)) {
                    throw b.error(SqlState.WRONG_OBJECT_TYPE, "operator " + op + " is not commutative: only commutative "
                            + "operators can be used in exclusion constraints", x.pos());
                }
                if (method.equals("btree") && !op.equals("=")) {
                    throw b.error(SqlState.WRONG_OBJECT_TYPE, "operator " + op + " is not a member of operator family "
                            + "of a btree index: the exclusion operator must be related to the index operator class",
                            x.pos());
                }
                ops.add(op);
            }
            String where = null;
            if (x.where() != null) {
                BoundExpr w = b.expressions(Scope.of(shape, null), "WHERE").condition(x.where(), "WHERE");
                IndexExpressions.requireImmutable(b, w, "predicate", x.pos());
                where = ExprDeparser.plain(false).deparse(w);
            }
            String name = x.name();
            if (name != null && !taken.add(name)) {
                throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                        + c.name().name() + "\" already exists", x.pos());
            }
            if (name == null) {
                String base = c.name().name() + "_" + String.join("_", x.columns()) + "_excl";
                name = base;
                for (int n = 1; taken.contains(name) || b.catalog().index(name) != null; n++) {
                    name = base + n;
                }
                taken.add(name);
            }
            Exclusion e = new Exclusion(name, method, List.copyOf(x.columns()), List.copyOf(ops), where);
            try {
                pair(shape, e);
            } catch (io.kyrodb.engine.KyroException bad) {
                throw b.error(bad.state(), bad.getMessage(), x.pos());
            }
            out.add(e.constraint());
        }
        return out;
    }

    /** Every {@code existing.c OP new.c} of {@code x}, ANDed, over an existing row of {@code table} followed by a new one. */
    public static BoundExpr pair(Table table, Exclusion x) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < x.columns().size(); i++) {
            String c = Identifiers.quote(x.columns().get(i));
            sql.append(i == 0 ? "" : " AND ").append("x_old.").append(c).append(' ').append(x.operators().get(i))
                    .append(" x_new.").append(c);
        }
        Scope scope = Scope.of(table, "x_old");
        scope.add(table, "x_new");
        return binder(sql.toString()).expressions(scope, "EXCLUDE").condition(ColumnDefaults.parse(sql.toString()),
                "EXCLUDE");
    }

    /** The predicate of {@code x} over a row of {@code table}, or null when it has none. */
    public static BoundExpr where(Table table, Exclusion x) {
        return x.where() == null ? null : IndexExpressions.condition(table, x.where());
    }

    private static Binder binder(String sql) {
        return new Binder(Catalog.empty(), sql, new Parameters(new Object[0]));
    }
}

package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.parser.SourceSnippet;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables a statement's expressions can name, in FROM order; their columns are laid side by
 * side in the input row, each table starting at its {@code offset}.
 */
final class Scope {
    record Entry(String alias, Table table, int offset) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private int width;

    static Scope empty() {
        return new Scope();
    }

    static Scope of(Table table, String alias) {
        Scope s = new Scope();
        s.add(table, alias);
        return s;
    }

    void add(Table table, String alias) {
        entries.add(new Entry(alias == null ? table.name() : alias, table, width));
        width += table.columns().size();
    }

    List<Entry> entries() {
        return entries;
    }

    Entry entry(String alias) {
        for (Entry e : entries) {
            if (e.alias().equals(alias)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Whether {@code ref} names something here: its qualifier is one of these tables, or (unqualified)
     * one of them has the column. Otherwise a subquery looks for it in the enclosing queries.
     */
    boolean has(Expr.ColumnRef ref) {
        for (Entry e : entries) {
            if (ref.qualifier() != null ? ref.qualifier().equals(e.alias()) : e.table().columnIndex(ref.name()) >= 0) {
                return true;
            }
        }
        return false;
    }

    ColumnExpr resolve(Expr.ColumnRef ref, String sql) {
        ColumnExpr found = null;
        for (Entry e : entries) {
            if (ref.qualifier() != null && !ref.qualifier().equals(e.alias())) {
                continue;
            }
            int i = e.table().columnIndex(ref.name());
            if (i < 0) {
                continue;
            }
            if (found != null) {
                throw new KyroException(SqlState.AMBIGUOUS_COLUMN, SourceSnippet.annotate(
                        "column reference \"" + ref.name() + "\" is ambiguous", sql, ref.pos()));
            }
            Column c = e.table().columns().get(i);
            found = new ColumnExpr(e.offset() + i, c.type(), e.table().name(), c.name(), !c.notNull());
        }
        if (found != null) {
            return found;
        }
        if (ref.qualifier() != null && entry(ref.qualifier()) == null) {
            throw new KyroException(SqlState.UNDEFINED_TABLE, SourceSnippet.annotate(
                    "missing FROM-clause entry for table \"" + ref.qualifier() + "\"", sql, ref.pos()));
        }
        List<String> candidates = new ArrayList<>();
        for (Entry e : entries) {
            if (ref.qualifier() == null || ref.qualifier().equals(e.alias())) {
                e.table().columns().forEach(c -> candidates.add(c.name()));
            }
        }
        String hint = Suggestions.didYouMean(ref.name(), candidates);
        throw new KyroException(SqlState.UNDEFINED_COLUMN, SourceSnippet.annotate(
                "column \"" + ref.display() + "\" does not exist" + hint, sql, ref.pos()));
    }
}

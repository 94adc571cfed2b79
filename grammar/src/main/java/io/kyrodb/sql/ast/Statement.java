package io.kyrodb.sql.ast;

import java.util.List;

/** The statements of KyroDB's SQL, as written (names case-folded, nothing resolved). */
public sealed interface Statement {
    Pos pos();

    record ColumnDefinition(Pos pos, String name, TypeName type, boolean notNull, boolean primaryKey) {
    }

    /** {@code primaryKey} holds the columns of a table-level PRIMARY KEY, empty when there is none. */
    record CreateTable(Pos pos, QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
                       List<String> primaryKey, Pos primaryKeyPos) implements Statement {
    }

    record DropTable(Pos pos, boolean ifExists, List<QualifiedName> names) implements Statement {
    }

    /** {@code columns} is empty when no column list was written. */
    record Insert(Pos pos, QualifiedName table, List<String> columns, List<List<Expr>> rows) implements Statement {
    }

    record Assignment(Pos pos, String column, Expr value) {
    }

    record Update(Pos pos, QualifiedName table, String alias, List<Assignment> assignments, Expr where)
            implements Statement {
    }

    record Delete(Pos pos, QualifiedName table, String alias, Expr where) implements Statement {
    }

    sealed interface SelectItem {
        Pos pos();
    }

    /** {@code *} or {@code t.*} ({@code qualifier} null for a bare star). */
    record AllColumns(Pos pos, String qualifier) implements SelectItem {
    }

    /** {@code expr [AS alias]}; {@code alias} is null when not written. */
    record SelectExpression(Pos pos, Expr expr, String alias) implements SelectItem {
    }

    record TableReference(Pos pos, QualifiedName name, String alias) {
    }

    /** {@code nullsFirst} is null when not written (then NULLs sort as if larger than any value). */
    record SortItem(Pos pos, Expr expr, boolean descending, Boolean nullsFirst) {
    }

    /** A query; {@code where}, {@code having}, {@code limit} and {@code offset} may be null. */
    record Select(Pos pos, boolean distinct, List<SelectItem> items, List<TableReference> from, Expr where,
                  List<Expr> groupBy, Expr having, List<SortItem> orderBy, Expr limit, Expr offset)
            implements Statement {
    }
}

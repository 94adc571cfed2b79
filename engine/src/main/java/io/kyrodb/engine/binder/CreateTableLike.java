package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code CREATE TABLE t (LIKE source [INCLUDING | EXCLUDING ...], ...)} as PostgreSQL does it: the
 * source's columns (names, types, NOT NULL) take the place of the LIKE clause; DEFAULTS copies
 * their defaults, IDENTITY their identity (with a sequence of the new table's own), CONSTRAINTS
 * the CHECK constraints (same names), INDEXES the primary key, the UNIQUE indexes on columns (as
 * UNIQUE constraints of the new table) and every other index, expression and partial ones too, named
 * for the new table. Foreign keys are never copied; COMMENTS, STORAGE, STATISTICS, COMPRESSION
 * and GENERATED are accepted and have nothing to copy here but comments, which are not copied yet.
 */
final class CreateTableLike {
    /**
     * The statement with the LIKE columns in place (their definitions stand in for binding; the
     * source's own {@code columns} by position replace what binding them gives) and the indexes
     * to create besides the primary key and UNIQUE constraints.
     */
    record Expanded(Statement.CreateTable statement, Map<Integer, Column> columns, List<Index> indexes) {
    }

    private CreateTableLike() {
    }

    static Expanded expand(Binder b, Statement.CreateTable c) {
        List<Statement.ColumnDefinition> defs = new ArrayList<>(c.columns());
        Map<Integer, Column> copied = new HashMap<>();
        List<String> primaryKey = new ArrayList<>(c.primaryKey());
        Pos primaryKeyPos = c.primaryKeyPos();
        List<Statement.UniqueConstraint> unique = new ArrayList<>(c.unique());
        List<Statement.CheckConstraint> checks = new ArrayList<>(c.checks());
        List<Index> indexes = new ArrayList<>();
        int shift = 0;
        for (Statement.LikeClause like : c.likes()) {
            Table source = b.table(like.source());
            boolean defaults = like.including().contains("defaults");
            boolean identity = like.including().contains("identity");
            int at = like.position() + shift;
            for (int i = 0; i < source.columns().size(); i++) {
                Column col = source.columns().get(i);
                Statement.Identity id = identity && col.identity() != null
                        ? new Statement.Identity(like.pos(), col.identity() == Column.Identity.ALWAYS,
                        Statement.SequenceOptions.NONE) : null;
                defs.add(at + i, new Statement.ColumnDefinition(like.pos(), col.name(), standIn(col, like.pos()),
                        col.notNull(), false, null, null, id));
                copied.put(at + i, new Column(col.name(), col.type(), col.notNull(),
                        defaults && col.identity() == null ? col.defaultSql() : null, null));
            }
            shift += source.columns().size();
            if (like.including().contains("constraints")) {
                for (CheckConstraint k : io.kyrodb.engine.catalog.Exclusion.checksOnly(source.checks())) {
                    checks.add(new Statement.CheckConstraint(like.pos(), k.name(), ColumnDefaults.parse(k.sql()), k.sql(),
                            null));
                }
            }
            if (like.including().contains("indexes")) {
                if (source.hasPrimaryKey()) {
                    if (!primaryKey.isEmpty() || c.columns().stream().anyMatch(Statement.ColumnDefinition::primaryKey)) {
                        throw b.error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \""
                                + c.name().name() + "\" are not allowed", like.pos());
                    }
                    for (int k : source.primaryKey()) {
                        primaryKey.add(source.columns().get(k).name());
                    }
                    primaryKeyPos = like.pos();
                }
                for (Index i : b.catalog().indexesOf(source.name())) {
                    if (i.unique() && i.plain()) {
                        List<String> names = new ArrayList<>();
                        for (int k : i.columns()) {
                            names.add(source.columns().get(k).name());
                        }
                        unique.add(new Statement.UniqueConstraint(like.pos(), null, names));
                    } else {
                        indexes.add(i);
                    }
                }
            }
        }
        Statement.CreateTable expanded = new Statement.CreateTable(c.pos(), c.name(), c.ifNotExists(), List.copyOf(defs),
                List.copyOf(primaryKey), primaryKeyPos, List.copyOf(unique), List.copyOf(checks), c.foreignKeys(),
                c.temporary(), c.onCommit());
        return new Expanded(expanded, copied, indexes);
    }

    /** A type name binding accepts for {@code col} (an identity needs its integer type; the real type replaces it). */
    private static TypeName standIn(Column col, Pos pos) {
        String name = col.type().kind() == TypeKind.SMALLINT ? "smallint"
                : col.type().kind() == TypeKind.BIGINT ? "bigint" : col.type().kind() == TypeKind.INTEGER ? "integer"
                : "text";
        return new TypeName(pos, name, List.of());
    }
}

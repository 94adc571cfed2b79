package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.plan.DropIndexPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/** Binds CREATE INDEX and DROP INDEX. Index and table names share one namespace, as in PostgreSQL. */
final class IndexDdlBinder {
    private final Binder binder;
    private final Catalog catalog;

    IndexDdlBinder(Binder binder, Catalog catalog) {
        this.binder = binder;
        this.catalog = catalog;
    }

    Plan createIndex(Statement.CreateIndex c) {
        Table table = binder.table(c.table());
        int[] columns = new int[c.columns().size()];
        boolean[] descending = new boolean[columns.length];
        List<String> names = new ArrayList<>();
        String[] expressions = new String[columns.length];
        boolean anyExpression = false;
        boolean gin = "gin".equals(c.method());
        boolean jsonbKey = false;   // a gin index over jsonb (its operator classes are jsonb_ops and jsonb_path_ops)
        if (gin && columns.length != 1) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "KyroDB's gin indexes take one tsvector or jsonb column or expression, not "
                    + columns.length, c.pos());
        }
        if (gin && c.unique()) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"gin\" does not support unique indexes", c.pos());
        }
        for (int i = 0; i < columns.length; i++) {
            Statement.IndexColumn ic = c.columns().get(i);
            if (ic.expr() instanceof io.kyrodb.sql.ast.Expr.ColumnRef ref && ref.qualifier() == null) {
                // ((a)) is the column a, as in PostgreSQL
                ic = new Statement.IndexColumn(ic.pos(), ref.name(), ic.descending(), ic.opclass());
            }
            if (gin) {   // a jsonb document: the GIN index of its items (Index.jsonbGin)
                BoundExpr keyExpr = ic.expr() != null
                        ? binder.expressions(Scope.of(table, null), "index expression").bind(ic.expr(), null) : null;
                io.kyrodb.engine.types.SqlType keyType = keyExpr != null ? keyExpr.type()
                        : table.columnIndex(ic.name()) >= 0 ? table.columns().get(table.columnIndex(ic.name())).type() : null;
                if (keyType != null && keyType.kind() == io.kyrodb.engine.types.TypeKind.JSONB) {
                    if (keyExpr != null) {
                        IndexExpressions.requireImmutable(binder, keyExpr, "expression", ic.pos());
                    }
                    String opclass = ic.opclass() == null ? null : ic.opclass().toLowerCase(java.util.Locale.ROOT);
                    if (opclass != null && !opclass.equals("jsonb_ops") && !opclass.equals("jsonb_path_ops")) {
                        throw binder.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + ic.opclass()
                                + "\" does not exist for access method \"gin\"", ic.pos());
                    }
                    String document = ic.expr() != null ? "(" + ic.text() + ")"
                            : io.kyrodb.engine.catalog.system.Identifiers.quote(ic.name());
                    names.add(ic.expr() != null ? nameOf(ic.expr()) : ic.name());
                    jsonbKey = true;
                    columns[i] = -1;
                    expressions[i] = io.kyrodb.engine.catalog.Index.JSONB_GIN_ITEMS + document
                            + ("jsonb_path_ops".equals(opclass) ? io.kyrodb.engine.catalog.Index.PATH_OPS : ")");
                    anyExpression = true;
                    continue;
                }
            }
            if (ic.expr() != null) {
                BoundExpr e = binder.expressions(Scope.of(table, null), "index expression").bind(ic.expr(), null);
                IndexExpressions.requireImmutable(binder, e, "expression", ic.pos());
                if (gin) {
                    requireTsvector(e.type(), ic.pos());
                } else {
                    binder.requireKeyable(new Column(ic.text(), e.type(), false), ic.pos());
                }
                columns[i] = -1;
                expressions[i] = ic.text();
                anyExpression = true;
                descending[i] = ic.descending();
                names.add(nameOf(ic.expr()));
                continue;
            }
            columns[i] = table.columnIndex(ic.name());
            if (columns[i] < 0) {
                String hint = Suggestions.didYouMean(ic.name(), table.columns().stream().map(Column::name).toList());
                throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + ic.name() + "\" does not exist" + hint,
                        ic.pos());
            }
            if (gin) {
                requireTsvector(table.columns().get(columns[i]).type(), ic.pos());
            } else {
                binder.requireKeyable(table.columns().get(columns[i]), ic.pos());
            }
            descending[i] = ic.descending();
            names.add(ic.name());
        }
        if (columns.length > 32) {
            throw binder.error(SqlState.INVALID_TABLE_DEFINITION, "cannot use more than 32 columns in an index, got "
                    + columns.length, c.pos());
        }
        String name = c.name() != null ? Binder.sameSchema(table.name(), c.name()) : defaultName(table.name(), names);
        String method = c.method() == null ? "btree" : c.method();
        if (!method.equals("btree") && !method.equals("hnsw") && !method.equals("gin")) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "access method \"" + method + "\" does not exist", c.pos());
        }
        if (method.equals("hnsw") && !c.include().isEmpty()) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \"hnsw\" does not support included columns",
                    c.pos());
        }
        if (method.equals("hnsw") && (anyExpression || c.where() != null)) {
            throw binder.error(SqlState.INVALID_OBJECT_DEFINITION,
                    "an HNSW index takes one vector column, not an expression or a WHERE clause", c.pos());
        }
        if (method.equals("hnsw")) {
            Plan plan = new HnswIndexBinder(binder, catalog).bind(c, table, columns, name);
            if (catalog.hasRelation(name) && !c.ifNotExists()) {
                throw binder.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", c.pos());
            }
            return plan;
        }
        for (Statement.IndexColumn ic : c.columns()) {
            if (ic.opclass() != null && !(gin && ic.opclass().equals("tsvector_ops")) && !(jsonbKey
                    && (ic.opclass().equalsIgnoreCase("jsonb_ops") || ic.opclass().equalsIgnoreCase("jsonb_path_ops")))) {
                throw binder.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + ic.opclass()
                        + "\" does not exist for access method \"" + method + "\"", ic.pos());
            }
        }
        if (!c.options().isEmpty()) {
            throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + c.options().get(0).name()
                    + "\"", c.options().get(0).pos());
        }
        if (catalog.hasRelation(name) && !c.ifNotExists()) {
            throw binder.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", c.pos());
        }
        String predicate = null;
        if (c.where() != null) {
            BoundExpr w = binder.expressions(Scope.of(table, null), "index predicate").condition(c.where(), "WHERE");
            IndexExpressions.requireImmutable(binder, w, "predicate", c.where().pos());
            predicate = c.whereText();
        }
        // INCLUDE (columns): stored after the key parts, ascending, not part of the key
        int keys = columns.length;
        boolean[] nullsFirst = new boolean[keys + c.include().size()];
        for (int i = 0; i < keys; i++) {
            nullsFirst[i] = c.columns().get(i).nullsFirstOrDefault();
        }
        if (!c.include().isEmpty()) {
            columns = java.util.Arrays.copyOf(columns, keys + c.include().size());
            descending = java.util.Arrays.copyOf(descending, columns.length);
            expressions = java.util.Arrays.copyOf(expressions, columns.length);
            for (int k = 0; k < c.include().size(); k++) {
                String col = c.include().get(k);
                int i = table.columnIndex(col);
                if (i < 0) {
                    throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" does not exist", c.pos());
                }
                binder.requireKeyable(table.columns().get(i), c.pos());
                columns[keys + k] = i;
            }
            if (columns.length > 32) {
                throw binder.error(SqlState.INVALID_TABLE_DEFINITION, "cannot use more than 32 columns in an index, got "
                        + columns.length, c.pos());
            }
        }
        return new CreateIndexPlan(name, table, columns, descending, c.unique(), c.ifNotExists(),
                anyExpression ? expressions : null, predicate, null,
                io.kyrodb.engine.catalog.IndexShape.of(false, false, c.include().size(), nullsFirst, descending)
                        .withIndexOnly(c.unique()));   // CREATE UNIQUE INDEX makes no constraint
    }

    /** A gin index's key: KyroDB's gin indexes are inverted indexes of tsvectors and jsonb documents (42704 otherwise, as PostgreSQL without the operator class). */
    private void requireTsvector(io.kyrodb.engine.types.SqlType type, io.kyrodb.sql.ast.Pos pos) {
        if (type.kind() != io.kyrodb.engine.types.TypeKind.TSVECTOR) {
            throw binder.error(SqlState.UNDEFINED_OBJECT, "data type " + type.displayName()
                    + " has no default operator class for access method \"gin\" (KyroDB's gin indexes take tsvector and jsonb)", pos);
        }
    }

    /** PostgreSQL's name for an expression's part of a default index name: its function's name, else "expr". */
    private static String nameOf(io.kyrodb.sql.ast.Expr e) {
        return e instanceof io.kyrodb.sql.ast.Expr.FunctionCall f ? f.name() : "expr";
    }

    /** PostgreSQL's choice: {@code table_col1_col2_idx}, then {@code ..._idx1}, {@code ..._idx2}, ... while taken. */
    private String defaultName(String table, List<String> columns) {
        return defaultName(catalog, table, columns, java.util.Set.of());
    }

    private static String defaultName(Catalog catalog, String table, List<String> columns, java.util.Set<String> taken) {
        String base = table + "_" + String.join("_", columns) + "_idx";
        String name = base;
        for (int n = 1; catalog.hasRelation(name) || taken.contains(name); n++) {
            name = base + n;
        }
        return name;
    }

    /**
     * The definitions of {@code sources} (indexes of another table) for new table {@code table}
     * whose columns are {@code names}: the same key parts, expressions and predicate, by column
     * name, under names PostgreSQL would choose (CREATE TABLE ... LIKE ... INCLUDING INDEXES).
     */
    static List<io.kyrodb.engine.storage.Change.CreateIndex> copies(Catalog catalog, String table, List<String> names,
            List<io.kyrodb.engine.catalog.Index> sources, List<io.kyrodb.engine.plan.CreateTablePlan.UniqueKey> unique) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        unique.forEach(u -> taken.add(u.name()));
        List<io.kyrodb.engine.storage.Change.CreateIndex> out = new ArrayList<>();
        for (io.kyrodb.engine.catalog.Index i : sources) {
            Table source = catalog.table(i.table());
            int[] columns = new int[i.width()];
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < columns.length; k++) {
                if (i.column(k) < 0) {
                    columns[k] = -1;
                    String text = i.keyText(source, k);
                    parts.add(text.startsWith("(") ? "expr" : text.substring(0, text.indexOf('(')).strip()
                            .toLowerCase(java.util.Locale.ROOT));
                } else {
                    String column = source.columns().get(i.column(k)).name();
                    columns[k] = names.indexOf(column);
                    parts.add(column);
                }
            }
            String name = defaultName(catalog, table, parts, taken);
            taken.add(name);
            out.add(new io.kyrodb.engine.storage.Change.CreateIndex(name, table, columns, i.descending(), i.unique(),
                    i.expressions(), i.predicate()));
        }
        return out;
    }

    Plan dropIndex(Statement.DropIndex d) {
        List<String> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            if (!d.ifExists()) {
                binder.checkSchema(n);
            }
            String key = binder.relationKey(n);
            io.kyrodb.engine.catalog.Index index = catalog.index(key);
            String owner = index != null && index.unique() && index.plain() && !index.shape().indexOnly()
                    ? index.table() : primaryKeyOwner(key);
            if (owner != null) {   // a UNIQUE constraint's or primary key's index goes only with its constraint
                String local = io.kyrodb.engine.catalog.SchemaNames.localOf(key);
                String table = io.kyrodb.engine.catalog.SchemaNames.localOf(owner);
                throw binder.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + local
                        + " because constraint " + local + " on table " + table + " requires it (you can drop"
                        + " constraint " + local + " on table " + table + " instead)", n.pos());
            }
            if (index != null || catalog.vectorIndex(key) != null) {
                if (!names.contains(key)) {
                    names.add(key);
                }
            } else if (catalog.hasRelation(key)) {
                throw binder.error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not an index", n.pos());
            } else if (!d.ifExists()) {
                throw binder.error(SqlState.UNDEFINED_OBJECT, "index \"" + n + "\" does not exist", n.pos());
            }
        }
        return new DropIndexPlan(names);
    }

    /** The table (key) whose primary key's index {@code key} names ({@code t_pkey}), or null. */
    private String primaryKeyOwner(String key) {
        if (!key.endsWith("_pkey")) {
            return null;
        }
        String table = key.substring(0, key.length() - "_pkey".length());
        io.kyrodb.engine.catalog.Table t = catalog.table(table);
        return t != null && t.hasPrimaryKey() && catalog.index(key) == null ? table : null;
    }
}

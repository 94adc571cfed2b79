package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.SearchPath;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.catalog.system.SystemViews;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.RelocatePlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.SqlParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ALTER TABLE | SEQUENCE | VIEW ... SET SCHEMA and ALTER SCHEMA ... RENAME TO of a schema that
 * holds relations, as PostgreSQL does them: a table moves with its indexes, constraints, owned
 * (SERIAL and identity) sequences and comments; foreign keys, column defaults ({@code nextval('s.seq')})
 * and views that name a moved relation keep working, because their stored text and keys are
 * rewritten to its new key (PostgreSQL binds them by OID). A relation's schema is part of its
 * stored name, so a moving table's rows are written again under the new key in the statement's
 * transaction ({@link RelocatePlan}).
 */
final class RelocationBinder {
    private RelocationBinder() {
    }

    /** ALTER {TABLE | SEQUENCE | VIEW} [IF EXISTS] name SET SCHEMA s (ALTER TABLE moves a view or sequence too, as in PostgreSQL). */
    static Plan setSchema(Binder b, Statement.SetSchema s) {
        Catalog catalog = b.catalog();
        if (!s.ifExists()) {
            b.checkSchema(s.name());
        }
        String key = b.relationKey(s.name());
        boolean exists = switch (s.kind()) {
            case "table" -> catalog.table(key) != null || catalog.view(key) != null || catalog.sequence(key) != null;
            case "sequence" -> catalog.sequence(key) != null;
            default -> catalog.view(key) != null;
        };
        if (!exists) {
            if (catalog.hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + s.name().name() + "\" is not a " + s.kind(),
                        s.name().pos());
            }
            if (s.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + s.name() + "\" does not exist", s.name().pos());
        }
        String prefix = io.kyrodb.engine.catalog.SearchPath.TEMPORARY_PREFIX;
        if (SchemaNames.schemaOf(key).startsWith(prefix) || s.schema().startsWith(prefix)
                || s.schema().equals(io.kyrodb.engine.catalog.SearchPath.TEMPORARY_ALIAS)) {
            throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot move objects into or out of temporary"
                    + " schemas", s.pos());
        }
        if (!catalog.hasSchema(s.schema()) || SystemViews.isSystemSchema(s.schema())) {
            if (SystemViews.isSystemSchema(s.schema())) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot move objects into or out of system"
                        + " schemas", s.pos());
            }
            throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s.schema() + "\" does not exist", s.pos());
        }
        if (SchemaNames.schemaOf(key).equals(s.schema())) {
            return new CatalogDdlPlan(List.of());   // PostgreSQL: nothing to do
        }
        Sequence seq = catalog.sequence(key);
        if (seq != null && seq.ownedBy() != null) {
            throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot move an owned sequence into another schema"
                    + " (sequence \"" + SchemaNames.localOf(key) + "\" is linked to table \""
                    + SchemaNames.localOf(seq.ownerTable()) + "\"; move the table instead)", s.pos());
        }
        Map<String, String> moves = new LinkedHashMap<>();
        moves.put(key, SchemaNames.moved(key, s.schema()));
        return plan(b, moves, null, null, s.pos());
    }

    /**
     * ALTER TABLE t RENAME TO u when views read t: the table moves to its new key as SET SCHEMA
     * moves it (its indexes and sequences keep their names), and the views are written again
     * naming u, as PostgreSQL's views keep reading the renamed table.
     */
    static Plan renameTable(Binder b, String key, String newKey, Pos pos) {
        Map<String, String> moves = new LinkedHashMap<>();
        moves.put(key, newKey);
        return plan(b, moves, null, null, pos);
    }

    /**
     * ALTER VIEW v RENAME TO w: the view moves to its new key in its schema; views reading it are
     * written again naming w, its comments follow, as PostgreSQL's views keep reading it.
     */
    static Plan renameView(Binder b, Statement.RenameView r) {
        Catalog catalog = b.catalog();
        if (!r.ifExists()) {
            b.checkSchema(r.name());
        }
        String key = b.relationKey(r.name());
        if (catalog.view(key) == null) {
            if (catalog.hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name().name() + "\" is not a view", r.name().pos());
            }
            if (r.ifExists()) {
                return new CatalogDdlPlan(List.of());   // PostgreSQL: a NOTICE
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + r.name() + "\" does not exist", r.name().pos());
        }
        String to = SchemaNames.key(SchemaNames.schemaOf(key), r.to());
        if (to.equals(key)) {
            return new CatalogDdlPlan(List.of());
        }
        if (catalog.hasRelation(to)) {
            throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + r.to() + "\" already exists", r.pos());
        }
        Map<String, String> moves = new LinkedHashMap<>();
        moves.put(key, to);
        return plan(b, moves, null, null, r.pos());
    }

    /** ALTER SCHEMA from RENAME TO to, with whatever the schema holds (checked by the caller). */
    static Plan renameSchema(Binder b, String from, String to, Pos pos) {
        Map<String, String> moves = new LinkedHashMap<>();
        for (String key : b.catalog().relationsIn(from)) {
            moves.put(key, SchemaNames.moved(key, to));
        }
        return plan(b, moves, from, to, pos);
    }

    /**
     * The plan moving relations {@code moves} (key to new key; a table's indexes and owned
     * sequences are added here) and, when {@code fromSchema} is not null, renaming that schema to
     * {@code toSchema}.
     */
    private static Plan plan(Binder b, Map<String, String> moves, String fromSchema, String toSchema, Pos pos) {
        Catalog catalog = b.catalog();
        for (String key : List.copyOf(moves.keySet())) {
            Table t = catalog.table(key);
            if (t == null) {
                continue;
            }
            if (!catalog.vectorIndexesOf(key).isEmpty()) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot move table \"" + key
                        + "\" while it has hnsw index \"" + catalog.vectorIndexesOf(key).get(0).name()
                        + "\" (drop the index, move the table, then create the index again)", pos);
            }
            String schema = SchemaNames.schemaOf(moves.get(key));   // a table's indexes and sequences follow it
            for (Index i : catalog.indexesOf(key)) {
                moves.put(i.name(), SchemaNames.moved(i.name(), schema));
            }
            for (Sequence s : catalog.sequences()) {   // a schema rename leaves an owned sequence of another schema there
                if (key.equals(s.ownerTable()) && (fromSchema == null || SchemaNames.schemaOf(s.name()).equals(fromSchema))) {
                    moves.put(s.name(), SchemaNames.moved(s.name(), schema));
                }
            }
        }
        for (Map.Entry<String, String> e : moves.entrySet()) {
            if (fromSchema == null && !e.getKey().equals(e.getValue()) && catalog.hasRelation(e.getValue())) {
                throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + SchemaNames.localOf(e.getValue())
                        + "\" already exists in schema \"" + SchemaNames.schemaOf(e.getValue()) + "\"", pos);
            }
        }
        List<Change> before = new ArrayList<>();
        List<Change> after = new ArrayList<>();
        if (fromSchema != null) {
            before.add(new Change.CreateSchema(toSchema));
            String comment = catalog.comment(Catalog.schemaComment(fromSchema));
            if (comment != null) {
                before.add(new Change.Comment(Catalog.schemaComment(toSchema), comment));
            }
        }
        // views naming a moved relation (or resolving names in the renamed schema) are created again
        Map<String, View> views = new LinkedHashMap<>();
        for (View v : catalog.views()) {
            if (moves.containsKey(v.name()) || v.dependsOn().stream().anyMatch(moves::containsKey)
                    || (fromSchema != null && v.searchPath().contains(fromSchema))) {
                views.put(v.name(), rewritten(b, v, moves, fromSchema, toSchema));
            }
        }
        List<String> dropOrder = dependentsFirst(catalog, List.copyOf(views.keySet()));
        for (String v : dropOrder) {
            before.add(new Change.DropView(v));
        }
        List<RelocatePlan.TableMove> tables = new ArrayList<>();
        for (Table t : catalog.tables()) {
            List<ForeignKey> fks = t.foreignKeys().stream()
                    .map(f -> moves.containsKey(f.refTable()) ? f.withRefTable(moves.get(f.refTable())) : f).toList();
            Binder inSchema = b.withSchemaFirst(SchemaNames.schemaOf(t.name()));   // as the default is bound
            List<Column> columns = t.columns().stream().map(c -> withDefault(inSchema, c, moves)).toList();
            if (moves.containsKey(t.name())) {
                String newName = moves.get(t.name());
                List<Sequence> sequences = new ArrayList<>();
                for (Sequence s : catalog.sequences()) {
                    if (t.name().equals(s.ownerTable())) {
                        sequences.add(renamed(s, moves.getOrDefault(s.name(), s.name()),
                                newName + s.ownedBy().substring(t.name().length())));
                    }
                }
                Map<String, Index> indexes = new LinkedHashMap<>();
                for (Index i : catalog.indexesOf(t.name())) {
                    indexes.put(moves.get(i.name()), i);
                }
                tables.add(new RelocatePlan.TableMove(t, newName, columns, t.checks(), fks, sequences, indexes));
            } else if (!fks.equals(t.foreignKeys()) || !columns.equals(t.columns())) {
                after.add(new Change.AlterTable(new Change.CreateTable(t.name(), columns, t.primaryKey(), t.checks(),
                        fks)));
            }
        }
        for (Sequence s : catalog.sequences()) {
            if (moves.containsKey(s.name()) && (s.ownedBy() == null || !moves.containsKey(s.ownerTable()))) {
                after.add(new Change.DropSequence(s.name()));
                after.add(new Change.CreateSequence(renamed(s, moves.get(s.name()), s.ownedBy())));
            }
        }
        List<String> createOrder = new ArrayList<>(dropOrder);
        java.util.Collections.reverse(createOrder);
        for (String v : createOrder) {
            after.add(Change.CreateView.of(views.get(v)));
        }
        // materialized views reading a moved relation, or moved themselves, keep refreshing from it
        for (io.kyrodb.engine.catalog.MaterializedView m : catalog.materializedViews()) {
            View asView = new View(m.name(), List.of(), m.query(), List.of(), m.searchPath());
            java.util.Set<String> read;
            try {
                read = new java.util.HashSet<>(b.relationUses(asView).keys().values());
            } catch (KyroException | io.kyrodb.sql.parser.SqlSyntaxException e) {
                read = java.util.Set.of();
            }
            if (moves.containsKey(m.name()) || read.stream().anyMatch(moves::containsKey)
                    || (fromSchema != null && m.searchPath().contains(fromSchema))) {
                View w = rewritten(b, asView, moves, fromSchema, toSchema);
                after.add(new Change.CreateMaterializedView(w.name(), w.query(), w.searchPath(), m.populated()));
            }
        }
        for (Map.Entry<String, String> c : catalog.comments().entrySet()) {   // dropped with their objects: set again
            String moved = movedComment(c.getKey(), moves, views.keySet());
            if (moved != null) {
                after.add(new Change.Comment(moved, c.getValue()));
            }
        }
        if (fromSchema != null) {
            after.add(new Change.DropSchema(fromSchema));
        }
        return new RelocatePlan(before, tables, after);
    }

    /** {@code s} under {@code name}, owned by {@code ownedBy}, counting on with its counter. */
    private static Sequence renamed(Sequence s, String name, String ownedBy) {
        return s.altered(new Sequence(name, s.type(), s.increment(), s.minValue(), s.maxValue(), s.start(), s.cache(),
                s.cycle(), ownedBy, 0, false, false), null);
    }

    /** Column {@code c} with the sequence names of its DEFAULT that moved written as their new keys. */
    private static Column withDefault(Binder b, Column c, Map<String, String> moves) {
        if (c.defaultSql() == null) {
            return c;
        }
        String sql = SqlParser.renameSequenceArguments(c.defaultSql(), text -> {
            String key;
            try {
                String[] parts = SearchPath.parseQualified(text);
                key = parts[0] != null ? SchemaNames.key(parts[0], parts[1])
                        : java.util.Objects.requireNonNullElse(b.searchPath().find(b.catalog(), parts[1],
                        b.catalog()::hasRelation), parts[1]);
            } catch (KyroException e) {
                return null;
            }
            return moves.containsKey(key) ? regclassText(moves.get(key)) : null;
        });
        return sql.equals(c.defaultSql()) ? c : new Column(c.name(), c.type(), c.notNull(), sql, c.identity());
    }

    /** A catalog key as a name nextval reads back as that key: {@code name} in public, else {@code schema.name}. */
    private static String regclassText(String key) {
        String local = quote(SchemaNames.localOf(key));
        String schema = SchemaNames.schemaOf(key);
        return schema.equals(SchemaNames.PUBLIC) ? local : quote(schema) + "." + local;
    }

    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * View {@code v} as it is created again: under its new key, its text naming each moved relation
     * by its new key (each name is replaced where the text has it, found by binding the text), its
     * search_path with the renamed schema's new name and its dependencies by their new keys.
     */
    private static View rewritten(Binder b, View v, Map<String, String> moves, String fromSchema, String toSchema) {
        String query = v.query();
        try {
            Binder.RelationUses uses = b.relationUses(v);
            // edits by start offset: {end, replacement}
            java.util.TreeMap<Integer, Object[]> edits = new java.util.TreeMap<>();
            for (Map.Entry<Integer, String> use : uses.keys().entrySet()) {
                String to = moves.get(use.getValue());
                if (to == null) {
                    continue;
                }
                StringBuilder name = new StringBuilder();
                name.append(quote(SchemaNames.schemaOf(to))).append('.').append(quote(SchemaNames.localOf(to)));
                String oldLocal = SchemaNames.localOf(use.getValue());
                if (!uses.aliased().contains(use.getKey()) && !oldLocal.equals(SchemaNames.localOf(to))) {
                    name.append(" AS ").append(quote(oldLocal));   // its columns stay qualified by the old name
                }
                edits.put(use.getKey(), new Object[]{SqlParser.relationNameEnd(query, use.getKey()), name.toString()});
            }
            // a column written schema.table.column names the moved table by its new name (or, when the
            // table was renamed, by the alias its FROM item now has: the old name)
            for (Binder.ColumnUse u : uses.columns()) {
                String to = moves.get(u.table());
                if (to == null || u.qualifier() == null || !u.qualifier().contains(".") || edits.containsKey(u.offset())) {
                    continue;
                }
                List<SqlParser.NamePart> parts = SqlParser.nameParts(query, u.offset());
                if (parts.size() != 3 || !parts.get(2).name().equals(u.column())) {
                    continue;
                }
                String qualifier = SchemaNames.localOf(u.table()).equals(SchemaNames.localOf(to))
                        ? quote(SchemaNames.schemaOf(to)) + "." + quote(SchemaNames.localOf(to))
                        : quote(SchemaNames.localOf(u.table()));
                edits.put(parts.get(0).start(), new Object[]{parts.get(1).end(), qualifier});
            }
            StringBuilder out = new StringBuilder();
            int at = 0;
            for (Map.Entry<Integer, Object[]> e : edits.entrySet()) {
                if (e.getKey() < at) {
                    continue;
                }
                out.append(query, at, e.getKey()).append((String) e.getValue()[1]);
                at = (Integer) e.getValue()[0];
            }
            out.append(query.substring(at));
            query = out.toString();
        } catch (KyroException | io.kyrodb.sql.parser.SqlSyntaxException e) {
            // a view that no longer binds keeps its text; its dependencies still follow the move
        }
        List<String> path = v.searchPath().stream().map(s -> s.equals(fromSchema) ? toSchema : s).toList();
        List<String> dependsOn = v.dependsOn().stream().map(d -> moves.getOrDefault(d, d)).toList();
        return new View(moves.getOrDefault(v.name(), v.name()), v.columns(), query, dependsOn, path, v.checkOption());
    }

    /** {@code names} (views) ordered so that a view comes before every view it reads. */
    private static List<String> dependentsFirst(Catalog catalog, List<String> names) {
        List<String> left = new ArrayList<>(names);
        List<String> out = new ArrayList<>();
        while (!left.isEmpty()) {
            boolean progressed = false;
            for (String v : List.copyOf(left)) {
                boolean read = left.stream().anyMatch(o -> !o.equals(v) && catalog.view(o).dependsOn().contains(v));
                if (!read) {
                    out.add(v);
                    left.remove(v);
                    progressed = true;
                }
            }
            if (!progressed) {   // a cycle cannot be created; keep going rather than loop
                out.addAll(left);
                break;
            }
        }
        return out;
    }

    /** The new key of comment {@code key} when its object moved or is created again, else null. */
    private static String movedComment(String key, Map<String, String> moves, java.util.Set<String> recreatedViews) {
        if (key.startsWith("r:")) {
            String object = key.substring(2);
            if (moves.containsKey(object)) {
                return Catalog.relationComment(moves.get(object));
            }
            return recreatedViews.contains(object) ? key : null;
        }
        if (key.startsWith("c:")) {
            int zero = key.indexOf('\u0000');
            String object = key.substring(2, zero);
            if (moves.containsKey(object)) {
                return Catalog.columnComment(moves.get(object), key.substring(zero + 1));
            }
            return recreatedViews.contains(object) ? key : null;
        }
        return null;
    }
}

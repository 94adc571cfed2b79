package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.plan.AlterTablePlan;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.vector.VectorIndexes;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER INDEX, REINDEX and CLUSTER.
 *
 * <p>An ordered index's entries are rows of a hidden table named after the index, so RENAME TO
 * builds the same definition again under the new name (dropping the old one in the same
 * statement) and REINDEX INDEX builds it again under its own name: both rewrite every entry from
 * the table's rows, in the writer's transaction. An HNSW index renamed is defined again under the
 * new name and its graph rebuilt from the rows (searches are exact meanwhile); REINDEX of one is a
 * no-op, its graph being derived and repaired from the rows on open.
 *
 * <p>CLUSTER is accepted and changes nothing: a table's rows are already stored in primary-key
 * order in sorted runs (or row-id order without one), and that order cannot be changed to another
 * index's; an index scan reads its own sorted entries. It still checks that the table and index exist.
 */
final class IndexMaintenanceBinder {
    private IndexMaintenanceBinder() {
    }

    static Plan alterIndex(Binder b, Statement.AlterIndex a) {
        if (!a.ifExists()) {
            b.checkSchema(a.name());
        }
        String key = b.relationKey(a.name());
        Index index = b.catalog().index(key);
        VectorIndexDef vector = b.catalog().vectorIndex(key);
        if (index == null && vector == null) {
            if (b.catalog().hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + a.name().name() + "\" is not an index", a.name().pos());
            }
            if (a.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + a.name() + "\" does not exist", a.name().pos());
        }
        String to = Binder.sameSchema(key, a.newName());   // an index stays in its table's schema
        if (to.equals(key)) {
            return new CatalogDdlPlan(List.of());
        }
        if (b.catalog().hasRelation(to)) {
            throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + a.newName() + "\" already exists", a.pos());
        }
        if (vector != null) {
            return new CatalogDdlPlan(List.of(new Change.DropIndex(key), new Change.CreateVectorIndex(
                    new VectorIndexDef(to, vector.table(), vector.column(), vector.spec(), VectorIndexes.newId()))));
        }
        return rebuild(b, index, to);
    }

    /** ALTER INDEX name SET/RESET (storage parameters): checked as for tables, then nothing changes. */
    static Plan parameters(Binder b, Statement.AlterIndexParameters a) {
        String key = b.relationKey(a.name());
        if (b.catalog().index(key) == null && b.catalog().vectorIndex(key) == null) {
            if (b.catalog().hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + a.name().name() + "\" is not an index", a.name().pos());
            }
            if (a.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + a.name() + "\" does not exist", a.name().pos());
        }
        ConstraintDdl.checkParameters(b, a.parameters(), true, a.pos());
        return new CatalogDdlPlan(List.of());
    }

    /** REINDEX INDEX name (the other kinds become one of these per index, see the session). */
    static Plan reindex(Binder b, Statement.Reindex r) {
        b.checkSchema(r.name());
        String key = b.relationKey(r.name());
        Index index = b.catalog().index(key);
        if (index == null) {
            if (b.catalog().vectorIndex(key) != null) {
                return new CatalogDdlPlan(List.of());
            }
            if (b.catalog().hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name().name() + "\" is not an index", r.name().pos());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + r.name() + "\" does not exist", r.name().pos());
        }
        return rebuild(b, index, key);
    }

    private static Plan rebuild(Binder b, Index index, String name) {
        Table table = b.catalog().table(index.table());
        return new CreateIndexPlan(name, table, index);
    }

    /** The indexes REINDEX TABLE, SCHEMA or DATABASE (SYSTEM) rebuilds, as qualified names. */
    static List<QualifiedName> reindexed(Binder b, Statement.Reindex r) {
        List<String> tables = new ArrayList<>();
        switch (r.kind()) {
            case "table" -> {
                String key = b.relationKey(r.name());
                if (b.catalog().table(key) == null && b.catalog().hasRelation(key)) {
                    throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name().name() + "\" is not a table or materialized"
                            + " view", r.name().pos());
                }
                Table t = b.table(r.name());
                if (t.isSystem()) {
                    return List.of();
                }
                tables.add(t.name());
            }
            case "schema" -> {
                if (!b.catalog().hasSchema(r.name().name())) {
                    throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + r.name().name() + "\" does not exist",
                            r.name().pos());
                }
                b.catalog().tables().stream().map(Table::name)
                        .filter(n -> SchemaNames.schemaOf(n).equals(r.name().name())).forEach(tables::add);
            }
            case "system" -> {
                return List.of();   // the system catalogs are views computed from the catalog: nothing to rebuild
            }
            default -> {   // database
                if (r.name() != null && !r.name().name().equals(b.system().database())) {
                    throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "can only reindex the currently open database",
                            r.name().pos());
                }
                b.catalog().tables().forEach(t -> tables.add(t.name()));
            }
        }
        List<QualifiedName> out = new ArrayList<>();
        for (String t : tables) {
            for (Index i : b.catalog().indexesOf(t)) {
                out.add(new QualifiedName(r.pos(), SchemaNames.schemaOf(i.name()), SchemaNames.localOf(i.name())));
            }
        }
        return out;
    }

    /** CLUSTER [table [USING index]]: checked, then nothing to do (see the class comment). */
    static Plan cluster(Binder b, Statement.Cluster c) {
        if (c.table() == null) {
            return new CatalogDdlPlan(List.of());
        }
        Table t = b.table(c.table());
        if (c.index() == null) {
            return AlterTablePlan.nothing(t);   // PostgreSQL's remembered index would order rows KyroDB keeps by key anyway
        }
        String key = Binder.sameSchema(t.name(), c.index());
        Index index = b.catalog().index(key);
        if (index == null) {
            if (b.catalog().vectorIndex(key) != null) {
                throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on index \"" + c.index()
                        + "\" because access method does not support clustering", c.pos());
            }
            throw b.error(SqlState.UNDEFINED_OBJECT, "index \"" + c.index() + "\" for table \"" + c.table().name()
                    + "\" does not exist", c.pos());
        }
        if (!index.table().equals(t.name())) {
            throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + c.index() + "\" is not an index for table \""
                    + c.table().name() + "\"", c.pos());
        }
        if (index.predicate() != null) {
            throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot cluster on partial index \"" + c.index() + "\"", c.pos());
        }
        return AlterTablePlan.nothing(t);
    }
}

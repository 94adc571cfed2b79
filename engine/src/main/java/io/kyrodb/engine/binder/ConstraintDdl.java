package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.AlterTablePlan;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ALTER TABLE ... RENAME CONSTRAINT, and the ALTER TABLE actions KyroDB accepts without effect
 * because what they tune does not exist here: storage parameters (SET/RESET (fillfactor = ...,
 * autovacuum_*, ...): rows live in sorted runs, not heap pages, and VACUUM is the compactor's),
 * SET LOGGED/UNLOGGED (every table is written to the WAL; UNLOGGED tables are logged too, see
 * CREATE UNLOGGED TABLE), CLUSTER ON / SET WITHOUT CLUSTER (see {@link IndexMaintenanceBinder})
 * and ALTER COLUMN ... SET STATISTICS n (ANALYZE's sample and histogram sizes are fixed). Each is
 * still checked as PostgreSQL checks it, so a typo fails the same way.
 */
final class ConstraintDdl {
    /** Storage parameters PostgreSQL 15 knows for tables and indexes (a name outside them is 22023). */
    private static final Set<String> PARAMETERS = Set.of("fillfactor", "toast_tuple_target", "parallel_workers",
            "autovacuum_enabled", "autovacuum_vacuum_threshold", "autovacuum_vacuum_scale_factor",
            "autovacuum_vacuum_insert_threshold", "autovacuum_vacuum_insert_scale_factor",
            "autovacuum_analyze_threshold", "autovacuum_analyze_scale_factor", "autovacuum_vacuum_cost_delay",
            "autovacuum_vacuum_cost_limit", "autovacuum_freeze_min_age", "autovacuum_freeze_max_age",
            "autovacuum_freeze_table_age", "autovacuum_multixact_freeze_min_age",
            "autovacuum_multixact_freeze_max_age", "autovacuum_multixact_freeze_table_age",
            "log_autovacuum_min_duration", "user_catalog_table", "vacuum_index_cleanup", "vacuum_truncate",
            "deduplicate_items", "fastupdate", "gin_pending_list_limit", "buffering", "pages_per_range",
            "autosummarize", "m", "ef_construction", "lists");

    private ConstraintDdl() {
    }

    static Plan rename(Binder b, Table t, Statement.RenameConstraint r) {
        String local = SchemaNames.localOf(t.name());
        if (taken(b, t, r.to())) {
            throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + r.to() + "\" for relation \"" + local
                    + "\" already exists", r.pos());
        }
        List<CheckConstraint> checks = new ArrayList<>();
        boolean found = false;
        for (CheckConstraint k : t.checks()) {
            found |= k.name().equals(r.from());
            checks.add(k.name().equals(r.from()) ? new CheckConstraint(r.to(), k.sql()) : k);
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            found |= f.name().equals(r.from());
            fks.add(f.name().equals(r.from()) ? new ForeignKey(r.to(), f.columns(), f.refTable(), f.refColumns(),
                    f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred()) : f);
        }
        if (found) {
            return AlterTablePlan.redefine(t, t.columns(), checks, fks, List.of(), List.of(), -1);
        }
        Index index = b.catalog().index(SchemaNames.moved(r.from(), SchemaNames.schemaOf(t.name())));
        if (index != null && index.table().equals(t.name()) && index.unique() && index.plain()) {
            // a UNIQUE constraint is its index: the index is built again under the new name
            return new CreateIndexPlan(SchemaNames.moved(r.to(), SchemaNames.schemaOf(t.name())), t, index);
        }
        if (t.hasPrimaryKey() && r.from().equals(local + "_pkey")) {
            throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot rename primary key constraint \""
                    + r.from() + "\": KyroDB names a primary key after its table", r.pos());
        }
        throw b.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + r.from() + "\" for table \"" + local
                + "\" does not exist", r.pos());
    }

    private static boolean taken(Binder b, Table t, String name) {
        if (t.checks().stream().anyMatch(k -> k.name().equals(name))
                || t.foreignKeys().stream().anyMatch(f -> f.name().equals(name))) {
            return true;
        }
        return t.hasPrimaryKey() && name.equals(SchemaNames.localOf(t.name()) + "_pkey")
                || b.catalog().hasRelation(SchemaNames.moved(name, SchemaNames.schemaOf(t.name())));
    }

    /** The actions without effect: checked, then nothing changes (see the class comment). */
    static Plan storage(Binder b, Table t, Statement.TableStorage s) {
        switch (s.what()) {
            case "set statistics" -> {
                if (t.columnIndex(s.column()) < 0) {
                    throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + s.column() + "\" of relation \""
                            + SchemaNames.localOf(t.name()) + "\" does not exist", s.pos());
                }
                long target = Long.parseLong(s.parameters().get(0)[1]);
                if (target < -1) {
                    throw b.error(SqlState.INVALID_PARAMETER_VALUE, "statistics target " + target + " is too low", s.pos());
                }
            }
            case "set", "reset" -> checkParameters(b, s.parameters(), s.what().equals("set"), s.pos());
            case "cluster on" -> IndexMaintenanceBinder.cluster(b, new Statement.Cluster(s.pos(),
                    new io.kyrodb.sql.ast.QualifiedName(s.pos(), SchemaNames.schemaOf(t.name()),
                            SchemaNames.localOf(t.name())), s.column()));
            default -> {
            }
        }
        return AlterTablePlan.nothing(t);
    }

    /** 22023 for a parameter PostgreSQL does not know, or a fillfactor outside 10..100. */
    static void checkParameters(Binder b, List<String[]> parameters, boolean set, io.kyrodb.sql.ast.Pos pos) {
        for (String[] p : parameters) {
            String name = p[0];
            if (!PARAMETERS.contains(name) && !name.startsWith("toast.")) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"", pos);
            }
            if (set && name.equals("fillfactor")) {
                int v;
                try {
                    v = p[1] == null ? -1 : Integer.parseInt(p[1]);
                } catch (NumberFormatException e) {
                    throw b.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for integer option \"fillfactor\": "
                            + p[1], pos);
                }
                if (v < 10 || v > 100) {
                    throw b.error(SqlState.INVALID_PARAMETER_VALUE, "value " + p[1] + " out of bounds for option"
                            + " \"fillfactor\"", pos);
                }
            }
        }
    }
}

package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE ... ALTER COLUMN c ADD GENERATED ... AS IDENTITY, SET GENERATED, DROP IDENTITY [IF
 * EXISTS] and RESTART [WITH n], as PostgreSQL checks them (55000 for a column that is, or is not,
 * an identity column; ADD needs NOT NULL and no default). The rows stay as they are: the changes
 * are the table's new definition (WAL change 10) and its identity sequence created, replaced or
 * dropped (changes 8 and 9), in one transactional statement.
 */
final class IdentityBinder {
    private IdentityBinder() {
    }

    static Plan alter(Binder b, Table t, Statement.AlterIdentity a) {
        int i = t.columnIndex(a.column());
        if (i < 0) {
            throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + a.column() + "\" of relation \"" + t.name()
                    + "\" does not exist", a.pos());
        }
        Column c = t.columns().get(i);
        Sequence owned = b.catalog().ownedSequence(t.name(), c.name());
        String relation = io.kyrodb.engine.catalog.SchemaNames.localOf(t.name());
        List<Change> out = new ArrayList<>();
        Column changed;
        if (a.operation().equals("add")) {
            if (c.identity() != null) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "column \"" + c.name() + "\" of relation \""
                        + relation + "\" is already an identity column", a.pos());
            }
            if (!c.notNull()) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "column \"" + c.name() + "\" of relation \""
                        + relation + "\" must be declared NOT NULL before identity can be added", a.pos());
            }
            if (c.defaultSql() != null) {
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "column \"" + c.name() + "\" of relation \""
                        + relation + "\" already has a default value", a.pos());
            }
            if (!SequenceBinder.isInteger(c.type())) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or bigint",
                        a.pos());
            }
            String name = a.options().sequenceName() != null
                    ? SequenceBinder.namedIdentitySequence(b, a.options().sequenceName(), List.of())
                    : SequenceBinder.serialName(b, t.name(), c.name(), List.of());
            Sequence s = SequenceBinder.define(b, name, a.options(), c.type(), SequenceBinder.owner(t.name(), c.name()),
                    a.pos());
            out.add(new Change.CreateSequence(s.fresh()));
            changed = new Column(c.name(), c.type(), c.notNull(), null,
                    a.always() ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT);
        } else {
            if (c.identity() == null) {
                if (a.operation().equals("drop") && a.ifExists()) {
                    return new CatalogDdlPlan(List.of());
                }
                throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "column \"" + c.name() + "\" of relation \""
                        + relation + "\" is not an identity column", a.pos());
            }
            switch (a.operation()) {
                case "set" -> changed = new Column(c.name(), c.type(), c.notNull(), null,
                        a.always() ? Column.Identity.ALWAYS : Column.Identity.BY_DEFAULT);
                case "drop" -> {
                    changed = new Column(c.name(), c.type(), c.notNull(), null, null);
                    if (owned != null) {
                        out.add(new Change.DropSequence(owned.name()));
                    }
                }
                default -> {   // restart
                    changed = c;
                    if (owned != null) {
                        long restart = a.restartWith() != null ? a.restartWith() : owned.start();
                        if (restart < owned.minValue() || restart > owned.maxValue()) {
                            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart + ") is out of "
                                    + "bounds for the sequence (" + owned.minValue() + ".." + owned.maxValue() + ")",
                                    a.pos());
                        }
                        out.add(new Change.DropSequence(owned.name()));
                        out.add(new Change.CreateSequence(owned.altered(owned, restart)));
                    }
                }
            }
        }
        List<Column> columns = new ArrayList<>(t.columns());
        columns.set(i, changed);
        out.add(new Change.AlterTable(new Change.CreateTable(t.name(), columns, t.primaryKey(), t.checks(),
                t.foreignKeys())));
        return new CatalogDdlPlan(out);
    }
}

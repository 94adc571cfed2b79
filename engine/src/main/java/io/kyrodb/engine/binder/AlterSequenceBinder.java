package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER SEQUENCE [IF EXISTS] name: CREATE SEQUENCE's options (unwritten ones keep their value; NO
 * MINVALUE/NO MAXVALUE go back to the type's default), RESTART [WITH n], OWNED BY t.c | NONE, or
 * RENAME TO. Checked as CREATE SEQUENCE checks (22023). Transactional: the sequence is replaced
 * by one with the new definition and the old one's state (WAL changes 9 and 8), so a rollback
 * keeps the old definition; values handed out meanwhile are never rolled back, as in PostgreSQL.
 */
final class AlterSequenceBinder {
    private AlterSequenceBinder() {
    }

    static Plan bind(Binder b, Statement.AlterSequence a) {
        Catalog catalog = b.catalog();
        if (!a.ifExists()) {
            b.checkSchema(a.name());
        }
        String key = b.relationKey(a.name());
        Sequence old = catalog.sequence(key);
        if (old == null) {
            if (catalog.hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + a.name().name() + "\" is not a sequence", a.name().pos());
            }
            if (a.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + a.name() + "\" does not exist", a.name().pos());
        }
        List<Change> out = new ArrayList<>();
        if (a.renameTo() != null) {
            String to = Binder.sameSchema(key, a.renameTo());
            if (catalog.hasRelation(to)) {
                throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + a.renameTo() + "\" already exists", a.pos());
            }
            Sequence renamed = old.altered(new Sequence(to, old.type(), old.increment(), old.minValue(),
                    old.maxValue(), old.start(), old.cache(), old.cycle(), old.ownedBy(), 0, false, false), null);
            out.add(new Change.DropSequence(key));
            out.add(new Change.CreateSequence(renamed));
            moveComment(catalog, key, to, out);
            return new CatalogDdlPlan(out);
        }
        Statement.SequenceOptions o = a.options();
        SqlType type = old.type();
        if (o.type() != null) {
            type = TypeResolver.resolve(o.type(), b.sql());
            if (!SequenceBinder.isInteger(type)) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint",
                        o.type().pos());
            }
        }
        long increment = o.increment() != null ? o.increment() : old.increment();
        boolean typeChanged = !type.equals(old.type());
        Long min = o.minValue() != null ? o.minValue() : o.noMinValue() ? null
                : typeChanged && old.minValue() == typeMin(old.type()) ? null : (Long) old.minValue();
        Long max = o.maxValue() != null ? o.maxValue() : o.noMaxValue() ? null
                : typeChanged && old.maxValue() == typeMax(old.type()) ? null : (Long) old.maxValue();
        if (increment > 0 && min != null && min == -1 && o.minValue() == null && old.increment() < 0) {
            min = null;   // a descending default bound does not carry over to an ascending sequence
        }
        Statement.SequenceOptions merged = new Statement.SequenceOptions(null, increment, min, false, max, false,
                o.start() != null ? o.start() : (Long) old.start(), o.cache() != null ? o.cache() : (Long) old.cache(),
                o.cycle() != null ? o.cycle() : old.cycle());
        String owner = old.ownedBy();
        if (a.setOwner()) {
            owner = a.ownedBy() == null ? null : owner(b, key, a);
        }
        Sequence definition = SequenceBinder.define(b, key, merged, type, owner, a.pos());
        Long restart = null;
        if (a.restart()) {
            restart = a.restartWith() != null ? a.restartWith() : definition.start();
            if (restart < definition.minValue()) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart
                        + ") cannot be less than MINVALUE (" + definition.minValue() + ")", a.pos());
            }
            if (restart > definition.maxValue()) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "RESTART value (" + restart
                        + ") cannot be greater than MAXVALUE (" + definition.maxValue() + ")", a.pos());
            }
        }
        out.add(new Change.DropSequence(key));
        out.add(new Change.CreateSequence(old.altered(definition, restart)));
        moveComment(catalog, key, key, out);
        return new CatalogDdlPlan(out);
    }

    /** OWNED BY [schema.]table.column: the table in the sequence's schema (55000 otherwise), the column existing (42703). */
    private static String owner(Binder b, String sequenceKey, Statement.AlterSequence a) {
        List<String> parts = a.ownedBy();
        if (parts.size() < 2 || parts.size() > 3) {
            throw b.error(SqlState.SYNTAX_ERROR, "invalid OWNED BY option: name a column as table.column", a.pos());
        }
        io.kyrodb.sql.ast.QualifiedName table = new io.kyrodb.sql.ast.QualifiedName(a.pos(),
                parts.size() == 3 ? parts.get(0) : null, parts.get(parts.size() - 2));
        Table t = b.table(table);
        if (!SchemaNames.schemaOf(t.name()).equals(SchemaNames.schemaOf(sequenceKey))) {
            throw b.error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "sequence must be in same schema as table it is linked to", a.pos());
        }
        String column = parts.get(parts.size() - 1);
        if (t.columnIndex(column) < 0) {
            throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + table.name()
                    + "\" does not exist", a.pos());
        }
        return SequenceBinder.owner(t.name(), column);
    }

    /** Dropping and creating the sequence drops its comment: carry it over (to its new name on RENAME). */
    private static void moveComment(Catalog catalog, String from, String to, List<Change> out) {
        String comment = catalog.comment(Catalog.relationComment(from));
        if (comment != null) {
            out.add(new Change.Comment(Catalog.relationComment(to), comment));
        }
    }

    private static long typeMin(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    private static long typeMax(SqlType t) {
        return switch (t.kind()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}

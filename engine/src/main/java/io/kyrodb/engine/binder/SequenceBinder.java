package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.CreateSequencePlan;
import io.kyrodb.engine.plan.DropSequencePlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE SEQUENCE, DROP SEQUENCE, and the sequences of SERIAL and identity columns: the options
 * checked and defaulted as PostgreSQL does (an ascending sequence runs from 1 to its type's
 * maximum, a descending one from -1 down to its minimum; START defaults to the end it starts from).
 */
final class SequenceBinder {
    private SequenceBinder() {
    }

    static Plan create(Binder b, Statement.CreateSequence c) {
        String name = b.createKey(c.name());
        if (b.catalog().hasRelation(name) && !c.ifNotExists()) {
            throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", c.name().pos());
        }
        SqlType type = SqlType.BIGINT;
        if (c.options().type() != null) {
            type = TypeResolver.resolve(c.options().type(), b.sql());
            if (!isInteger(type)) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint",
                        c.options().type().pos());
            }
        }
        return new CreateSequencePlan(define(b, name, c.options(), type, null, c.pos()), c.ifNotExists());
    }

    static Plan drop(Binder b, Statement.DropSequence d) {
        List<String> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            if (!d.ifExists()) {
                b.checkSchema(n);
            }
            String key = b.relationKey(n);
            Sequence s = b.catalog().sequence(key);
            if (s == null) {
                if (b.catalog().hasRelation(key)) {
                    throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not a sequence", n.pos());
                }
                if (!d.ifExists()) {
                    throw b.error(SqlState.UNDEFINED_TABLE, "sequence \"" + n.name() + "\" does not exist", n.pos());
                }
                continue;
            }
            if (s.ownedBy() != null) {
                String[] owner = s.ownedBy().split("\\.", 2);
                throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + s.name()
                        + " because other objects depend on it: default value for column " + owner[1] + " of table "
                        + owner[0] + " depends on sequence " + s.name(), n.pos());
            }
            if (!names.contains(s.name())) {
                names.add(s.name());
            }
        }
        return new DropSequencePlan(names);
    }

    static boolean isInteger(SqlType t) {
        return t.kind() == TypeKind.SMALLINT || t.kind() == TypeKind.INTEGER || t.kind() == TypeKind.BIGINT;
    }

    /** A sequence definition from {@code o}, of {@code type} (smallint, integer or bigint); 22023 on bad options. */
    static Sequence define(Binder b, String name, Statement.SequenceOptions o, SqlType type, String owner, Pos pos) {
        long typeMin = switch (type.kind()) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long typeMax = switch (type.kind()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long increment = o.increment() == null ? 1 : o.increment();
        if (increment == 0) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero", pos);
        }
        long min = o.minValue() != null ? o.minValue() : increment > 0 ? 1 : typeMin;
        long max = o.maxValue() != null ? o.maxValue() : increment > 0 ? typeMax : -1;
        String typeName = type.displayName();
        if (min < typeMin || min > typeMax) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min + ") is out of range for sequence data type "
                    + typeName, pos);
        }
        if (max < typeMin || max > typeMax) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + max + ") is out of range for sequence data type "
                    + typeName, pos);
        }
        if (min >= max) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min + ") must be less than MAXVALUE (" + max
                    + ")", pos);
        }
        long start = o.start() != null ? o.start() : increment > 0 ? min : max;
        if (start < min) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start + ") cannot be less than MINVALUE ("
                    + min + ")", pos);
        }
        if (start > max) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start
                    + ") cannot be greater than MAXVALUE (" + max + ")", pos);
        }
        long cache = o.cache() == null ? 1 : o.cache();
        if (cache <= 0) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache + ") must be greater than zero", pos);
        }
        return new Sequence(name, type, increment, min, max, start, cache, Boolean.TRUE.equals(o.cycle()), owner, start,
                false, false);
    }

    /** PostgreSQL's name for a column's sequence: {@code table_column_seq}, numbered when taken. */
    static String serialName(Binder b, String table, String column, List<String> taken) {
        String base = table + "_" + column + "_seq";
        String name = base;
        for (int n = 1; b.catalog().hasRelation(name) || taken.contains(name); n++) {
            name = base + n;
        }
        return name;
    }

    /** An identity column's sequence named by SEQUENCE NAME (pg_dump writes it): a new relation's key (42P07 if taken). */
    static String namedIdentitySequence(Binder b, io.kyrodb.sql.ast.QualifiedName name, List<String> taken) {
        String key = b.createKey(name);
        if (b.catalog().hasRelation(key) || taken.contains(key)) {
            throw b.error(SqlState.DUPLICATE_TABLE, "relation \"" + name.name() + "\" already exists", name.pos());
        }
        return key;
    }

    static String owner(String table, String column) {
        return table + "." + column;
    }

    static String defaultSchema() {
        return Table.DEFAULT_SCHEMA;
    }
}

package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.UserTypes;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.types.DomainType;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE DOMAIN and ALTER DOMAIN as PostgreSQL 15 does them. A CHECK is bound now over
 * {@code VALUE} of the base type (42804 unless boolean); an unnamed one is called
 * {@code <domain>_check} (then {@code _check1} ...). ADD CONSTRAINT and SET NOT NULL check the
 * values already stored in columns of the domain (23514 / 23502), so a failing ALTER changes
 * nothing. DROP DOMAIN is {@link UserTypeDdl#drop}.
 */
final class DomainDdl {
    private DomainDdl() {
    }

    static Plan create(Binder b, Statement.CreateDomain c) {
        String key = UserTypeDdl.newTypeKey(b, c.name());
        SqlType base = b.resolveType(c.base());
        if (base.kind() == TypeKind.RECORD || base.kind() == TypeKind.UNKNOWN) {
            throw b.error(SqlState.DATATYPE_MISMATCH, "\"" + base.displayName() + "\" is not a valid base type for a domain",
                    c.base().pos());
        }
        List<DomainType.Check> checks = new ArrayList<>();
        for (Statement.DomainCheck k : c.checks()) {
            checks.add(check(b, c.name().name(), base, k, checks));
        }
        DomainType d = new DomainType(UserTypeDdl.newOid(b.catalog(), key), key, base, null, c.notNull(), checks);
        if (c.defaultText() != null) {
            checkDefault(b, d, c.defaultText(), c.pos());
            d = new DomainType(d.oid(), key, base, c.defaultText(), c.notNull(), checks);
        }
        return new CatalogDdlPlan(List.of(new Change.DefineType(d)));
    }

    static Plan alter(Binder b, Statement.AlterDomain a) {
        DomainType d = (DomainType) UserTypeDdl.existing(b, a.name(), true);
        List<CatalogDdlPlan.ColumnValidation> validations = new ArrayList<>();
        DomainType next = switch (a.action()) {
            case "SET_DEFAULT" -> {
                checkDefault(b, d, a.text(), a.pos());
                yield new DomainType(d.oid(), d.key(), d.base(), a.text(), d.notNull(), d.checks());
            }
            case "DROP_DEFAULT" -> new DomainType(d.oid(), d.key(), d.base(), null, d.notNull(), d.checks());
            case "SET_NOT_NULL" -> {
                for (Table t : b.catalog().tables()) {
                    for (int i = 0; i < t.columns().size(); i++) {
                        Column col = t.columns().get(i);
                        if (isOf(col.type(), d)) {
                            String what = "column \"" + col.name() + "\" of table \"" + SchemaNames.localOf(t.name())
                                    + "\" contains null values";
                            validations.add(new CatalogDdlPlan.ColumnValidation(t, i, v -> {
                                if (v == null) {
                                    throw new KyroException(SqlState.NOT_NULL_VIOLATION, what);
                                }
                            }));
                        }
                    }
                }
                yield new DomainType(d.oid(), d.key(), d.base(), d.defaultSql(), true, d.checks());
            }
            case "DROP_NOT_NULL" -> new DomainType(d.oid(), d.key(), d.base(), d.defaultSql(), false, d.checks());
            case "ADD_CHECK" -> {
                List<DomainType.Check> checks = new ArrayList<>(d.checks());
                DomainType.Check k = check(b, d.name(), d.base(), a.check(), checks);
                if (a.check().name() != null && checks.stream().anyMatch(o -> o.name().equals(k.name()))) {
                    throw b.error(SqlState.DUPLICATE_OBJECT, "constraint \"" + k.name() + "\" for domain " + d.name()
                            + " already exists", a.pos());
                }
                checks.add(k);
                DomainType added = new DomainType(d.oid(), d.key(), d.base(), d.defaultSql(), d.notNull(), checks);
                DomainType only = new DomainType(d.oid(), d.key(), d.base(), null, false, List.of(k));
                DomainCheck rule = DomainCheck.of(b, only);
                for (Table t : b.catalog().tables()) {
                    for (int i = 0; i < t.columns().size(); i++) {
                        Column col = t.columns().get(i);
                        if (isOf(col.type(), d)) {
                            String what = "column \"" + col.name() + "\" of table \"" + SchemaNames.localOf(t.name())
                                    + "\" contains values that violate the new constraint";
                            validations.add(new CatalogDdlPlan.ColumnValidation(t, i, v -> {
                                try {
                                    rule.check(v);
                                } catch (KyroException e) {
                                    throw new KyroException(SqlState.CHECK_VIOLATION, what);
                                }
                            }));
                        }
                    }
                }
                yield added;
            }
            case "DROP_CONSTRAINT" -> {
                List<DomainType.Check> checks = new ArrayList<>(d.checks());
                boolean removed = checks.removeIf(k -> k.name().equals(a.constraint()));
                boolean notNullNamed = false;
                if (!removed) {
                    if (a.ifExists()) {
                        yield d;
                    }
                    throw b.error(SqlState.UNDEFINED_OBJECT, "constraint \"" + a.constraint() + "\" of domain \""
                            + d.name() + "\" does not exist", a.pos());
                }
                yield new DomainType(d.oid(), d.key(), d.base(), d.defaultSql(), d.notNull() && !notNullNamed, checks);
            }
            default -> throw new IllegalArgumentException("unknown ALTER DOMAIN action " + a.action());
        };
        if (next == d) {
            return new CatalogDdlPlan(List.of());
        }
        return new CatalogDdlPlan(List.of(new Change.DefineType(next)), validations);
    }

    /** Whether a column of {@code type} holds values of domain {@code d} (directly or through a domain over it). */
    private static boolean isOf(SqlType type, DomainType d) {
        for (DomainType t = type.domain(); t != null; t = t.base().domain()) {
            if (t.oid() == d.oid()) {
                return true;
            }
        }
        return false;
    }

    private static DomainType.Check check(Binder b, String domain, SqlType base, Statement.DomainCheck k,
                                          List<DomainType.Check> existing) {
        String name = k.name();
        if (name == null) {
            name = domain + "_check";
            for (int n = 1; taken(existing, name); n++) {
                name = domain + "_check" + n;
            }
        }
        Table row = Table.virtual(domain, List.of(new Column("value", base.base(), false)));
        try {
            b.expressions(Scope.of(row, null), "CHECK").condition(k.expr(), "CHECK");
        } catch (KyroException e) {
            throw e;
        }
        return new DomainType.Check(name, k.text());
    }

    private static boolean taken(List<DomainType.Check> checks, String name) {
        return checks.stream().anyMatch(c -> c.name().equals(name));
    }

    /** A DEFAULT must be assignable to the base type (bound now, as for a column). */
    private static void checkDefault(Binder b, DomainType d, String text, io.kyrodb.sql.ast.Pos pos) {
        b.assign(b.expressions(Scope.empty(), "DEFAULT"), ColumnDefaults.parse(text),
                new Column("default", d.base(), false));
    }

    static boolean usesDomain(List<Column> columns, DomainType d) {
        return UserTypes.uses(columns, d.oid());
    }
}

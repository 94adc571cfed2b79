package io.kyrodb.engine.catalog;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.DomainType;
import io.kyrodb.engine.types.EnumType;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.UserType;

import java.util.ArrayList;
import java.util.List;

/**
 * Column types that name user-defined types (enums, domains) by OID, and the catalog that defines
 * them. Stored column types carry only the OID ({@link #stored}); {@link #resolve} attaches the
 * definition the catalog holds, after recovery and after every ALTER TYPE / ALTER DOMAIN.
 */
public final class UserTypes {
    private UserTypes() {
    }

    /** {@code columns} with each user type replaced by the catalog's current definition. */
    public static List<Column> resolve(Catalog catalog, List<Column> columns) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            SqlType t = resolve(catalog, c.type());
            out.add(t == c.type() ? c : new Column(c.name(), t, c.notNull(), c.defaultSql(), c.identity()));
        }
        return out;
    }

    /** {@code type} with its user type (or its element's) resolved in {@code catalog}. */
    public static SqlType resolve(Catalog catalog, SqlType type) {
        if (type.kind() == TypeKind.ARRAY) {
            SqlType element = resolve(catalog, type.element());
            return element == type.element() ? type : new SqlType(TypeKind.ARRAY, type.length(), element,
                    type.udt() == null ? null : resolveUdt(catalog, type.udt().oid()));
        }
        if (type.kind() == TypeKind.ENUM) {
            return SqlType.ofEnum((EnumType) resolveUdt(catalog, type.length()));
        }
        if (type.kind() == TypeKind.DOMAIN) {
            return ((DomainType) resolveUdt(catalog, type.length())).columnType();
        }
        if (type.domain() != null) {
            return ((DomainType) resolveUdt(catalog, type.domain().oid())).columnType();
        }
        return type;
    }

    private static UserType resolveUdt(Catalog catalog, int oid) {
        UserType t = catalog.typeByOid(oid);
        if (t == null) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "a column names type OID " + oid + ", which does not exist");
        }
        return t;
    }

    /** The form a column type is stored in: a domain column as kind DOMAIN with the domain's OID. */
    public static SqlType stored(SqlType type) {
        if (type.domain() != null) {
            return new SqlType(TypeKind.DOMAIN, type.domain().oid());
        }
        return type;
    }

    /** Whether a column of {@code columns} is of the type with OID {@code oid} (or an array of it). */
    public static boolean uses(List<Column> columns, int oid) {
        for (Column c : columns) {
            if (uses(c.type(), oid)) {
                return true;
            }
        }
        return false;
    }

    public static boolean uses(SqlType type, int oid) {
        if (type.kind() == TypeKind.ARRAY) {
            return uses(type.element(), oid);
        }
        return (type.udt() != null && type.udt().oid() == oid)
                || ((type.kind() == TypeKind.ENUM || type.kind() == TypeKind.DOMAIN) && type.length() == oid);
    }
}

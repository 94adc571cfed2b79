package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.SearchPath;
import io.kyrodb.engine.types.RegClass;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.TypeName;

import java.util.List;
import java.util.Locale;

/**
 * Input and output of {@code regtype}, {@code regproc} and {@code regnamespace} (regclass is
 * {@link RegClasses}): a name gives the object's OID (an error when there is none, with
 * PostgreSQL's SQLSTATE), digits are an OID, and the value prints as the object's name, or as the
 * digits when no object has the OID. Values are {@link RegClass} records without a catalog key.
 */
public final class RegObjects {
    private RegObjects() {
    }

    /** {@code value} (text, an integer OID, or already of {@code kind}) as a {@code kind}; null stays null. */
    public static RegClass of(SystemContext ctx, TypeKind kind, Object value) {
        return switch (value) {
            case null -> null;
            case RegClass r -> r;
            case Number n -> ofOid(ctx, kind, n.longValue());
            default -> parse(ctx, kind, io.kyrodb.engine.types.Values.toText(value).strip());
        };
    }

    private static RegClass parse(SystemContext ctx, TypeKind kind, String text) {
        if (text.matches("[0-9]+")) {
            return ofOid(ctx, kind, Long.parseLong(text));
        }
        return switch (kind) {
            case REGTYPE -> ofOid(ctx, kind, typeOid(text));
            case REGNAMESPACE -> {
                String schema = single(text);
                if (!Relations.schemas(ctx).contains(schema)) {
                    throw new KyroException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                }
                yield new RegClass(Relations.Relation.namespaceOid(schema), Identifiers.quote(schema), null);
            }
            case REGPROC -> {
                if (text.equals("-")) {
                    yield new RegClass(0, "-", null);
                }
                String[] parts = SearchPath.parseQualified(text);
                List<io.kyrodb.engine.catalog.UserFunction> user = userFunctions(ctx, parts);
                if (user.size() == 1) {
                    yield new RegClass(UserProcs.oid(user.get(0)), user.get(0).name(), null);
                }
                if (user.size() > 1) {
                    throw new KyroException(SqlState.AMBIGUOUS_FUNCTION, "more than one function named \"" + text + "\"");
                }
                if (parts[0] != null && !parts[0].equals(SystemViews.PG_CATALOG)) {
                    throw new KyroException(SqlState.UNDEFINED_FUNCTION, "function \"" + text + "\" does not exist");
                }
                List<PgProc.Proc> found = PgProc.ALL.stream().filter(p -> p.name().equals(parts[1])).toList();
                if (found.isEmpty()) {
                    throw new KyroException(SqlState.UNDEFINED_FUNCTION, "function \"" + text + "\" does not exist");
                }
                if (found.size() > 1) {
                    throw new KyroException(SqlState.AMBIGUOUS_FUNCTION, "more than one function named \"" + text + "\"");
                }
                yield new RegClass(found.get(0).oid(), found.get(0).name(), null);
            }
            default -> throw new IllegalArgumentException(kind + " is no object identifier type handled here");
        };
    }

    /** The user functions {@code parts} (schema or null, name) names: in its schema, or the first on the search_path. */
    private static List<io.kyrodb.engine.catalog.UserFunction> userFunctions(SystemContext ctx, String[] parts) {
        io.kyrodb.engine.catalog.Catalog catalog = ctx.catalog();
        if (parts[0] != null) {
            return catalog.functions(io.kyrodb.engine.catalog.SchemaNames.key(parts[0], parts[1]));
        }
        String key = ctx.searchPath().find(catalog, parts[1], k -> !catalog.functions(k).isEmpty());
        return key == null ? List.of() : catalog.functions(key);
    }

    /** {@code oid::regtype} and friends: the object's name, or the digits when none has that OID. */
    private static RegClass ofOid(SystemContext ctx, TypeKind kind, long oid) {
        String name = switch (kind) {
            case REGTYPE -> oid == 0 ? "-" : PgTypes.byOid(oid) == null ? null : PgTypes.format(oid, null);
            case REGNAMESPACE -> Relations.schemas(ctx).stream()
                    .filter(s -> Relations.Relation.namespaceOid(s) == oid).findFirst().map(Identifiers::quote).orElse(null);
            case REGPROC -> oid == 0 ? "-" : PgProc.ALL.stream().filter(p -> p.oid() == oid).findFirst()
                    .map(PgProc.Proc::name).orElseGet(() -> {
                        io.kyrodb.engine.catalog.UserFunction f = UserProcs.byOid(ctx, oid);
                        return f == null ? null : f.name();
                    });
            default -> throw new IllegalArgumentException(kind + " is no object identifier type handled here");
        };
        return new RegClass(oid, name == null ? Long.toString(oid) : name, null);
    }

    /** A type's OID from its name as SQL writes it ({@code int4}, {@code integer}, {@code varchar(20)}, {@code text[]}). */
    private static long typeOid(String text) {
        String name = text.startsWith("\"") ? single(text) : text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        String base = name.replaceAll("\\s*\\([^)]*\\)", "");   // a typmod does not change the type
        if (base.equals("oid")) {
            return 26;
        }
        if (base.startsWith("_")) {   // the internal name of an array type
            base = base.substring(1) + "[]";
        }
        SqlType type;
        try {
            type = TypeResolver.resolve(new TypeName(Pos.NONE, base, List.of()), "");
        } catch (KyroException e) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        }
        long oid = PgTypes.of(type).oid();
        if (oid == 0 || oid == PgTypes.UNKNOWN.oid()) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        }
        return oid;
    }

    private static String single(String text) {
        String[] parts = SearchPath.parseQualified(text);
        if (parts[0] != null) {
            throw new KyroException(SqlState.INVALID_NAME, "invalid name syntax");
        }
        return parts[1];
    }
}

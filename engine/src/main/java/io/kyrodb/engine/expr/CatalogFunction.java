package io.kyrodb.engine.expr;

import io.kyrodb.engine.catalog.system.PgTypes;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.system.Relations;
import io.kyrodb.engine.catalog.system.RelationSizes;
import io.kyrodb.engine.catalog.system.SystemContext;

/**
 * Postgres's catalog functions that read a row's values (the session-constant ones, such as
 * {@code version()} or {@code current_user}, bind to constants). KyroDB has one role, which may
 * do everything, so the privilege checks answer true for it (and from the grants for a role made
 * with CREATE ROLE: {@link io.kyrodb.engine.catalog.system.Privileges}). {@code strict} ones return NULL when an
 * argument is NULL, as in Postgres.
 */
public enum CatalogFunction {
    /** has_table_privilege and the other has_*_privilege checks. */
    HAS_PRIVILEGE(true),
    /** pg_type_is_visible: every type is in pg_catalog, which is always searched. */
    IS_VISIBLE(true),
    /** pg_table_is_visible: whether the relation's unqualified name finds it along the search_path. */
    TABLE_IS_VISIBLE(true),
    PG_GET_USERBYID(true),
    FORMAT_TYPE(false),
    /** obj_description(oid [, catalog]) from COMMENT ON; shobj_description (no shared objects: NULL). */
    DESCRIPTION(true),
    /** col_description(table oid, attnum). */
    COLUMN_DESCRIPTION(true),
    /** pg_get_expr(adbin, relation): KyroDB keeps expressions as SQL text, which it returns. */
    PG_GET_EXPR(true),
    /** pg_get_constraintdef(oid): the definition of a pg_constraint row. */
    PG_GET_CONSTRAINTDEF(true),
    /** pg_get_indexdef(oid): CREATE [UNIQUE] INDEX ... of a pg_index row. */
    PG_GET_INDEXDEF(true),
    /** current_schemas(include_implicit): the search_path's existing schemas. */
    CURRENT_SCHEMAS(true),
    PG_ENCODING_TO_CHAR(true),
    /** current_setting(name [, missing_ok]): the value as SHOW gives it, read when the call runs. */
    CURRENT_SETTING(true),
    /** set_config(name, value, is_local): SET [LOCAL] that returns the new value (value NULL: the default). */
    SET_CONFIG(false),
    /** txid_current() and pg_current_xact_id(): the transaction's id, assigned when first asked for or written. */
    TXID_CURRENT(true),
    /**
     * pg_[try_]advisory_[xact_]lock[_shared](key | k1, k2): arguments (shared, transaction, try, key...);
     * the try forms return whether they got it, the others wait for it and return void ("").
     */
    ADVISORY_LOCK(true),
    /** pg_advisory_unlock[_shared](key | k1, k2): arguments (shared, key...); false when the session held none. */
    ADVISORY_UNLOCK(true),
    /** pg_advisory_unlock_all(): the session's session-level advisory locks. */
    ADVISORY_UNLOCK_ALL(false),
    /** pg_relation_size(regclass [, fork]): bytes of the relation alone ({@link io.kyrodb.engine.catalog.system.RelationSizes}). */
    RELATION_SIZE(true),
    TABLE_SIZE(true),
    INDEXES_SIZE(true),
    TOTAL_RELATION_SIZE(true),
    /** pg_database_size(name | oid). */
    DATABASE_SIZE(true),
    /** pg_size_pretty(bigint | numeric). */
    SIZE_PRETTY(true),
    /** pg_get_viewdef(view [, pretty]): the view's query as it was written; null for what is no view. */
    GET_VIEWDEF(true),
    /** pg_get_functiondef(oid): CREATE OR REPLACE FUNCTION ... of a user function; null for another OID. */
    GET_FUNCTIONDEF(true),
    /** pg_get_function_arguments(oid): a user function's parameter list with its defaults; null for another OID. */
    GET_FUNCTION_ARGUMENTS(true),
    /** pg_get_function_identity_arguments(oid): the same without the defaults. */
    GET_FUNCTION_IDENTITY_ARGUMENTS(true),
    /** {@code x::regclass} of a text or OID that is not a constant (constants are folded when bound). */
    REGCLASS(true),
    /** {@code x::regtype}, {@code ::regproc}, {@code ::regnamespace} of a value that is not a constant. */
    REGTYPE(true),
    REGPROC(true),
    REGNAMESPACE(true),
    /**
     * to_regclass / to_regtype / to_regproc / to_regnamespace (text): arguments (the cast's function
     * name, the text); NULL for a name that finds nothing, where the cast fails.
     */
    TO_REG(true);

    private final boolean strict;

    CatalogFunction(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** pg_relation_size(r, fork): KyroDB keeps only the main fork; another valid fork name has 0 bytes. */
    private static Long forkSize(String fork, io.kyrodb.engine.types.RegClass r, SystemContext ctx) {
        if (!java.util.List.of("fsm", "vm", "init").contains(fork)) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid fork name");
        }
        return RelationSizes.of(ctx, r, RelationSizes.Part.RELATION) == null ? null : 0L;
    }

    /** {@code ctx}: the session the call runs in (its user owns everything; its settings). */
    Object apply(Object[] args, SystemContext ctx) {
        String user = ctx.user();
        return switch (this) {
            case HAS_PRIVILEGE -> io.kyrodb.engine.catalog.system.Privileges.has(ctx, (String) args[0],
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            case IS_VISIBLE -> Boolean.TRUE;
            case TABLE_IS_VISIBLE -> Relations.isVisible(ctx, ((Number) args[0]).longValue());
            case REGCLASS -> io.kyrodb.engine.catalog.system.RegClasses.of(ctx, args[0]);
            case TO_REG -> {
                try {
                    yield valueOf((String) args[0]).apply(new Object[] {args[1]}, ctx);
                } catch (KyroException e) {
                    SqlState st = e.state();
                    if (st == SqlState.UNDEFINED_TABLE || st == SqlState.UNDEFINED_OBJECT
                            || st == SqlState.UNDEFINED_FUNCTION || st == SqlState.INVALID_SCHEMA_NAME) {
                        yield null;
                    }
                    throw e;
                }
            }
            case REGTYPE -> io.kyrodb.engine.catalog.system.RegObjects.of(ctx, io.kyrodb.engine.types.TypeKind.REGTYPE, args[0]);
            case REGPROC -> io.kyrodb.engine.catalog.system.RegObjects.of(ctx, io.kyrodb.engine.types.TypeKind.REGPROC, args[0]);
            case REGNAMESPACE -> io.kyrodb.engine.catalog.system.RegObjects.of(ctx,
                    io.kyrodb.engine.types.TypeKind.REGNAMESPACE, args[0]);
            case PG_GET_USERBYID -> ((Number) args[0]).longValue() == Relations.OWNER_OID ? user
                    : "unknown (OID=" + args[0] + ")";
            case FORMAT_TYPE -> args[0] == null ? null
                    : PgTypes.format(((Number) args[0]).longValue(), args[1] == null ? null : ((Number) args[1]).intValue());
            case DESCRIPTION -> args.length < 1 || !(args[0] instanceof Number n) ? null
                    : Relations.description(ctx, n.longValue(), args.length > 1 ? (String) args[1] : null);
            case COLUMN_DESCRIPTION -> Relations.columnDescription(ctx, ((Number) args[0]).longValue(),
                    ((Number) args[1]).intValue());
            case PG_GET_EXPR -> args[0];
            case PG_GET_CONSTRAINTDEF -> Relations.constraintDefinition(ctx, ((Number) args[0]).longValue());
            case PG_GET_INDEXDEF -> Relations.indexDefinition(ctx, ((Number) args[0]).longValue());
            case CURRENT_SCHEMAS -> io.kyrodb.engine.types.SqlArray.of(ctx.currentSchemas((Boolean) args[0]));
            case PG_ENCODING_TO_CHAR -> ((Number) args[0]).intValue() == 6 ? "UTF8" : "";
            case TXID_CURRENT -> ctx.calls().transactionId();
            case ADVISORY_LOCK -> ctx.calls().advisoryLock(advisoryKey(args, 3), (Boolean) args[0], (Boolean) args[1],
                    (Boolean) args[2]);
            case ADVISORY_UNLOCK -> ctx.calls().advisoryUnlock(advisoryKey(args, 1), (Boolean) args[0]);
            case ADVISORY_UNLOCK_ALL -> {
                ctx.calls().advisoryUnlockAll();
                yield "";
            }
            case RELATION_SIZE -> args.length > 1 && !"main".equals(args[1])
                    ? forkSize((String) args[1], (io.kyrodb.engine.types.RegClass) args[0], ctx)
                    : RelationSizes.of(ctx, (io.kyrodb.engine.types.RegClass) args[0], RelationSizes.Part.RELATION);
            case TABLE_SIZE -> RelationSizes.of(ctx, (io.kyrodb.engine.types.RegClass) args[0], RelationSizes.Part.TABLE);
            case INDEXES_SIZE -> RelationSizes.of(ctx, (io.kyrodb.engine.types.RegClass) args[0], RelationSizes.Part.INDEXES);
            case TOTAL_RELATION_SIZE -> RelationSizes.of(ctx, (io.kyrodb.engine.types.RegClass) args[0],
                    RelationSizes.Part.TOTAL);
            case DATABASE_SIZE -> RelationSizes.database(ctx, args[0]);
            case SIZE_PRETTY -> SizePretty.of(args[0]);
            case GET_VIEWDEF -> {
                io.kyrodb.engine.types.RegClass r = (io.kyrodb.engine.types.RegClass) args[0];
                io.kyrodb.engine.catalog.View v = r.key() == null ? null : ctx.catalog().view(r.key());
                yield v == null ? null : v.query();
            }
            case GET_FUNCTIONDEF -> {
                io.kyrodb.engine.catalog.UserFunction f = io.kyrodb.engine.catalog.system.UserProcs.byOid(ctx,
                        ((Number) args[0]).longValue());
                yield f == null ? null : io.kyrodb.engine.catalog.system.UserProcs.definition(f);
            }
            case GET_FUNCTION_ARGUMENTS, GET_FUNCTION_IDENTITY_ARGUMENTS -> {
                io.kyrodb.engine.catalog.UserFunction f = io.kyrodb.engine.catalog.system.UserProcs.byOid(ctx,
                        ((Number) args[0]).longValue());
                yield f == null ? null : io.kyrodb.engine.catalog.system.UserProcs.arguments(f,
                        this == GET_FUNCTION_ARGUMENTS);
            }
            case CURRENT_SETTING -> ctx.calls().setting((String) args[0], args.length > 1 && Boolean.TRUE.equals(args[1]));
            case SET_CONFIG -> {
                if (args[0] == null) {
                    throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
                }
                yield ctx.calls().setConfig((String) args[0], (String) args[1], Boolean.TRUE.equals(args[2]));
            }
        };
    }

    /** The advisory lock key in {@code args} from {@code from}: one bigint, or two integers. */
    private static io.kyrodb.engine.txn.AdvisoryLocks.Key advisoryKey(Object[] args, int from) {
        return args.length - from == 1 ? io.kyrodb.engine.txn.AdvisoryLocks.Key.of(((Number) args[from]).longValue())
                : io.kyrodb.engine.txn.AdvisoryLocks.Key.of(((Number) args[from]).intValue(),
                ((Number) args[from + 1]).intValue());
    }
}

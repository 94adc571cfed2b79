package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CatalogFunction;
import io.kyrodb.engine.expr.CatalogFunctionExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.settings.ServerSetting;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Postgres's system information functions that tools call: version(), current_database(),
 * current_schema(), the user functions, pg_backend_pid(), the privilege checks (true: one role
 * that may do everything), format_type, pg_get_userbyid, the description functions (NULL: no
 * comments yet), current_setting (read when it runs, so it follows SET). Values that hold for
 * the whole session bind to constants.
 */
final class SystemFunctions {
    private SystemFunctions() {
    }

    /**
     * The SQL value keywords Postgres accepts without parentheses ({@code current_user},
     * {@code current_schema}, ...), when {@code name} is one and no column of that name is in
     * scope; else null.
     */
    static BoundExpr keyword(String name, SystemContext ctx) {
        return switch (name) {
            case "current_user", "session_user", "user", "current_role" -> text(ctx.user());
            case "current_catalog" -> text(ctx.database());
            case "current_schema" -> text(ctx.currentSchema());
            default -> null;
        };
    }

    /** The call {@code f} with bound {@code args} if it names a system function, else null. */
    static BoundExpr call(ExprBinder b, Expr.FunctionCall f, List<BoundExpr> args, SystemContext ctx,
                          Supplier<RuntimeException> noSuchFunction) {
        String name = f.name();
        return switch (name) {
            case "version" -> arity(args, 0, 0, noSuchFunction, () -> text(ServerSetting.versionString()));
            case "current_database" -> arity(args, 0, 0, noSuchFunction, () -> text(ctx.database()));
            case "current_schema", "current_user", "session_user" -> arity(args, 0, 0, noSuchFunction,
                    () -> keyword(name, ctx));
            case "current_schemas" -> arity(args, 1, 1, noSuchFunction, () -> {
                if (args.get(0).type().kind() != TypeKind.BOOLEAN && args.get(0).type().kind() != TypeKind.UNKNOWN) {
                    throw noSuchFunction.get();
                }
                return new CatalogFunctionExpr(CatalogFunction.CURRENT_SCHEMAS,
                        List.of(b.coerce(args.get(0), SqlType.BOOLEAN, f.arguments().get(0).pos())),
                        SqlType.arrayOf(SqlType.TEXT), ctx);
            });
            // An embedded connection has no network address: NULL, as PostgreSQL says over a Unix socket.
            case "inet_client_addr", "inet_server_addr" -> arity(args, 0, 0, noSuchFunction,
                    () -> new ConstExpr(null, SqlType.TEXT));
            case "inet_client_port", "inet_server_port" -> arity(args, 0, 0, noSuchFunction,
                    () -> new ConstExpr(null, SqlType.INTEGER));
            case "pg_is_in_recovery" -> arity(args, 0, 0, noSuchFunction, () -> new ConstExpr(false, SqlType.BOOLEAN));
            // The "server" of an embedded database is the process that opened it.
            case "pg_postmaster_start_time", "pg_conf_load_time" -> arity(args, 0, 0, noSuchFunction,
                    () -> new ConstExpr(java.time.Instant.ofEpochMilli(
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime())
                            .truncatedTo(java.time.temporal.ChronoUnit.MICROS), SqlType.TIMESTAMPTZ));
            case "pg_backend_pid" -> arity(args, 0, 0, noSuchFunction,
                    () -> new ConstExpr(ctx.backendPid(), SqlType.INTEGER));
            case "has_table_privilege", "has_schema_privilege", "has_database_privilege",
                 "has_sequence_privilege", "has_function_privilege", "has_any_column_privilege" ->
                    arity(args, 2, 3, noSuchFunction, () -> privilege(b, f, name, args, ctx));
            case "has_column_privilege" -> arity(args, 3, 4, noSuchFunction,
                    () -> privilege(b, f, name, args, ctx));
            case "pg_type_is_visible" -> arity(args, 1, 1, noSuchFunction,
                    () -> catalog(b, f, CatalogFunction.IS_VISIBLE, args, SqlType.BOOLEAN, ctx, SqlType.BIGINT));
            case "pg_table_is_visible" -> arity(args, 1, 1, noSuchFunction,
                    () -> catalog(b, f, CatalogFunction.TABLE_IS_VISIBLE, args, SqlType.BOOLEAN, ctx, SqlType.BIGINT));
            case "pg_get_userbyid" -> arity(args, 1, 1, noSuchFunction,
                    () -> catalog(b, f, CatalogFunction.PG_GET_USERBYID, args, SqlType.TEXT, ctx, SqlType.BIGINT));
            case "format_type" -> arity(args, 2, 2, noSuchFunction, () -> catalog(b, f, CatalogFunction.FORMAT_TYPE,
                    List.of(numeric(b, f, args.get(0), SqlType.BIGINT, noSuchFunction),
                            numeric(b, f, args.get(1), SqlType.INTEGER, noSuchFunction)), SqlType.TEXT, ctx, null));
            case "obj_description" -> arity(args, 1, 2, noSuchFunction, () -> {
                List<BoundExpr> a = new ArrayList<>(List.of(numeric(b, f, args.get(0), SqlType.BIGINT, noSuchFunction)));
                if (args.size() == 2) {
                    a.add(b.coerce(args.get(1), SqlType.TEXT, f.arguments().get(1).pos()));
                }
                return new CatalogFunctionExpr(CatalogFunction.DESCRIPTION, a, SqlType.TEXT, ctx);
            });
            case "pg_get_expr" -> arity(args, 2, 3, noSuchFunction, () -> catalog(b, f, CatalogFunction.PG_GET_EXPR,
                    List.of(b.coerce(args.get(0), SqlType.TEXT, f.arguments().get(0).pos())), SqlType.TEXT, ctx, null));
            case "pg_get_constraintdef" -> arity(args, 1, 2, noSuchFunction, () -> catalog(b, f,
                    CatalogFunction.PG_GET_CONSTRAINTDEF, List.of(numeric(b, f, args.get(0), SqlType.BIGINT,
                            noSuchFunction)), SqlType.TEXT, ctx, null));
            case "pg_get_functiondef" -> arity(args, 1, 1, noSuchFunction, () -> catalog(b, f,
                    CatalogFunction.GET_FUNCTIONDEF, List.of(numeric(b, f, args.get(0), SqlType.BIGINT,
                            noSuchFunction)), SqlType.TEXT, ctx, null));
            case "pg_get_function_arguments", "pg_get_function_identity_arguments" -> arity(args, 1, 1, noSuchFunction,
                    () -> catalog(b, f, name.equals("pg_get_function_arguments") ? CatalogFunction.GET_FUNCTION_ARGUMENTS
                            : CatalogFunction.GET_FUNCTION_IDENTITY_ARGUMENTS, List.of(numeric(b, f, args.get(0),
                            SqlType.BIGINT, noSuchFunction)), SqlType.TEXT, ctx, null));
            case "pg_get_indexdef" -> arity(args, 1, 3, noSuchFunction, () -> catalog(b, f,
                    CatalogFunction.PG_GET_INDEXDEF, List.of(numeric(b, f, args.get(0), SqlType.BIGINT,
                            noSuchFunction)), SqlType.TEXT, ctx, null));
            case "shobj_description" -> arity(args, 1, 2, noSuchFunction, () -> new ConstExpr(null, SqlType.TEXT));
            case "col_description" -> arity(args, 2, 2, noSuchFunction, () -> catalog(b, f,
                    CatalogFunction.COLUMN_DESCRIPTION, List.of(numeric(b, f, args.get(0), SqlType.BIGINT, noSuchFunction),
                            numeric(b, f, args.get(1), SqlType.INTEGER, noSuchFunction)), SqlType.TEXT, ctx, null));
            case "pg_encoding_to_char" -> arity(args, 1, 1, noSuchFunction, () -> catalog(b, f,
                    CatalogFunction.PG_ENCODING_TO_CHAR, List.of(numeric(b, f, args.get(0), SqlType.INTEGER,
                            noSuchFunction)), SqlType.TEXT, ctx, null));
            case "current_setting" -> arity(args, 1, 2, noSuchFunction, () -> {
                if (args.size() == 2 && args.get(1).type().kind() != TypeKind.BOOLEAN
                        && args.get(1).type().kind() != TypeKind.UNKNOWN) {
                    throw noSuchFunction.get();
                }
                List<BoundExpr> a = new ArrayList<>(List.of(b.coerce(args.get(0), SqlType.TEXT, f.arguments().get(0).pos())));
                if (args.size() == 2) {
                    a.add(b.coerce(args.get(1), SqlType.BOOLEAN, f.arguments().get(1).pos()));
                }
                return new CatalogFunctionExpr(CatalogFunction.CURRENT_SETTING, a, SqlType.TEXT, ctx);
            });
            case "to_regclass", "to_regtype", "to_regproc", "to_regnamespace" -> arity(args, 1, 1, noSuchFunction, () -> {
                TypeKind k = args.get(0).type().kind();
                if (k != TypeKind.UNKNOWN && !k.isText()) {
                    throw noSuchFunction.get();
                }
                String cast = switch (name) {
                    case "to_regclass" -> CatalogFunction.REGCLASS.name();
                    case "to_regtype" -> CatalogFunction.REGTYPE.name();
                    case "to_regproc" -> CatalogFunction.REGPROC.name();
                    default -> CatalogFunction.REGNAMESPACE.name();
                };
                SqlType result = switch (name) {
                    case "to_regclass" -> SqlType.REGCLASS;
                    case "to_regtype" -> SqlType.of(TypeKind.REGTYPE);
                    case "to_regproc" -> SqlType.of(TypeKind.REGPROC);
                    default -> SqlType.of(TypeKind.REGNAMESPACE);
                };
                return new CatalogFunctionExpr(CatalogFunction.TO_REG, List.of(new ConstExpr(cast, SqlType.TEXT),
                        b.coerce(args.get(0), SqlType.TEXT, f.arguments().get(0).pos())), result, ctx);
            });
            case "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
                 "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "pg_try_advisory_xact_lock",
                 "pg_try_advisory_xact_lock_shared" -> arity(args, 1, 2, noSuchFunction, () -> {
                boolean tryOnly = name.startsWith("pg_try_");
                List<BoundExpr> a = new ArrayList<>(List.of(new ConstExpr(name.endsWith("_shared"), SqlType.BOOLEAN),
                        new ConstExpr(name.contains("_xact_"), SqlType.BOOLEAN), new ConstExpr(tryOnly, SqlType.BOOLEAN)));
                a.addAll(advisoryKey(b, f, args, noSuchFunction));
                return new CatalogFunctionExpr(CatalogFunction.ADVISORY_LOCK, a, tryOnly ? SqlType.BOOLEAN : SqlType.TEXT, ctx);
            });
            case "pg_advisory_unlock", "pg_advisory_unlock_shared" -> arity(args, 1, 2, noSuchFunction, () -> {
                List<BoundExpr> a = new ArrayList<>(List.of(new ConstExpr(name.endsWith("_shared"), SqlType.BOOLEAN)));
                a.addAll(advisoryKey(b, f, args, noSuchFunction));
                return new CatalogFunctionExpr(CatalogFunction.ADVISORY_UNLOCK, a, SqlType.BOOLEAN, ctx);
            });
            case "pg_advisory_unlock_all" -> arity(args, 0, 0, noSuchFunction,
                    () -> new CatalogFunctionExpr(CatalogFunction.ADVISORY_UNLOCK_ALL, List.of(), SqlType.TEXT, ctx));
            case "txid_current", "pg_current_xact_id" -> arity(args, 0, 0, noSuchFunction,
                    () -> new CatalogFunctionExpr(CatalogFunction.TXID_CURRENT, List.of(), SqlType.BIGINT, ctx));
            case "pg_relation_size" -> arity(args, 1, 2, noSuchFunction, () -> {
                if (args.size() == 2) {   // the fork: only 'main' has bytes (KyroDB keeps no fsm, vm or init fork)
                    BoundExpr fork = b.coerce(args.get(1), SqlType.TEXT, f.arguments().get(1).pos());
                    return new CatalogFunctionExpr(CatalogFunction.RELATION_SIZE,
                            List.of(regclass(b, f, args, 0, ctx, noSuchFunction), fork), SqlType.BIGINT, ctx);
                }
                return size(b, f, args, CatalogFunction.RELATION_SIZE, ctx, noSuchFunction);
            });
            case "pg_table_size" -> arity(args, 1, 1, noSuchFunction,
                    () -> size(b, f, args, CatalogFunction.TABLE_SIZE, ctx, noSuchFunction));
            case "pg_indexes_size" -> arity(args, 1, 1, noSuchFunction,
                    () -> size(b, f, args, CatalogFunction.INDEXES_SIZE, ctx, noSuchFunction));
            case "pg_total_relation_size" -> arity(args, 1, 1, noSuchFunction,
                    () -> size(b, f, args, CatalogFunction.TOTAL_RELATION_SIZE, ctx, noSuchFunction));
            case "pg_database_size" -> arity(args, 1, 1, noSuchFunction, () -> {
                TypeKind k = args.get(0).type().kind();
                BoundExpr a = k.isInteger() ? b.coerce(args.get(0), SqlType.BIGINT, f.arguments().get(0).pos())
                        : k == TypeKind.UNKNOWN || k.isText() ? b.coerce(args.get(0), SqlType.TEXT, f.arguments().get(0).pos())
                        : null;
                if (a == null) {
                    throw noSuchFunction.get();
                }
                return new CatalogFunctionExpr(CatalogFunction.DATABASE_SIZE, List.of(a), SqlType.BIGINT, ctx);
            });
            case "pg_size_pretty" -> arity(args, 1, 1, noSuchFunction, () -> {
                TypeKind k = args.get(0).type().kind();
                SqlType target = k == TypeKind.NUMERIC || k == TypeKind.REAL || k == TypeKind.DOUBLE ? SqlType.NUMERIC
                        : k.isInteger() || k == TypeKind.UNKNOWN ? SqlType.BIGINT : null;
                if (target == null) {
                    throw noSuchFunction.get();
                }
                return new CatalogFunctionExpr(CatalogFunction.SIZE_PRETTY,
                        List.of(b.coerce(args.get(0), target, f.arguments().get(0).pos())), SqlType.TEXT, ctx);
            });
            case "pg_get_viewdef" -> arity(args, 1, 2, noSuchFunction, () -> {
                if (args.size() == 2 && args.get(1).type().kind() != TypeKind.BOOLEAN
                        && args.get(1).type().kind() != TypeKind.UNKNOWN && !args.get(1).type().kind().isInteger()) {
                    throw noSuchFunction.get();
                }
                return new CatalogFunctionExpr(CatalogFunction.GET_VIEWDEF, List.of(regclass(b, f, args, 0, ctx, noSuchFunction)),
                        SqlType.TEXT, ctx);
            });
            case "set_config" -> arity(args, 3, 3, noSuchFunction, () -> {
                if (args.get(2).type().kind() != TypeKind.BOOLEAN && args.get(2).type().kind() != TypeKind.UNKNOWN) {
                    throw noSuchFunction.get();
                }
                return new CatalogFunctionExpr(CatalogFunction.SET_CONFIG, List.of(
                        b.coerce(args.get(0), SqlType.TEXT, f.arguments().get(0).pos()),
                        b.coerce(args.get(1), SqlType.TEXT, f.arguments().get(1).pos()),
                        b.coerce(args.get(2), SqlType.BOOLEAN, f.arguments().get(2).pos())), SqlType.TEXT, ctx);
            });
            default -> null;
        };
    }

    /** A size function of one regclass argument. */
    private static BoundExpr size(ExprBinder b, Expr.FunctionCall f, List<BoundExpr> args, CatalogFunction fn,
                                  SystemContext ctx, Supplier<RuntimeException> noSuchFunction) {
        return new CatalogFunctionExpr(fn, List.of(regclass(b, f, args, 0, ctx, noSuchFunction)), SqlType.BIGINT, ctx);
    }

    /**
     * Argument {@code i} as a regclass: a name (text) resolves along the search_path (42P01 when no
     * relation has it), an integer is an OID; a constant resolves once, here.
     */
    private static BoundExpr regclass(ExprBinder b, Expr.FunctionCall f, List<BoundExpr> args, int i,
                                      SystemContext ctx, Supplier<RuntimeException> noSuchFunction) {
        BoundExpr a = args.get(i);
        TypeKind k = a.type().kind();
        if (k == TypeKind.REGCLASS) {
            return a;
        }
        if (k != TypeKind.UNKNOWN && !k.isText() && !k.isInteger()) {
            throw noSuchFunction.get();
        }
        if (a instanceof ConstExpr c) {
            try {
                return new ConstExpr(io.kyrodb.engine.catalog.system.RegClasses.of(ctx, c.value()),
                        SqlType.REGCLASS);
            } catch (io.kyrodb.engine.KyroException bad) {
                throw b.error(bad.state(), bad.getMessage(), f.arguments().get(i).pos());
            }
        }
        return new CatalogFunctionExpr(CatalogFunction.REGCLASS, List.of(a), SqlType.REGCLASS, ctx);
    }

    private static BoundExpr arity(List<BoundExpr> args, int min, int max, Supplier<RuntimeException> noSuchFunction,
                                   Supplier<BoundExpr> bind) {
        if (args.size() < min || args.size() > max) {
            throw noSuchFunction.get();
        }
        return bind.get();
    }

    /** {@code all}: the type every argument is converted to (an OID's bigint), or null to take them as they are. */
    private static BoundExpr catalog(ExprBinder b, Expr.FunctionCall f, CatalogFunction fn, List<BoundExpr> args,
                                     SqlType type, SystemContext ctx, SqlType all) {
        List<BoundExpr> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            BoundExpr a = args.get(i);
            SqlType target = all != null ? all : a.type().kind() == TypeKind.UNKNOWN ? SqlType.TEXT : null;
            converted.add(target == null ? a : b.coerce(a, target, f.arguments().get(i).pos()));
        }
        return new CatalogFunctionExpr(fn, converted, type, ctx);
    }

    /** has_*_privilege's arguments after its name (Privileges.has needs to know which it is). */
    private static BoundExpr privilege(ExprBinder b, Expr.FunctionCall f, String name, List<BoundExpr> args,
                                       SystemContext ctx) {
        CatalogFunctionExpr e = (CatalogFunctionExpr) catalog(b, f, CatalogFunction.HAS_PRIVILEGE, args,
                SqlType.BOOLEAN, ctx, null);
        List<BoundExpr> out = new ArrayList<>(List.of(text(name)));
        out.addAll(e.arguments());
        return new CatalogFunctionExpr(CatalogFunction.HAS_PRIVILEGE, out, SqlType.BOOLEAN, ctx);
    }

    private static BoundExpr numeric(ExprBinder b, Expr.FunctionCall f, BoundExpr a, SqlType target,
                                     Supplier<RuntimeException> noSuchFunction) {
        if (a.type().kind() != TypeKind.UNKNOWN && !a.type().kind().isInteger() && !a.type().kind().isObjectIdentifier()) {
            throw noSuchFunction.get();
        }
        return b.coerce(a, target, f.pos());
    }

    /** An advisory lock's key: one bigint, or two integers (PostgreSQL's two signatures). */
    private static List<BoundExpr> advisoryKey(ExprBinder b, Expr.FunctionCall f, List<BoundExpr> args,
                                               Supplier<RuntimeException> noSuchFunction) {
        if (args.size() == 1) {
            return List.of(numeric(b, f, args.get(0), SqlType.BIGINT, noSuchFunction));
        }
        for (BoundExpr a : args) {
            if (a.type().kind() == TypeKind.BIGINT) {
                throw noSuchFunction.get();   // (bigint, bigint) is no signature of these
            }
        }
        return List.of(numeric(b, f, args.get(0), SqlType.INTEGER, noSuchFunction),
                numeric(b, f, args.get(1), SqlType.INTEGER, noSuchFunction));
    }

    private static ConstExpr text(String value) {
        return new ConstExpr(value, SqlType.TEXT);
    }
}

package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.UserFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE FUNCTION's functions as the catalog shows them: their pg_proc rows (OIDs derived from
 * schema, name and argument types, stable across restarts) and pg_get_functiondef's text, laid out
 * as PostgreSQL 15 lays it out (a RETURN or BEGIN ATOMIC body as written, where PostgreSQL prints
 * its own deparse).
 */
public final class UserProcs {
    /** pg_language's {@code sql}. */
    static final long SQL_LANGUAGE = 14;
    /** pg_type's {@code record}: RETURNS TABLE's rettype. */
    private static final long RECORD_OID = 2249;
    /** pg_type's {@code trigger} (a trigger function's prorettype). */
    private static final long TRIGGER_OID = 2279;
    /** pg_type's {@code void}. */
    private static final long VOID_OID = 2278;
    /** pg_language's {@code plpgsql} in a PostgreSQL 15 database (not a fixed OID there). */
    static final long PLPGSQL_LANGUAGE = 13_373;

    private UserProcs() {
    }

    public static long oid(UserFunction f) {
        return Relations.oid("function " + f.schema(), f.signature());
    }

    /** The function with OID {@code oid}, or null. */
    public static UserFunction byOid(SystemContext ctx, long oid) {
        for (UserFunction f : ctx.catalog().functions()) {
            if (oid(f) == oid) {
                return f;
            }
        }
        return null;
    }

    static long typeOid(io.kyrodb.engine.types.SqlType t) {
        return PgTypes.of(t).oid();
    }

    /** pg_proc's columns (as {@link PgProc#VIEW} declares them) for each user function. */
    static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (UserFunction f : ctx.catalog().functions()) {
            List<String> argTypes = new ArrayList<>();
            f.argumentTypes().forEach(t -> argTypes.add(Long.toString(typeOid(t))));
            List<String> names = new ArrayList<>();
            boolean named = false;
            for (UserFunction.Argument a : f.arguments()) {
                names.add(a.name() == null ? "\"\"" : a.name());
                named |= a.name() != null;
            }
            for (Column c : f.tableColumns()) {
                names.add(c.name());
                named = true;
            }
            long rettype = f.returnsTrigger() ? TRIGGER_OID : f.returnsVoid() ? VOID_OID : f.returnType() == null ? RECORD_OID : typeOid(f.returnType());
            long variadic = f.variadic() ? typeOid(f.argumentTypes().get(f.arguments().size() - 1).element()) : 0L;
            rows.add(new Object[] {oid(f), f.name(), Relations.Relation.namespaceOid(f.schema()), Relations.OWNER_OID,
                    f.language().equals("plpgsql") ? PLPGSQL_LANGUAGE : SQL_LANGUAGE, 100.0f, f.returnsSet() ? 1000.0f : 0.0f, variadic, "-", f.isProcedure() ? "p" : "f", false, false, f.strict(),
                    f.returnsSet(), String.valueOf(f.volatility()), "u", (short) f.arguments().size(),
                    (short) f.defaults(), rettype, String.join(" ", argTypes),
                    named ? "{" + String.join(",", names) + "}" : null, f.standardBody() ? "" : f.body(), modes(f)});
        }
        return rows;
    }

    /**
     * proargmodes: i, o, b (INOUT), v (VARIADIC), t (RETURNS TABLE column) for each parameter, the
     * arguments first; null when all are IN, as in PostgreSQL.
     */
    static String modes(UserFunction f) {
        List<String> modes = new ArrayList<>();
        boolean plain = true;
        for (int i = 0; i < f.arguments().size(); i++) {
            String name = f.arguments().get(i).name();
            String mode = f.variadic() && i == f.arguments().size() - 1 ? "v"
                    : f.outParameters() && name != null && f.tableColumns().stream().anyMatch(c -> c.name().equals(name))
                    ? "b" : "i";
            modes.add(mode);
            plain &= mode.equals("i");
        }
        for (Column c : f.tableColumns()) {
            if (!f.outParameters()) {
                modes.add("t");
                plain = false;
            } else if (!f.argumentNames().contains(c.name())) {
                modes.add("o");
                plain = false;
            }
        }
        return plain ? null : "{" + String.join(",", modes) + "}";
    }

    /** pg_get_functiondef(oid): CREATE OR REPLACE FUNCTION ... as PostgreSQL prints it. */
    public static String definition(UserFunction f) {
        StringBuilder s = new StringBuilder(f.isProcedure() ? "CREATE OR REPLACE PROCEDURE " : "CREATE OR REPLACE FUNCTION ").append(Identifiers.quote(f.schema()))
                .append('.').append(Identifiers.quote(f.name())).append('(').append(arguments(f, true));
        s.append(f.isProcedure() ? ")\n" : ")\n RETURNS ");
        if (f.isProcedure()) {
            s.setLength(s.length() - 1);   // a procedure has no RETURNS line
        } else if (f.returnsTrigger()) {
            s.append("trigger");
        } else if (f.outParameters()) {
            s.append(f.setof() ? "SETOF " : "").append(f.tableColumns().size() == 1
                    ? UserFunction.typeName(f.returnType()) : "record");
        } else if (f.returnType() == null) {
            List<String> columns = new ArrayList<>();
            for (Column c : f.tableColumns()) {
                columns.add(Identifiers.quote(c.name()) + " " + UserFunction.typeName(c.type()));
            }
            s.append("TABLE(").append(String.join(", ", columns)).append(')');
        } else {
            s.append(f.setof() ? "SETOF " : "").append(f.returnsVoid() ? "void" : UserFunction.typeName(f.returnType()));
        }
        s.append("\n LANGUAGE ").append(f.language()).append('\n');
        String volatility = switch (f.volatility()) {
            case 'i' -> "IMMUTABLE";
            case 's' -> "STABLE";
            default -> null;
        };
        if (volatility != null || f.strict()) {
            s.append(' ').append(volatility == null ? "STRICT" : f.strict() ? volatility + " STRICT" : volatility)
                    .append('\n');
        }
        if (f.standardBody()) {
            s.append(f.body());
        } else {
            s.append("AS $function$").append(f.body()).append("$function$");
        }
        return s.append('\n').toString();
    }

    /**
     * The parameter list pg_get_function_arguments shows ({@code defaults}: with DEFAULT expressions;
     * pg_get_function_identity_arguments leaves them out): VARIADIC, INOUT and OUT as written.
     */
    public static String arguments(UserFunction f, boolean defaults) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < f.arguments().size(); i++) {
            UserFunction.Argument a = f.arguments().get(i);
            if (i > 0) {
                s.append(", ");
            }
            if (f.variadic() && i == f.arguments().size() - 1) {
                s.append("VARIADIC ");
            }
            if (a.name() != null) {
                s.append(Identifiers.quote(a.name())).append(' ');
            }
            s.append(UserFunction.typeName(a.type()));
            if (defaults && a.defaultText() != null) {
                s.append(" DEFAULT ").append(a.defaultText());
            }
        }
        if (f.outParameters()) {   // after the arguments (the order they were written in is not kept)
            for (Column c : f.tableColumns()) {
                if (f.argumentNames().contains(c.name())) {
                    int at = s.indexOf(Identifiers.quote(c.name()) + " ");
                    s.insert(at, "INOUT ");
                    continue;
                }
                s.append(s.isEmpty() ? "" : ", ").append("OUT ").append(Identifiers.quote(c.name()))
                        .append(' ').append(UserFunction.typeName(c.type()));
            }
        }
        return s.toString();
    }
}

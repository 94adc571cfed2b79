package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * A function made with CREATE FUNCTION: what PostgreSQL's pg_proc holds of it. Its catalog key is
 * {@link #key()} (schema-qualified as other objects are); overloads share the key and differ in
 * {@link #argumentTypes()}. {@code returnType} is null for RETURNS TABLE ({@code tableColumns} then
 * lists the columns); {@code setof}: RETURNS SETOF. {@code language} names the
 * {@code FunctionLanguage} that validates and runs {@code body} (the text after AS, or a
 * PostgreSQL 14+ standard body "RETURN expr" / "BEGIN ATOMIC ... END" with {@code standardBody}).
 * {@code volatility} is PostgreSQL's provolatile: 'i', 's' or 'v'. A trigger function (RETURNS
 * trigger, LANGUAGE plpgsql) has neither a return type nor table columns nor SETOF
 * ({@link #returnsTrigger()}): the form WAL change 30 and checkpoint version 12 store it in.
 * {@code flags} ({@link #VOID}, {@link #OUT_PARAMETERS}) are kept by WAL change 34 and checkpoint
 * version 14.
 */
public record UserFunction(String schema, String name, List<Argument> arguments, SqlType returnType, boolean setof,
                           List<Column> tableColumns, String language, String body, boolean standardBody,
                           char volatility, boolean strict, int flags) {
    /** RETURNS void: the return type is text, the value of a call the empty string (as void prints). */
    public static final int VOID = 1;
    /**
     * OUT / INOUT parameters: {@code tableColumns} are those parameters (an INOUT one is also an
     * argument of the same name); the result is one row of them (a set with SETOF record), and
     * {@code returnType} the type of the only one, or record.
     */
    public static final int OUT_PARAMETERS = 2;
    /** CREATE PROCEDURE: run by CALL only (VOID too, unless it has INOUT parameters). */
    public static final int PROCEDURE = 4;
    /**
     * VARIADIC: the last argument is an array that a call may pass as separate values of its element
     * type (or as one array after the word VARIADIC). Bit 3 of the flags byte of WAL change 34 and
     * checkpoint version 14's function flags; readers before it refuse such a function.
     */
    public static final int VARIADIC = 8;

    /** An argument: {@code name} null when not written, {@code defaultText} the DEFAULT expression's SQL or null. */
    public record Argument(String name, SqlType type, String defaultText) {
    }

    public UserFunction {
        arguments = List.copyOf(arguments);
        tableColumns = List.copyOf(tableColumns);
    }

    /** A function that does not return void. */
    public UserFunction(String schema, String name, List<Argument> arguments, SqlType returnType, boolean setof,
                        List<Column> tableColumns, String language, String body, boolean standardBody,
                        char volatility, boolean strict) {
        this(schema, name, arguments, returnType, setof, tableColumns, language, body, standardBody, volatility, strict,
                0);
    }

    public boolean returnsVoid() {
        return (flags & VOID) != 0;
    }

    public boolean isProcedure() {
        return (flags & PROCEDURE) != 0;
    }

    public boolean variadic() {
        return (flags & VARIADIC) != 0;
    }

    public boolean outParameters() {
        return (flags & OUT_PARAMETERS) != 0;
    }

    public String key() {
        return SchemaNames.key(schema, name);
    }

    public List<SqlType> argumentTypes() {
        return arguments.stream().map(Argument::type).toList();
    }

    /** RETURNS trigger: no return type, no table columns, not SETOF. */
    public boolean returnsTrigger() {
        return returnType == null && tableColumns.isEmpty() && !setof;
    }

    /** The arguments' names, "" for one not named (PL/pgSQL then reads it as $n only). */
    public List<String> argumentNames() {
        return arguments.stream().map(a -> a.name() == null ? "" : a.name()).toList();
    }

    /** Whether the function returns rows (SETOF or TABLE) rather than one value. */
    public boolean returnsSet() {
        return setof || (!tableColumns.isEmpty() && !outParameters());
    }

    /** The number of trailing arguments with a DEFAULT. */
    public int defaults() {
        int n = 0;
        for (int i = arguments.size() - 1; i >= 0 && arguments.get(i).defaultText() != null; i--) {
            n++;
        }
        return n;
    }

    /** {@code name(type, ...)} as PostgreSQL's messages write a signature. */
    public String signature() {
        return name + "(" + String.join(", ", argumentTypes().stream().map(UserFunction::typeName).toList()) + ")";
    }

    /** A type's name without its modifier (a function's argument types have none in PostgreSQL). */
    public static String typeName(SqlType t) {
        return t.displayName().replaceAll("\\(.*\\)", "");
    }

    /** Whether {@code types} are this function's argument types (their kinds, as overloads are told apart). */
    public boolean hasArgumentTypes(List<SqlType> types) {
        if (types.size() != arguments.size()) {
            return false;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!sameType(types.get(i), arguments.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameType(SqlType a, SqlType b) {
        if (a.isArray() || b.isArray()) {
            return a.isArray() && b.isArray() && sameType(a.element(), b.element());
        }
        return a.kind() == b.kind();
    }
}

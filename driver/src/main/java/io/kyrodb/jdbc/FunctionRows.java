package io.kyrodb.jdbc;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.types.SqlType;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DatabaseMetaData.getFunctions and getFunctionColumns over the functions made with CREATE
 * FUNCTION (a Generic JDBC connection in DBeaver or IntelliJ lists a schema's functions so),
 * ordered as JDBC says: by schema, name and SPECIFIC_NAME, which is the function's signature,
 * {@code add(integer, integer)}, so overloads stay apart. Built-in functions are not listed.
 */
final class FunctionRows {
    private FunctionRows() {
    }

    static ListRows functions(List<UserFunction> all, String catalog, String schemaPattern, String namePattern) {
        List<Object[]> rows = new ArrayList<>();
        for (UserFunction f : matching(all, catalog, schemaPattern, namePattern)) {
            rows.add(new Object[] {null, f.schema(), f.name(), null,
                    (short) (f.returnsSet() ? DatabaseMetaData.functionReturnsTable : DatabaseMetaData.functionNoTable),
                    f.signature()});
        }
        return new ListRows(MetadataShapes.FUNCTIONS, rows);
    }

    /**
     * Per function: its return value (COLUMN_TYPE functionReturn, named {@code returnValue} as
     * pgjdbc names it; a RETURNS TABLE function's columns are functionColumnResult instead), then
     * its arguments (functionColumnIn), ORDINAL_POSITION 0 for the return value, then 1, 2, ... for
     * the arguments and on for a table's columns. A VARIADIC argument (JDBC has no mode for it) is
     * functionColumnIn, as pgjdbc reports it, with REMARKS {@code VARIADIC}.
     */
    static ListRows functionColumns(List<UserFunction> all, String catalog, String schemaPattern, String namePattern,
                                    String columnPattern) {
        LikePattern columns = LikePattern.of(columnPattern);
        List<Object[]> rows = new ArrayList<>();
        for (UserFunction f : matching(all, catalog, schemaPattern, namePattern)) {
            if (f.tableColumns().isEmpty() && columns.matches("returnValue")) {
                rows.add(row(f, "returnValue", DatabaseMetaData.functionReturn, f.returnType(), 0));
            }
            int ordinal = 1;   // 0 is the return value's, as JDBC says
            for (UserFunction.Argument a : f.arguments()) {
                String name = a.name() == null ? "$" + ordinal : a.name();
                if (columns.matches(name)) {
                    Object[] row = row(f, name, DatabaseMetaData.functionColumnIn, a.type(), ordinal);
                    if (f.variadic() && ordinal == f.arguments().size()) {
                        row[REMARKS] = "VARIADIC";
                    }
                    rows.add(row);
                }
                ordinal++;
            }
            for (Column c : f.tableColumns()) {
                if (columns.matches(c.name())) {
                    rows.add(row(f, c.name(), DatabaseMetaData.functionColumnResult, c.type(), ordinal));
                }
                ordinal++;
            }
        }
        return new ListRows(MetadataShapes.FUNCTION_COLUMNS, rows);
    }

    /** getFunctionColumns' REMARKS column (0-based). */
    private static final int REMARKS = 12;

    /** {@code type} null: a trigger function's return value, of PostgreSQL's pseudo-type trigger. */
    private static Object[] row(UserFunction f, String name, int kind, SqlType type, int ordinal) {
        boolean text = type != null && type.kind().isText();
        return new Object[] {null, f.schema(), f.name(), name, (short) kind,
                type == null ? java.sql.Types.OTHER : JdbcTypes.jdbcType(type),
                type == null ? "trigger" : JdbcTypes.typeName(type),
                type == null ? null : JdbcTypes.precision(type), null,
                type == null ? null : (short) JdbcTypes.scale(type), (short) 10,
                (short) DatabaseMetaData.functionNullableUnknown, null,
                text ? JdbcTypes.charOctetLength(type) : null, ordinal, "", f.signature()};
    }

    private static List<UserFunction> matching(List<UserFunction> all, String catalog, String schemaPattern,
                                               String namePattern) {
        if (catalog != null && !catalog.isEmpty()) {
            return List.of();
        }
        LikePattern schemas = LikePattern.of(schemaPattern);
        LikePattern names = LikePattern.of(namePattern);
        return all.stream().filter(f -> schemas.matches(f.schema()) && names.matches(f.name()))
                .sorted(Comparator.comparing(UserFunction::schema).thenComparing(UserFunction::name)
                        .thenComparing(UserFunction::signature))
                .toList();
    }
}

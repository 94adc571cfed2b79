package io.kyrodb.engine;

/**
 * Every SQLSTATE KyroDB reports, in one place. The class (first two characters) decides which
 * {@code java.sql} exception the driver throws: 22 data, 23 constraint, 40 rollback, 42 syntax or
 * access, 08 connection. Never add 0A000 for ordinary unsupported syntax: connection pools evict
 * connections on it; use {@link #SYNTAX_ERROR} or {@link #UNDEFINED_FUNCTION}.
 */
public enum SqlState {
    CONNECTION_EXCEPTION("08000"),
    CONNECTION_DOES_NOT_EXIST("08003"),
    CONNECTION_REJECTED("08004"),
    CONNECTION_FAILURE("08006"),
    WRONG_PARAMETER_COUNT("07001"),
    DATA_EXCEPTION("22000"),
    STRING_DATA_RIGHT_TRUNCATION("22001"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003"),
    NULL_VALUE_NOT_ALLOWED("22004"),
    INVALID_DATETIME_FORMAT("22007"),
    DIVISION_BY_ZERO("22012"),
    INVALID_ROW_COUNT_IN_LIMIT("2201W"),
    INVALID_ROW_COUNT_IN_OFFSET("2201X"),
    INVALID_PARAMETER_VALUE("22023"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    UNTRANSLATABLE_CHARACTER("22P05"),
    ARRAY_SUBSCRIPT_ERROR("2202E"),
    INDETERMINATE_DATATYPE("42P18"),
    INTEGRITY_CONSTRAINT_VIOLATION("23000"),
    NOT_NULL_VIOLATION("23502"),
    UNIQUE_VIOLATION("23505"),
    INVALID_TRANSACTION_STATE("25000"),
    ACTIVE_SQL_TRANSACTION("25001"),
    NO_ACTIVE_TRANSACTION("25P01"),
    IN_FAILED_TRANSACTION("25P02"),
    READ_ONLY_SQL_TRANSACTION("25006"),
    SERIALIZATION_FAILURE("40001"),
    CARDINALITY_VIOLATION("21000"),
    SYNTAX_ERROR("42601"),
    UNDEFINED_COLUMN("42703"),
    UNDEFINED_TABLE("42P01"),
    UNDEFINED_FUNCTION("42883"),
    UNDEFINED_OBJECT("42704"),
    WRONG_OBJECT_TYPE("42809"),
    INVALID_SAVEPOINT("3B001"),
    DUPLICATE_TABLE("42P07"),
    DUPLICATE_COLUMN("42701"),
    DUPLICATE_ALIAS("42712"),
    AMBIGUOUS_COLUMN("42702"),
    DATATYPE_MISMATCH("42804"),
    CANNOT_COERCE("42846"),
    GROUPING_ERROR("42803"),
    INVALID_COLUMN_REFERENCE("42P10"),
    INVALID_TABLE_DEFINITION("42P16"),
    INSUFFICIENT_RESOURCES("53000"),
    DISK_FULL("53100"),
    OUT_OF_MEMORY("53200"),
    PROGRAM_LIMIT_EXCEEDED("54000"),
    OBJECT_IN_USE("55006"),
    CANT_CHANGE_RUNTIME_PARAM("55P02"),
    LOCK_NOT_AVAILABLE("55P03"),
    QUERY_CANCELED("57014"),
    IO_ERROR("58030"),
    INTERNAL_ERROR("XX000"),
    DATA_CORRUPTED("XX001");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five-character SQLSTATE, e.g. {@code 42601}. */
    public String code() {
        return code;
    }

    /** The two-character class, e.g. {@code 42}. */
    public String sqlClass() {
        return code.substring(0, 2);
    }
}

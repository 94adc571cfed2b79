package io.kyrodb.engine.plpgsql;

import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's exception condition names (Appendix A of its manual) that PL/pgSQL handlers and
 * RAISE use, with their SQLSTATEs. A class name ({@code data_exception}, {@code
 * integrity_constraint_violation}) matches every SQLSTATE of its class; {@code others} every one
 * but query_canceled and assert_failure.
 */
final class Conditions {
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("successful_completion", "00000"),
            Map.entry("warning", "01000"),
            Map.entry("no_data", "02000"),
            Map.entry("case_not_found", "20000"),
            Map.entry("cardinality_violation", "21000"),
            Map.entry("data_exception", "22000"),
            Map.entry("string_data_right_truncation", "22001"),
            Map.entry("numeric_value_out_of_range", "22003"),
            Map.entry("null_value_not_allowed", "22004"),
            Map.entry("invalid_datetime_format", "22007"),
            Map.entry("datetime_field_overflow", "22008"),
            Map.entry("division_by_zero", "22012"),
            Map.entry("invalid_parameter_value", "22023"),
            Map.entry("invalid_text_representation", "22P02"),
            Map.entry("integrity_constraint_violation", "23000"),
            Map.entry("restrict_violation", "23001"),
            Map.entry("not_null_violation", "23502"),
            Map.entry("foreign_key_violation", "23503"),
            Map.entry("unique_violation", "23505"),
            Map.entry("check_violation", "23514"),
            Map.entry("exclusion_violation", "23P01"),
            Map.entry("invalid_transaction_state", "25000"),
            Map.entry("triggered_data_change_violation", "27000"),
            Map.entry("invalid_transaction_termination", "2D000"),
            Map.entry("transaction_rollback", "40000"),
            Map.entry("serialization_failure", "40001"),
            Map.entry("deadlock_detected", "40P01"),
            Map.entry("syntax_error_or_access_rule_violation", "42000"),
            Map.entry("syntax_error", "42601"),
            Map.entry("insufficient_privilege", "42501"),
            Map.entry("undefined_column", "42703"),
            Map.entry("undefined_function", "42883"),
            Map.entry("undefined_table", "42P01"),
            Map.entry("undefined_object", "42704"),
            Map.entry("duplicate_object", "42710"),
            Map.entry("duplicate_table", "42P07"),
            Map.entry("duplicate_function", "42723"),
            Map.entry("ambiguous_column", "42702"),
            Map.entry("datatype_mismatch", "42804"),
            Map.entry("wrong_object_type", "42809"),
            Map.entry("program_limit_exceeded", "54000"),
            Map.entry("statement_too_complex", "54001"),
            Map.entry("object_not_in_prerequisite_state", "55000"),
            Map.entry("lock_not_available", "55P03"),
            Map.entry("query_canceled", "57014"),
            Map.entry("feature_not_supported", "0A000"),
            Map.entry("plpgsql_error", "P0000"),
            Map.entry("raise_exception", "P0001"),
            Map.entry("no_data_found", "P0002"),
            Map.entry("too_many_rows", "P0003"),
            Map.entry("assert_failure", "P0004"),
            Map.entry("internal_error", "XX000"));

    private Conditions() {
    }

    /** The SQLSTATE of condition {@code name}, or null when PostgreSQL has no such name here. */
    static String code(String name) {
        return CODES.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether handler condition {@code condition} (a name or a five-character SQLSTATE) catches {@code sqlState}. */
    static boolean matches(String condition, String sqlState) {
        if (condition.equals("others")) {
            return !sqlState.equals("57014") && !sqlState.equals("P0004");
        }
        String code = condition.length() == 5 && condition.equals(condition.toUpperCase(Locale.ROOT))
                && CODES.get(condition) == null ? condition : code(condition);
        if (code == null) {
            return false;
        }
        if (code.endsWith("000")) {   // a class: its first two characters
            return sqlState.startsWith(code.substring(0, 2));
        }
        return code.equals(sqlState);
    }

    static boolean isSqlState(String s) {
        return s.length() == 5 && s.chars().allMatch(c -> Character.isDigit(c) || (c >= 'A' && c <= 'Z'));
    }
}

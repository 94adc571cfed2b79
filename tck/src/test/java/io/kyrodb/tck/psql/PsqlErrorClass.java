package io.kyrodb.tck.psql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQLSTATE class of an error psql printed without its code (pg_regress output has the message
 * only), from the message's wording in Postgres and pgvector. Null when the wording is not known:
 * then any failure counts.
 */
final class PsqlErrorClass {
    private record Rule(Pattern message, String sqlStateClass) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^(invalid input syntax|malformed .* literal|.*out of range|expected \\d+ dimensions"
                    + "|different .*dimensions|NaN not allowed|infinite value not allowed|.* must have at least \\d+ dimension"
                    + "|dimensions for type .* must be|dimensions for type .* cannot exceed|value out of range|invalid type modifier"
                    + "|array must|array must not contain nulls|.*division by zero).*"), "22"),
            new Rule(Pattern.compile("^(type .* does not exist|function .* does not exist|operator does not exist"
                    + "|cannot cast|syntax error|column .* does not exist|relation .* does not exist"
                    + "|.*must be type).*"), "42"),
            new Rule(Pattern.compile("^.* cannot have more than \\d+ (dimensions|elements).*"), "54"));

    private PsqlErrorClass() {
    }

    static String of(String message) {
        for (Rule r : RULES) {
            if (r.message.matcher(message).matches()) {
                return r.sqlStateClass;
            }
        }
        return null;
    }
}

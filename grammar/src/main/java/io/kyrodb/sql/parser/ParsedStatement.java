package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Statement;

/**
 * One statement of a script with the number of {@code ?} parameters it has, and where it stands in
 * the script text ({@code [start, end)} character offsets).
 */
public record ParsedStatement(Statement statement, int parameterCount, int start, int end) {
}

package io.kyrodb.engine.copy;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * How COPY lays rows out in a file, as PostgreSQL's COPY does: {@code text} (tab between fields,
 * {@code \N} for NULL, backslash escapes) or {@code csv} (comma between fields, double quotes
 * around fields that need them, an unquoted empty field for NULL); HEADER writes (or skips) one
 * line of column names first.
 */
public record CopyFormat(boolean csv, boolean header, char delimiter, String nullText, char quote, char escape) {

    /** From the statement's options: FORMAT text|csv, HEADER, DELIMITER, NULL, QUOTE, ESCAPE (each at most once). */
    public static CopyFormat of(java.util.Map<String, String> options) {
        String format = options.getOrDefault("format", "text");
        boolean csv = switch (format) {
            case "csv" -> true;
            case "text" -> false;
            default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + format
                    + "\" not recognized");
        };
        for (String name : options.keySet()) {
            switch (name) {
                case "format", "header", "delimiter", "null", "quote", "escape", "encoding" -> { }
                default -> throw new KyroException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
            }
        }
        if (options.containsKey("encoding") && !options.get("encoding").replace("-", "").equalsIgnoreCase("utf8")) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "COPY files are UTF8 here; encoding \""
                    + options.get("encoding") + "\" is not supported");
        }
        if (!csv && (options.containsKey("quote") || options.containsKey("escape"))) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "COPY " + (options.containsKey("quote")
                    ? "quote" : "escape") + " available only in CSV mode");
        }
        char delimiter = single(options.getOrDefault("delimiter", csv ? "," : "\t"), "delimiter");
        char quote = single(options.getOrDefault("quote", "\""), "quote");
        char escape = single(options.getOrDefault("escape", String.valueOf(quote)), "escape");
        if (delimiter == '\r' || delimiter == '\n' || !csv && delimiter == '\\') {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline, carriage return"
                    + (csv ? "" : " or backslash"));
        }
        if (csv && delimiter == quote) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
        }
        String header = options.getOrDefault("header", "false").toLowerCase(java.util.Locale.ROOT);
        boolean withHeader = switch (header) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "header requires a Boolean value");
        };
        return new CopyFormat(csv, withHeader, delimiter, options.getOrDefault("null", csv ? "" : "\\N"), quote, escape);
    }

    private static char single(String value, String what) {
        if (value.length() != 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "COPY " + what + " must be a single one-byte character");
        }
        return value.charAt(0);
    }
}

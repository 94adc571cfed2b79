package io.kyrodb.engine.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Read-only parameters a PostgreSQL server reports and tools ask for ({@code SHOW server_version},
 * {@code pg_settings}): KyroDB speaks PostgreSQL 15's dialect (its SQL tests run against a
 * PostgreSQL 15 server as the reference), so it reports version 15.0 with its own version beside
 * it. {@code SET} refuses them with 55P02, as Postgres does.
 */
public enum ServerSetting {
    SERVER_VERSION("server_version", ServerSetting.PG_VERSION + " (KyroDB " + ServerSetting.KYRO_VERSION + ")",
            "Shows the PostgreSQL version KyroDB's SQL dialect follows, and KyroDB's own version."),
    SERVER_VERSION_NUM("server_version_num", "150000", "Shows the PostgreSQL version as an integer."),
    SERVER_ENCODING("server_encoding", "UTF8", "Shows the server (database) character set encoding."),
    CLIENT_ENCODING("client_encoding", "UTF8", "Shows the client's character set encoding (JDBC strings are UTF-16)."),
    INTEGER_DATETIMES("integer_datetimes", "on", "Shows whether datetimes are integer based."),
    STANDARD_CONFORMING_STRINGS("standard_conforming_strings", "on", "'...' strings treat backslashes literally."),
    MAX_IDENTIFIER_LENGTH("max_identifier_length", "63", "Shows the maximum identifier length."),
    MAX_INDEX_KEYS("max_index_keys", "32", "Shows the maximum number of index keys.");

    /** The PostgreSQL release whose dialect KyroDB follows. */
    public static final String PG_VERSION = "15.0";
    /** KyroDB's own version. */
    public static final String KYRO_VERSION = "0.1.0";

    private final String key;
    private final String value;
    private final String description;

    ServerSetting(String key, String value, String description) {
        this.key = key;
        this.value = value;
        this.description = description;
    }

    public String key() { return key; }

    /**
     * Whether SET may name {@code value} for this parameter: its own value (in any case, with or
     * without dashes and underscores, as PostgreSQL reads encoding names), and for client_encoding
     * also SQL_ASCII and UNICODE, which scripts from PostgreSQL set (pg_dump of a SQL_ASCII
     * database); JDBC strings are UTF-16 whatever a client says, so none of them changes anything.
     */
    public boolean accepts(String value) {
        String v = normalized(value);
        if (v.equals(normalized(this.value))) {
            return true;
        }
        return this == CLIENT_ENCODING && (v.equals("sqlascii") || v.equals("unicode"));
    }

    private static String normalized(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
    public String value() { return value; }
    public String description() { return description; }

    /** What {@code version()} returns. */
    public static String versionString() {
        return "PostgreSQL " + PG_VERSION + " (KyroDB " + KYRO_VERSION + ") on the JVM, Java "
                + Runtime.version().feature();
    }

    public static List<ServerSetting> all() {
        return Arrays.asList(values());
    }

    public static Optional<ServerSetting> find(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(s -> s.key.equals(k)).findFirst();
    }
}

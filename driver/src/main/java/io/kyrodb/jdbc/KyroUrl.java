package io.kyrodb.jdbc;

import io.kyrodb.engine.DatabaseLocation;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A parsed {@code jdbc:kyro:} URL: where the database is, and the settings written after it.
 * <pre>
 * jdbc:kyro:mem:                 a private in-memory database, one per connection
 * jdbc:kyro:mem:NAME             an in-memory database shared in the JVM while a connection is open
 * jdbc:kyro:file:PATH            a database directory (relative paths against the working directory,
 * jdbc:kyro:PATH                 a leading ~/ against the user's home)
 * ...;key=value;key=value        settings, checked by the engine (unknown keys fail with 42704)
 * </pre>
 * Setting keys are case-insensitive and passed on in lower case; values are passed on as written,
 * with no decoding. A path cannot contain {@code ;}. A location with a scheme other than
 * {@code mem:} and {@code file:} ({@code tcp://...}) is refused rather than taken as a file name;
 * a one-letter prefix such as {@code C:} is a Windows drive, part of the path.
 *
 * <p>Connection properties are merged with the URL's settings by {@link #settings(Properties)}: a
 * key given in both places must have the same value there, otherwise the connection fails naming
 * the key. Neither source silently overrides the other.
 */
public record KyroUrl(String url, DatabaseLocation location, Map<String, String> settings) {
    public static final String PREFIX = "jdbc:kyro:";
    private static final String MEM = "mem:";
    private static final String FILE = "file:";
    private static final Pattern MEMORY_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(;\\s*password\\s*=)[^;]*");
    private static final Pattern OTHER_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]+:.*", Pattern.DOTALL);

    public KyroUrl {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Whether {@code url} is one this driver handles (it may still be malformed). */
    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** Parses a URL; anything malformed fails with 08001 naming what is wrong. */
    public static KyroUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw bad(url, "it does not start with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        String where = semicolon < 0 ? rest : rest.substring(0, semicolon);
        Map<String, String> settings = semicolon < 0 ? Map.of() : parseSettings(url, rest.substring(semicolon + 1));
        return new KyroUrl(url, parseLocation(url, where), settings);
    }

    private static DatabaseLocation parseLocation(String url, String where) throws SQLException {
        if (where.startsWith(MEM)) {
            String name = where.substring(MEM.length());
            if (name.isEmpty()) {
                return new DatabaseLocation.PrivateMemory();
            }
            if (!MEMORY_NAME.matcher(name).matches()) {
                throw bad(url, "the in-memory database name \"" + name
                        + "\" may only contain letters, digits, '_', '.' and '-'");
            }
            return new DatabaseLocation.NamedMemory(name);
        }
        String path;
        if (where.startsWith(FILE)) {
            path = where.substring(FILE.length());
        } else if (where.equals("mem")) {
            throw bad(url, "\"mem\" is not a location (for an in-memory database write jdbc:kyro:mem:)");
        } else if (OTHER_SCHEME.matcher(where).matches()) {
            throw bad(url, "unknown location type \"" + where.substring(0, where.indexOf(':') + 1)
                    + "\" (expected mem:, file: or a path)");
        } else {
            path = where;
        }
        if (path.isBlank()) {
            throw bad(url, "no database location (expected mem:, mem:NAME, file:PATH or PATH)");
        }
        return new DatabaseLocation.Directory(toPath(url, path));
    }

    private static Path toPath(String url, String path) throws SQLException {
        try {
            if (path.equals("~") || path.startsWith("~/")) {
                return Path.of(System.getProperty("user.home"), path.substring(1).replaceFirst("^/", ""));
            }
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw bad(url, "\"" + path + "\" is not a valid path: " + e.getReason());
        }
    }

    private static Map<String, String> parseSettings(String url, String text) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw bad(url, "setting \"" + part.trim() + "\" has no value (expected key=value)");
            }
            String key = normalizeKey(part.substring(0, eq));
            if (key.isEmpty()) {
                throw bad(url, "setting \"" + part.trim() + "\" has no key (expected key=value)");
            }
            if (settings.putIfAbsent(key, part.substring(eq + 1)) != null) {
                throw bad(url, "setting \"" + key + "\" is given twice");
            }
        }
        return settings;
    }

    /**
     * The settings for the engine: this URL's and {@code properties} merged. A key in both must
     * have the same value in both (08001 otherwise; a password's values are not shown).
     */
    public Map<String, String> settings(Properties properties) throws SQLException {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        if (properties == null) {
            return merged;
        }
        for (String name : properties.stringPropertyNames()) {
            String key = normalizeKey(name);
            String value = properties.getProperty(name);
            String fromUrl = merged.putIfAbsent(key, value);
            if (fromUrl != null && !fromUrl.equals(value)) {
                String values = key.equals("password") ? "" : " (\"" + fromUrl + "\" in the URL, \"" + value + "\" in the properties)";
                throw bad(url, "setting \"" + key + "\" has different values in the URL and in the connection properties" + values);
            }
        }
        return merged;
    }

    private static String normalizeKey(String key) {
        return key.trim().toLowerCase(Locale.ROOT);
    }

    private static SQLException bad(String url, String why) {
        return SqlExceptions.create(SqlExceptions.CANNOT_CONNECT, "invalid KyroDB URL \"" + redacted(url) + "\": " + why);
    }

    /** The URL with any password's value hidden, for messages and logs. */
    public static String redacted(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }
}

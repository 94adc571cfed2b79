package io.kyrodb.jdbc;

import io.kyrodb.engine.Session;
import io.kyrodb.engine.settings.Setting;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code java.sql.Driver} for {@code jdbc:kyro:} URLs (see {@link KyroUrl} for their forms).
 * Registered with DriverManager when the class loads and through
 * {@code META-INF/services/java.sql.Driver}. Every setting from the URL and the connection
 * properties goes to the engine, which checks it: an unknown key fails with 42704 naming the key;
 * {@code user} and {@code password} are always accepted.
 */
public final class KyroDriver implements Driver {
    /** The product version, as the engine reports it. */
    public static final String VERSION = Session.version();
    private static final KyroDriver INSTANCE = new KyroDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Returns null for a URL that is not {@code jdbc:kyro:}, as DriverManager expects. */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        KyroUrl parsed = KyroUrl.parse(url);
        Map<String, String> settings = parsed.settings(info);
        Session session;
        try {
            session = Session.connect(parsed.location(), settings);
        } catch (RuntimeException e) {
            throw SqlExceptions.from(e);
        }
        return new KyroJdbcConnection(session, parsed.location(), url, settings);
    }

    @Override
    public boolean acceptsURL(String url) {
        return KyroUrl.accepts(url);
    }

    /** Every setting KyroDB knows, with the value the URL or {@code info} gives it, else its default. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Map<String, String> given = acceptsURL(url) ? KyroUrl.parse(url).settings(info) : Map.of();
        List<DriverPropertyInfo> result = new ArrayList<>();
        for (Setting s : Setting.all()) {
            DriverPropertyInfo p = new DriverPropertyInfo(s.key(), given.getOrDefault(s.key(), s.defaultValue()));
            p.description = s.description() + " (" + s.kind().name().toLowerCase(java.util.Locale.ROOT) + " setting)";
            p.required = false;
            result.add(p);
        }
        return result.toArray(new DriverPropertyInfo[0]);
    }

    @Override public int getMajorVersion() { return versionPart(0); }
    @Override public int getMinorVersion() { return versionPart(1); }

    static int versionPart(int index) {
        String[] parts = VERSION.split("[.\\-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Not yet: JDBC compliance needs full SQL-92 entry level, which this version does not have. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.kyrodb");
    }
}

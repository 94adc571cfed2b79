package io.kyrodb.tck.frameworks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A pretend application for {@link SelfContainedJarTest}, run in its own JVM with only
 * {@code kyro-jdbc.jar} and its own (older) ANTLR on the class path. Prints {@code key=value} lines:
 * which ANTLR it sees, which one KyroDB uses, and what a small SQL session answered.
 */
public final class PlainApplication {
    private PlainApplication() {
    }

    public static void main(String[] args) throws Exception {
        // Read by reflection: a compile-time constant would be inlined from the ANTLR we compiled against.
        Class<?> appAntlr = Class.forName("org.antlr.v4.runtime.RuntimeMetaData");
        System.out.println("app-antlr=" + appAntlr.getField("VERSION").get(null));
        System.out.println("app-antlr-from=" + appAntlr.getProtectionDomain().getCodeSource().getLocation());
        Class<?> kyroAntlr = Class.forName("io.kyrodb.shaded.org.antlr.v4.runtime.RuntimeMetaData");
        System.out.println("kyro-antlr=" + kyroAntlr.getField("VERSION").get(null));
        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + args[0]);
             Statement s = c.createStatement()) {
            System.out.println("product=" + c.getMetaData().getDatabaseProductName());
            s.executeUpdate("CREATE TABLE note (id BIGINT PRIMARY KEY, body TEXT)");
            s.executeUpdate("INSERT INTO note VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM note WHERE id IN (SELECT id FROM note WHERE body > 'a')")) {
                rs.next();
                System.out.println("count=" + rs.getLong(1));
            }
            try {
                s.executeQuery("SELEC 1");
                System.out.println("error=none");
            } catch (SQLException e) {
                System.out.println("error=" + e.getSQLState());
            }
        }
    }
}

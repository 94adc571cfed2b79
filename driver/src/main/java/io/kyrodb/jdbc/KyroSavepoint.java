package io.kyrodb.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A JDBC savepoint: named by the application, or numbered ({@code kyro_savepoint_<id>}). */
final class KyroSavepoint implements Savepoint {
    private final int id;
    private final String name;

    KyroSavepoint(int id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw SqlExceptions.create("3B001", "a named savepoint has no id: it is \"" + name + "\"");
        }
        return id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw SqlExceptions.create("3B001", "an unnamed savepoint has no name: its id is " + id);
        }
        return name;
    }

    /** The name in SQL, quoted so any application-given name works. */
    String sqlName() {
        String n = name != null ? name : "kyro_savepoint_" + id;
        return '"' + n.replace("\"", "\"\"") + '"';
    }

    static String sqlName(Savepoint savepoint) throws SQLException {
        if (!(savepoint instanceof KyroSavepoint k)) {
            throw SqlExceptions.create("3B001", "not a savepoint of this driver: " + savepoint);
        }
        return k.sqlName();
    }
}

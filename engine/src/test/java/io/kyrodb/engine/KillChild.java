package io.kyrodb.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The victim of {@link SigkillDurabilityTest}: inserts rows one autocommit statement at a time
 * into a file database and prints {@code ok <id>} after each statement returns, until killed.
 */
public final class KillChild {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            s.execute("CREATE TABLE IF NOT EXISTS acked (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)");
            long id = 0;
            while (true) {
                id++;
                s.execute("INSERT INTO acked VALUES (" + id + ", 'row " + id + " " + "x".repeat((int) (id % 50)) + "')");
                if (id % 7 == 0) {
                    s.execute("UPDATE acked SET payload = 'updated' WHERE id = " + (id - 3));
                }
                System.out.println("ok " + id);
                System.out.flush();
            }
        }
    }
}

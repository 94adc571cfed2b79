package io.kyrodb.engine;

import io.kyrodb.engine.settings.Settings;

import java.util.HashMap;
import java.util.Map;

/**
 * The open databases of this JVM, so that every connection to one database shares one engine.
 * A database stays open while any session uses it; a named in-memory database disappears when its
 * last session closes, a directory database is checkpointed and closed.
 */
final class Databases {
    private static final Map<DatabaseLocation, Database> OPEN = new HashMap<>();
    private static final Map<Database, Integer> USERS = new HashMap<>();

    private Databases() {
    }

    static synchronized Database acquire(DatabaseLocation location, Settings settings) {
        if (location instanceof DatabaseLocation.PrivateMemory) {
            Database db = new Database(location, settings);
            USERS.put(db, 1);
            return db;
        }
        Database db = OPEN.get(location);
        if (db == null) {
            db = new Database(location, settings);
            OPEN.put(location, db);
        } else {
            db.checkEngineSettings(settings);
        }
        USERS.merge(db, 1, Integer::sum);
        return db;
    }

    /** Closes {@code db} when its last session leaves; done under the registry lock so a reopen waits for it. */
    static synchronized void release(Database db) {
        if (!USERS.containsKey(db)) {
            return;   // opened outside the registry (Session.attach): its opener closes it
        }
        int left = USERS.merge(db, -1, Integer::sum);
        if (left > 0) {
            return;
        }
        USERS.remove(db);
        OPEN.remove(db.location(), db);
        db.close();
    }
}

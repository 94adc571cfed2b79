package io.kyrodb.engine;

import java.nio.file.Path;

/**
 * Where a database lives: a private in-memory one (one per connection), a named in-memory one
 * (shared in the JVM while any connection to it is open), or a directory on disk.
 */
public sealed interface DatabaseLocation {

    record PrivateMemory() implements DatabaseLocation {
    }

    record NamedMemory(String name) implements DatabaseLocation {
    }

    record Directory(Path path) implements DatabaseLocation {
        public Directory {
            path = path.toAbsolutePath().normalize();
        }
    }
}

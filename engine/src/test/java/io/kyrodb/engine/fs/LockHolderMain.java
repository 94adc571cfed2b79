package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * Runs in a second JVM for {@link DatabaseLockTest}. {@code hold <dir>}: takes the lock, prints
 * {@code LOCKED <pid>}, waits for a line on stdin, releases. {@code try <dir>}: prints
 * {@code ACQUIRED} (exit 0) or {@code IN_USE <sqlstate> <message>} (exit 3).
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> {
                DatabaseLock lock = DatabaseLock.acquire(LocalFileSystem.INSTANCE, dir);
                System.out.println("LOCKED " + ProcessHandle.current().pid());
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in)).readLine();
                lock.close();
                System.out.println("RELEASED");
            }
            case "try" -> {
                try {
                    DatabaseLock.acquire(LocalFileSystem.INSTANCE, dir).close();
                    System.out.println("ACQUIRED");
                } catch (KyroException e) {
                    System.out.println("IN_USE " + e.state().code() + " " + e.getMessage());
                    System.exit(3);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}

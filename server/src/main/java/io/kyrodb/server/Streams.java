package io.kyrodb.server;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;

/**
 * The standard streams a command works with, and whether they are a person at a terminal. Tests
 * hand in their own; {@link #system()} gives the process's.
 *
 * @param terminal whether stdin and stdout are both a terminal (psql's rule for interactive mode)
 */
record Streams(InputStream in, OutputStream out, OutputStream err, boolean terminal) {

    static Streams system() {
        return new Streams(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), isTerminal());
    }

    /**
     * On JDK 21, {@code System.console()} is null unless stdin and stdout are terminals. From JDK 22
     * it may exist without a terminal, and {@code Console.isTerminal()} (not in the 21 API we
     * compile against) tells.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}

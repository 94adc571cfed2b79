package io.kyrodb.tck.crash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class's main in a new JVM with this JVM's java and class path, and reads its output by line. */
final class ChildJvm {
    private ChildJvm() {
    }

    static Process start(Class<?> main, Path stderr, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java,
                // A short-lived child: start fast rather than peak fast.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-XX:-UsePerfData",
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    /** Reads complete lines; a last line without its newline (the writer was killed mid-write) is dropped. */
    static final class Lines {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next complete line, or null at end of stream. */
        String next() throws IOException {
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    return s;
                }
                line.write(b);
            }
            return null;
        }
    }
}

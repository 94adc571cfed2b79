package io.kyrodb.tck.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the scripts to run: the tck's own ({@code src/test/resources/sqllogictest/**}, named by
 * their path below that folder, e.g. {@code kyro/types.test}) and the shared conformance scripts
 * ({@code <shared>/conformance/sqllogictest/**}, named from the shared folder, e.g.
 * {@code conformance/sqllogictest/select1.test}). Scripts ending in {@code .slow.test} are left out
 * unless slow tests are on.
 */
public final class SltSources {

    /** Where the tck's own scripts sit on the test class path. */
    public static final String RESOURCE_ROOT = "sqllogictest";
    public static final String SHARED_SCRIPTS = "conformance/sqllogictest";

    /** A script file and the name it is reported under. */
    public record Source(String name, Path path) {
    }

    private SltSources() {
    }

    /** The folder of the tck's own scripts (they are read from the test class path's directory). */
    public static Path ownRoot() {
        URL url = SltSources.class.getClassLoader().getResource(RESOURCE_ROOT);
        if (url == null || !url.getProtocol().equals("file")) {
            throw new IllegalStateException("the tck's scripts are not on the class path as a folder: " + url);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The project's shared folder: system property {@code kyro.shared.dir} (the parent pom sets it
     * for surefire), else the first {@code shared/} with conformance scripts found walking up from
     * the working directory.
     */
    public static Optional<Path> sharedDir() {
        String property = System.getProperty("kyro.shared.dir");
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(dir.resolve(SHARED_SCRIPTS))) {
                return Optional.of(dir);
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve(SHARED_SCRIPTS))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Every script, own ones first, each group sorted by name. */
    public static List<Source> discover(boolean includeSlow) {
        List<Source> sources = new ArrayList<>(scriptsUnder(ownRoot(), "", includeSlow));
        sharedDir().ifPresent(shared -> sources.addAll(
                scriptsUnder(shared.resolve(SHARED_SCRIPTS), SHARED_SCRIPTS + "/", includeSlow)));
        return sources;
    }

    static List<Source> scriptsUnder(Path root, String prefix, boolean includeSlow) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".test"))
                    .filter(p -> includeSlow || !p.getFileName().toString().endsWith(".slow.test"))
                    .map(p -> new Source(prefix + root.relativize(p).toString().replace('\\', '/'), p))
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.kyrodb.tck.frameworks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The self-contained {@code driver/target/kyro-jdbc.jar} on a plain class path with nothing else
 * but an application's own, older ANTLR: a new JVM opens a file database through DriverManager
 * (the jar registers its driver), runs SQL that needs KyroDB's parser, and both ANTLRs are there
 * side by side, KyroDB's relocated under {@code io.kyrodb.shaded}. The jar is built by the
 * driver module's package phase, before this module's tests in the reactor ({@code ./mvnw verify});
 * a run of this module alone without it skips this test, except on CI, where it fails.
 */
class SelfContainedJarTest {
    @TempDir
    Path dir;

    @Test
    void theDriverJarWorksAloneNextToAnApplicationsOwnAntlr() throws Exception {
        Path jar = Path.of(System.getProperty("kyro.driver.jar", "../driver/target/kyro-jdbc.jar"));
        boolean ci = System.getenv("CI") != null;
        if (!ci) {
            assumeTrue(Files.isRegularFile(jar), "no " + jar + ": build the driver first (./mvnw -DskipTests package)");
        }
        assertThat(jar).as("the self-contained driver jar").isRegularFile();
        Path libs = Path.of(System.getProperty("kyro.app.libs", "target/app-libs"));
        Path appAntlr;
        try (Stream<Path> files = Files.list(libs)) {
            appAntlr = files.filter(p -> p.getFileName().toString().startsWith("antlr4-runtime-")).findFirst().orElseThrow();
        }
        Path classes = Path.of(PlainApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, jar.toString(), appAntlr.toString(), classes.toString());
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, PlainApplication.class.getName(),
                dir.resolve("db").toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the application finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();

        Map<String, String> said = parse(Files.readAllLines(out, StandardCharsets.UTF_8));
        assertThat(said).as(output)
                .containsEntry("app-antlr", appAntlr.getFileName().toString().replace("antlr4-runtime-", "").replace(".jar", ""))
                .containsEntry("product", "KyroDB")
                .containsEntry("count", "2")
                .containsEntry("error", "42601");
        assertThat(said.get("app-antlr-from")).as("the application's ANTLR is its own jar").endsWith(appAntlr.getFileName().toString());
        assertThat(said.get("kyro-antlr")).as("KyroDB's relocated ANTLR").isNotEqualTo(said.get("app-antlr")).startsWith("4.13");
    }

    /**
     * The jar next to an application's own Lucene of another major version (9.x; KyroDB bundles 10.x
     * relocated): both Lucenes work in one JVM, and a vector search runs through the driver and
     * through KyroDB's HNSW index, whose relocated codecs are found through the relocated SPI files.
     */
    @Test
    void theDriverJarWorksNextToAnApplicationsOwnLucene() throws Exception {
        Path jar = Path.of(System.getProperty("kyro.driver.jar", "../driver/target/kyro-jdbc.jar"));
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isRegularFile(jar), "no " + jar + ": build the driver first (./mvnw -DskipTests package)");
        }
        Path libs = Path.of(System.getProperty("kyro.app.libs", "target/app-libs"));
        Path appLucene;
        try (Stream<Path> files = Files.list(libs)) {
            appLucene = files.filter(p -> p.getFileName().toString().startsWith("lucene-core-")).findFirst().orElseThrow();
        }
        Path classes = Path.of(VectorApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, jar.toString(), appLucene.toString(), classes.toString());
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, VectorApplication.class.getName(),
                dir.resolve("db").toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the application finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();

        Map<String, String> said = parse(Files.readAllLines(out, StandardCharsets.UTF_8));
        String appVersion = appLucene.getFileName().toString().replace("lucene-core-", "").replace(".jar", "");
        assertThat(said).as(output)
                .containsEntry("app-lucene", appVersion)
                .containsEntry("app-search", "2")
                .containsEntry("sql-search", "2")
                .containsEntry("provider", "io.kyrodb.vectors.lucene.LuceneVectorIndexProvider")
                .containsEntry("index-lsn", "7")
                .containsEntry("index-search", "1");
        assertThat(said.get("app-lucene-from")).as("the application's Lucene is its own jar").endsWith(appLucene.getFileName().toString());
        assertThat(said.get("kyro-lucene")).as("KyroDB's relocated Lucene").startsWith("10.").isNotEqualTo(appVersion);
    }

    private static Map<String, String> parse(List<String> lines) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }
}

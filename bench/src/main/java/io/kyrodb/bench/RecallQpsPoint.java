package io.kyrodb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured point of a recall-vs-QPS curve, and the CSV that collects them across runs:
 * {@code dataset,searcher,jvm,ef_search,recall_at_10,qps} where {@code jvm} is {@code vector-api}
 * (the JVM had {@code jdk.incubator.vector}) or {@code scalar}, and ef_search is 0 for exact search.
 */
record RecallQpsPoint(String dataset, String searcher, String jvm, int ef, double recall, double qps) {
    static final String HEADER = "dataset,searcher,jvm,ef_search,recall_at_10,qps";

    String csv() {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.1f", dataset, searcher, jvm, ef, recall, qps);
    }

    /** Appends points, writing the header into a new file; a point replaces an earlier one for the same series and ef. */
    static void append(Path csv, List<RecallQpsPoint> points) throws IOException {
        List<RecallQpsPoint> all = new ArrayList<>(Files.isRegularFile(csv) ? read(csv) : List.of());
        for (RecallQpsPoint p : points) {
            all.removeIf(o -> o.dataset.equals(p.dataset) && o.searcher.equals(p.searcher) && o.jvm.equals(p.jvm) && o.ef == p.ef);
            all.add(p);
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        all.forEach(p -> lines.add(p.csv()));
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.write(csv, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static List<RecallQpsPoint> read(Path csv) throws IOException {
        List<RecallQpsPoint> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.equals(HEADER)) {
                continue;
            }
            String[] f = line.split(",");
            out.add(new RecallQpsPoint(f[0], f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
        return out;
    }
}

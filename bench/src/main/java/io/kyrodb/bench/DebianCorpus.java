package io.kyrodb.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorKernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.zip.GZIPInputStream;

/**
 * The shared Debian corpus as a vector data set in TEXMEX form: every package's title + newline +
 * description embedded once with all-MiniLM-L6-v2 (quantized ONNX, in process, 384 dimensions,
 * unit length) and cached under {@code bench/target/debian/}: {@code debian_base.fvecs} (every
 * package but the queries), {@code debian_query.fvecs} (every 318th package: 200, held out of the
 * base), {@code debian_groundtruth.ivecs} (exact top 100 by cosine distance, brute force, ties by
 * id) and {@code debian_sections.txt} (the base rows' sections, one a line, for filtered runs).
 * Run {@code bin/bench vectors --dataset debian}: the first run embeds (about 20-40 minutes on 2
 * cores), later ones read the cache.
 */
final class DebianCorpus {
    static final int QUERY_STRIDE = 318;

    private DebianCorpus() {
    }

    /** Builds the cache: {@code DebianCorpus [corpus.jsonl.gz] [cache dir]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("kyro.bench.root", "."));
        Path corpus = args.length > 0 ? Path.of(args[0])
                : root.resolve("../shared/datasets/debian-packages/debian-packages.jsonl.gz");
        Path cache = args.length > 1 ? Path.of(args[1]) : root.resolve("bench/target/debian");
        System.out.println("debian: cache in " + ensure(corpus, cache));
    }

    /** The cache directory, built when any file is missing. */
    static Path ensure(Path corpusFile, Path cacheDir) throws IOException {
        Path base = cacheDir.resolve("debian_base.fvecs");
        Path query = cacheDir.resolve("debian_query.fvecs");
        Path truth = cacheDir.resolve("debian_groundtruth.ivecs");
        Path sections = cacheDir.resolve("debian_sections.txt");
        if (Files.isRegularFile(base) && Files.isRegularFile(query) && Files.isRegularFile(truth) && Files.isRegularFile(sections)) {
            return cacheDir;
        }
        Files.createDirectories(cacheDir);
        List<String[]> packages = read(corpusFile);
        List<String> baseTexts = new ArrayList<>();
        List<String> baseSections = new ArrayList<>();
        List<String> queryTexts = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            if (i % QUERY_STRIDE == QUERY_STRIDE / 2) {
                queryTexts.add(packages.get(i)[1]);
            } else {
                baseTexts.add(packages.get(i)[1]);
                baseSections.add(packages.get(i)[0]);
            }
        }
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        long t0 = System.nanoTime();
        List<float[]> qv = embed(model, queryTexts, "queries");
        List<float[]> bv = embed(model, baseTexts, "base");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "debian: embedded %,d texts in %.0f s (%.1f ms each, %d processors)%n",
                qv.size() + bv.size(), seconds, 1000 * seconds / (qv.size() + bv.size()),
                Runtime.getRuntime().availableProcessors());
        writeVecs(query, qv);
        writeInts(truth, groundTruth(bv, qv, 100));
        Files.write(sections, baseSections, StandardCharsets.UTF_8);
        writeVecs(base, bv);   // last: its presence marks a complete cache
        return cacheDir;
    }

    /** Each package as {section, title + "\n" + description}, in the file's order. */
    static List<String[]> read(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    Map<String, String> o = FlatJson.parse(line);
                    out.add(new String[]{o.get("section"), o.get("title") + "\n" + o.get("description")});
                }
            }
        }
        return out;
    }

    private static List<float[]> embed(EmbeddingModel model, List<String> texts, String what) {
        List<float[]> out = new ArrayList<>(texts.size());
        long t0 = System.nanoTime();
        for (int from = 0; from < texts.size(); from += 512) {
            List<TextSegment> batch = texts.subList(from, Math.min(from + 512, texts.size())).stream().map(TextSegment::from).toList();
            model.embedAll(batch).content().forEach(e -> out.add(e.vector()));
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "debian: embedded %,d of %,d %s (%.0f s)%n", out.size(), texts.size(), what, s);
        }
        return out;
    }

    /** Exact top {@code k} by cosine distance (ties by id), brute force with the engine's kernels. */
    static List<int[]> groundTruth(List<float[]> base, List<float[]> queries, int k) {
        VectorKernels kernels = VectorKernels.best();
        List<int[]> out = new ArrayList<>();
        for (float[] q : queries) {
            PriorityQueue<double[]> top = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> -e[0]).thenComparingDouble(e -> -e[1]));
            for (int i = 0; i < base.size(); i++) {
                double d = kernels.distance(VectorDistance.COSINE, q, base.get(i));
                if (top.size() < k) {
                    top.add(new double[]{d, i});
                } else if (d < top.peek()[0]) {
                    top.poll();
                    top.add(new double[]{d, i});
                }
            }
            out.add(top.stream().sorted(Comparator.comparingDouble((double[] e) -> e[0]).thenComparingDouble(e -> e[1]))
                    .mapToInt(e -> (int) e[1]).toArray());
        }
        return out;
    }

    static void writeVecs(Path file, List<float[]> vs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(vs.size() * (4 + 4 * vs.get(0).length)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vs) {
            b.putInt(v.length);
            for (float f : v) {
                b.putFloat(f);
            }
        }
        Files.write(file, b.array());
    }

    static void writeInts(Path file, List<int[]> vs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(vs.size() * (4 + 4 * vs.get(0).length)).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] v : vs) {
            b.putInt(v.length);
            for (int x : v) {
                b.putInt(x);
            }
        }
        Files.write(file, b.array());
    }

    /** A flat JSON object of string (or null) values, as the corpus has one a line. */
    static final class FlatJson {
        private final String s;
        private int at;

        private FlatJson(String s) {
            this.s = s;
        }

        static Map<String, String> parse(String json) {
            FlatJson p = new FlatJson(json);
            Map<String, String> out = new HashMap<>();
            p.at = json.indexOf('{') + 1;
            while (true) {
                p.skip();
                if (json.charAt(p.at) == '}') {
                    return out;
                }
                String key = p.string();
                p.skip();
                p.at++;   // ':'
                p.skip();
                String value;
                if (json.startsWith("null", p.at)) {
                    p.at += 4;
                    value = null;
                } else {
                    value = p.string();
                }
                out.put(key, value);
                p.skip();
                if (json.charAt(p.at) == ',') {
                    p.at++;
                }
            }
        }

        private void skip() {
            while (Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            int i = at + 1;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    at = i;
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }
    }
}

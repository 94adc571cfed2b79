package io.kyrodb.tck.frameworks;

import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * A pretend application for {@link SelfContainedJarTest} with its own Lucene (another major
 * version) beside {@code kyro-jdbc.jar}: it runs a vector search with its own Lucene, a vector
 * search through the driver, and one through KyroDB's Lucene HNSW index (found by ServiceLoader
 * inside the jar, Lucene relocated, written, closed and reopened so the relocated codec SPI is
 * read back). Prints {@code key=value} lines.
 */
public final class VectorApplication {
    private VectorApplication() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> appVersion = Class.forName("org.apache.lucene.util.Version");
        System.out.println("app-lucene=" + appVersion.getField("LATEST").get(null));
        System.out.println("app-lucene-from=" + appVersion.getProtectionDomain().getCodeSource().getLocation());
        Class<?> kyroVersion = Class.forName("io.kyrodb.shaded.org.apache.lucene.util.Version");
        System.out.println("kyro-lucene=" + kyroVersion.getField("LATEST").get(null));

        // The application's own Lucene, untouched by KyroDB's.
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                float[][] vs = {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}};
                for (int i = 0; i < vs.length; i++) {
                    Document d = new Document();
                    d.add(new KnnFloatVectorField("v", vs[i], VectorSimilarityFunction.EUCLIDEAN));
                    d.add(new StoredField("id", i));
                    w.addDocument(d);
                }
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                ScoreDoc[] top = new IndexSearcher(r).search(new KnnFloatVectorQuery("v", new float[]{0.9f, 0.1f, 0}, 1), 1).scoreDocs;
                System.out.println("app-search=" + r.storedFields().document(top[0].doc).getField("id").numericValue());
            }
        }

        // SQL through the driver.
        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + args[0]);
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE items (id integer PRIMARY KEY, v vector(3))");
            s.executeUpdate("INSERT INTO items VALUES (1, '[0,0,1]'), (2, '[0,1,0]'), (3, '[1,0,0]')");
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM items ORDER BY v <-> ? LIMIT 1")) {
                ps.setObject(1, new float[]{0.1f, 0.9f, 0});
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    System.out.println("sql-search=" + rs.getInt(1));
                }
            }
        }

        // KyroDB's HNSW index on its relocated Lucene.
        VectorIndexProvider provider = VectorIndexProvider.find().orElseThrow();
        System.out.println("provider=" + provider.getClass().getName());
        Path indexDir = Path.of(args[0]).resolveSibling("hnsw");
        VectorIndexSpec spec = VectorIndexSpec.defaults(3, VectorDistance.COSINE);
        try (VectorIndex index = provider.open(indexDir, spec)) {
            index.put(1, new float[]{0, 0, 1});
            index.put(2, new float[]{0, 1, 0});
            index.put(3, new float[]{1, 0, 0});
            index.commit(7);
        }
        try (VectorIndex index = provider.open(indexDir, spec)) {
            List<VectorIndex.Neighbor> got = index.search(new float[]{0, 0.2f, 0.9f}, 1, 40, id -> true, Integer.MAX_VALUE);
            System.out.println("index-lsn=" + index.committedLsn());
            System.out.println("index-search=" + got.get(0).rowId());
        }
    }
}

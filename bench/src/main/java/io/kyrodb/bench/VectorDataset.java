package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vector data set in TEXMEX form (base, queries, exact neighbours) and the distance its ground
 * truth uses: the shared bigann10k and fmnistsmall (L2), and the Debian corpus embedded with
 * MiniLM (cosine; built and cached by {@link DebianCorpus}).
 */
record VectorDataset(String name, List<float[]> base, List<float[]> queries, List<int[]> truth, VectorDistance distance) {

    static VectorDataset load(String name, Path sharedDatasets, Path benchTarget) throws IOException {
        Path dir;
        VectorDistance distance = VectorDistance.L2;
        if (name.equals("debian")) {
            dir = DebianCorpus.ensure(sharedDatasets.resolve("debian-packages/debian-packages.jsonl.gz"),
                    benchTarget.resolve("debian"));
            distance = VectorDistance.COSINE;
        } else {
            dir = sharedDatasets.resolve(name);
        }
        return new VectorDataset(name, fvecs(dir.resolve(name + "_base.fvecs")), fvecs(dir.resolve(name + "_query.fvecs")),
                ivecs(dir.resolve(name + "_groundtruth.ivecs")), distance);
    }

    int dimensions() {
        return base.get(0).length;
    }

    static List<float[]> fvecs(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            float[] v = new float[b.getInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getFloat();
            }
            out.add(v);
        }
        return out;
    }

    static List<int[]> ivecs(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int[] v = new int[b.getInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getInt();
            }
            out.add(v);
        }
        return out;
    }
}

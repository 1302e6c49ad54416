package uk.co.omniops.analysis.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.analysis.model.TrainingData.Sample;

/** Sentence embeddings of every training text, computed once (optionally kept in a cache file). */
final class TrainingVectors {
    final Map<String, float[]> byText = new HashMap<>();

    static TrainingVectors of(TextEmbedder embedder, List<List<Sample>> sets, @Nullable Path cache) throws IOException {
        TrainingVectors v = new TrainingVectors();
        if (cache != null && Files.exists(cache)) {
            v.read(cache, embedder);
        }
        LinkedHashSet<String> unseen = new LinkedHashSet<>();
        for (List<Sample> set : sets) {
            for (Sample s : set) {
                if (!v.byText.containsKey(s.text())) {
                    unseen.add(s.text());
                }
            }
        }
        List<String> missing = new ArrayList<>(unseen);
        v.encode(missing, embedder);
        if (cache != null && !missing.isEmpty()) {
            v.write(cache, embedder);
        }
        return v;
    }

    /** The cache's vectors if it was written by {@code embedder} (same name), else none. */
    private void read(Path cache, TextEmbedder embedder) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            if (in.readUTF().equals(embedder.name())) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String t = in.readUTF();
                    float[] e = new float[embedder.dimensions()];
                    for (int j = 0; j < e.length; j++) {
                        e[j] = in.readFloat();
                    }
                    byText.put(t, e);
                }
            }
        }
    }

    /** Encodes {@code todo} in batches of 256 on the common fork-join pool. */
    private void encode(List<String> todo, TextEmbedder embedder) {
        long t0 = System.nanoTime();
        int batches = (todo.size() + 255) / 256;
        List<List<float[]>> results = IntStream.range(0, batches)
                .parallel()
                .mapToObj(b -> embedder.embedAll(todo.subList(b * 256, Math.min(todo.size(), b * 256 + 256))))
                .toList();
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < results.get(b).size(); i++) {
                byText.put(todo.get(b * 256 + i), results.get(b).get(i));
            }
        }
        System.err.printf(Locale.ROOT, "embedded %d texts in %.0f s%n", todo.size(), (System.nanoTime() - t0) / 1e9);
    }

    private void write(Path cache, TextEmbedder embedder) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
            out.writeUTF(embedder.name());
            out.writeInt(byText.size());
            for (var e : byText.entrySet()) {
                out.writeUTF(e.getKey());
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        }
    }

    /** The first {@code d} numbers of every vector (the mean half of mean + max vectors). */
    TrainingVectors prefix(int d) {
        TrainingVectors out = new TrainingVectors();
        byText.forEach((t, e) -> out.byText.put(t, e.length <= d ? e : java.util.Arrays.copyOf(e, d)));
        return out;
    }

    float[] get(String text) {
        float[] e = byText.get(text);
        if (e == null) {
            throw new IllegalStateException("no embedding for a training text");
        }
        return e;
    }
}

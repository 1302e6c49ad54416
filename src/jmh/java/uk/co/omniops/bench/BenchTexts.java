package uk.co.omniops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic customer messages for the benchmarks: the project's own labelled support messages
 * ({@code src/training/data/support/support_messages.tsv}) and the out-of-domain evaluation sets
 * ({@code src/test/resources/eval/*.tsv}), the text being the last tab-separated column. Shuffled with a fixed seed
 * so every run sees the same order. Paths are relative to the project directory (override with
 * {@code -Domniops.bench.dir=...}).
 */
public final class BenchTexts {

    static final List<String> FILES = List.of("src/training/data/support/support_messages.tsv",
            "src/test/resources/eval/sentiment-ood.tsv", "src/test/resources/eval/categories-ood.tsv",
            "src/test/resources/eval/lead-ood-sentiment.tsv", "src/test/resources/eval/lead-ood-categories.tsv");

    private BenchTexts() {}

    public static List<String> load() {
        var dir = Path.of(System.getProperty("omniops.bench.dir", "."));
        var texts = new ArrayList<String>();
        for (var file : FILES) {
            try {
                var lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
                for (var line : lines.subList(1, lines.size())) {
                    var text = line.substring(line.lastIndexOf('\t') + 1).strip();
                    if (!text.isEmpty()) {
                        texts.add(text);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("benchmark texts: run from the project directory", e);
            }
        }
        java.util.Collections.shuffle(texts, new Random(42));
        return List.copyOf(texts);
    }

    /** Round-robin over the texts (one cursor per benchmark thread state). */
    public static final class Cursor {
        private final List<String> texts;
        private int next;

        public Cursor(List<String> texts) {
            this.texts = texts;
        }

        public String next() {
            var t = texts.get(next);
            next = next + 1 == texts.size() ? 0 : next + 1;
            return t;
        }
    }
}

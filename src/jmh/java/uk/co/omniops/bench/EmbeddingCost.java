package uk.co.omniops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import uk.co.omniops.analysis.model.CategoryModel;
import uk.co.omniops.analysis.model.SentenceEmbeddings;
import uk.co.omniops.analysis.model.SentimentModel;

/**
 * What the sentence encoder adds (docs/benchmarks.md §1b): start-up time, heap and resident memory of loading
 * {@link SentenceEmbeddings} and the embedding models, then per-message latency of sentiment + categories together
 * (one encoding, both heads) over the benchmark texts, against the n-gram models. Run with {@code taskset -c 0} for
 * one core: {@code bench/embedding-cost.sh}.
 */
public final class EmbeddingCost {

    private EmbeddingCost() {
    }

    public static void main(String[] args) throws IOException {
        List<String> texts = BenchTexts.load();
        long rss0 = rssKb();
        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        SentimentModel ngramSentiment = SentimentModel.loadNgram();
        CategoryModel ngramCategories = CategoryModel.loadNgram();
        long t1 = System.nanoTime();
        long rss1 = rssKb();
        long heap1 = usedHeap();
        SentenceEmbeddings.shared();
        long t2 = System.nanoTime();
        SentimentModel sentiment = SentimentModel.loadDefault();
        CategoryModel categories = CategoryModel.loadDefault();
        long t3 = System.nanoTime();
        long rss2 = rssKb();
        long heap2 = usedHeap();
        System.out.printf(Locale.ROOT, "n-gram models: load %d ms, heap +%.1f MB, RSS +%.1f MB%n", (t1 - t0) / 1_000_000,
                (heap1 - heap0) / 1e6, (rss1 - rss0) / 1e3);
        System.out.printf(Locale.ROOT, "encoder: load + warm-up %d ms; embedding heads: load %d ms%n",
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        System.out.printf(Locale.ROOT, "encoder + embedding models: heap +%.1f MB, RSS +%.1f MB (native ≈ %.1f MB)%n",
                (heap2 - heap1) / 1e6, (rss2 - rss1) / 1e3, ((rss2 - rss1) * 1e3 - (heap2 - heap1)) / 1e6);
        measure("n-gram (v1)", texts, t -> {
            ngramSentiment.analyse(t);
            ngramCategories.classify(t);
        });
        measure("embedding + n-gram (v2)", texts, t -> {
            sentiment.analyse(t);
            categories.classify(t);
        });
        System.out.printf(Locale.ROOT, "RSS after the runs: %.1f MB%n", rssKb() / 1e3);
    }

    private static void measure(String name, List<String> texts, java.util.function.Consumer<String> analyse) {
        for (int i = 0; i < 2 * texts.size(); i++) {
            analyse.accept(texts.get(i % texts.size()));
        }
        var threads = ManagementFactory.getThreadMXBean();
        double[] us = new double[texts.size()];
        double[] cpu = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            analyse.accept(texts.get(i));
            us[i] = (System.nanoTime() - s) / 1000.0;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1000.0;
        }
        Arrays.sort(us);
        Arrays.sort(cpu);
        // wall time includes being descheduled on a shared machine; the thread's CPU time is the analysis's own cost
        // (the encoder runs on the calling thread: one intra-op thread)
        System.out.printf(Locale.ROOT, "%s, sentiment + categories per message (%d texts): wall p50 %.0f µs, p95 %.0f µs, "
                + "p99 %.0f µs, max %.0f µs; CPU p50 %.0f µs, p99 %.0f µs%n", name, us.length, us[us.length / 2],
                us[(int) (us.length * 0.95)], us[(int) (us.length * 0.99)], us[us.length - 1], cpu[cpu.length / 2],
                cpu[(int) (cpu.length * 0.99)]);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}

package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Cost of one encoder for decision record 004's comparison (not part of the product): start-up (load + warm-up),
 * resident memory and heap it adds, and latency per message (one {@code embed} call per text, one thread; run under
 * {@code taskset -c N} for one core) over distinct VADER tweets and support messages (seeded shuffle).
 *
 * <p>Usage: {@code EncoderCost minilm|e5|bge dataDir [messages]}. Run each encoder in its own JVM.
 */
final class EncoderCost {

    private EncoderCost() {}

    public static void main(String[] args) throws IOException {
        String which = args[0];
        TrainingData data = TrainingData.load(Path.of(args[1]));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (TrainingData.Sample s : data.sentiment) {
            if (s.source().equals("tweets") || s.source().equals("support") || s.source().equals("bitext")) {
                distinct.add(s.text());
            }
        }
        List<String> texts = new ArrayList<>(distinct);
        Collections.shuffle(texts, new Random(20261207L));
        System.gc();
        long rss0 = rssKb();
        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        TextEmbedder e = which.equals("minilm") ? SentenceEmbeddings.shared() : JarEncoder.named(which);
        double startup = (System.nanoTime() - t0) / 1e6;
        System.gc();
        long rss1 = rssKb();
        long heap1 = usedHeap();
        for (int i = 0; i < 300; i++) {
            e.embed(texts.get(texts.size() - 1 - i));
        }
        double[] ms = new double[n];
        double[] cpu = new double[n];
        double chars = 0;
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            String t = texts.get(i);
            chars += t.length();
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            e.embed(t);
            ms[i] = (System.nanoTime() - s) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.gc();
        long rss2 = rssKb();
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.1f |%n",
                e.name(),
                n,
                chars / n,
                cpu[n / 2],
                cpu[(int) (n * 0.99)],
                ms[n / 2],
                ms[(int) (n * 0.99)],
                ms[n - 1],
                startup,
                (rss2 - rss0) / 1024.0,
                (heap1 - heap0) / 1048576.0);
        System.out.println("columns: encoder | messages | mean chars | CPU p50 ms | CPU p99 ms | wall p50 ms | wall p99 ms | wall max ms | start-up ms "
                + "| RSS added after the run MB | heap retained by the loaded encoder MB; RSS after load "
                + (rss1 - rss0) / 1024 + " MB; processors " + Runtime.getRuntime().availableProcessors()
                + "; JVM " + ManagementFactory.getRuntimeMXBean().getVmVersion());
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}

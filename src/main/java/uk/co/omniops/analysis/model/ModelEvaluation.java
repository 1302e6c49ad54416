package uk.co.omniops.analysis.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Evaluates a model on a UTF-8 TSV file with header {@code label<TAB>text}.
 *
 * <p>Task {@code sentiment}: labels negative|neutral|positive. Task {@code categories}: the
 * top-ranked category is compared with the label; lines whose label is not a taxonomy key are
 * counted in "skipped" and ignored. Macro-F1 averages F1 over the labels present in the file.
 * Latency is per message, measured after a warm-up pass. Result as one hand-written JSON object
 * via {@link Report#toJson()}.
 *
 * <p>Usage: {@code java ... ModelEvaluation sentiment|categories file.tsv}
 */
public final class ModelEvaluation {

    /** Precision, recall, F1 and support of one label. */
    public record ClassMetrics(double precision, double recall, double f1, int support) {}

    /**
     * Result of one evaluation; {@code skipped} counts lines with an unknown label.
     * Never contains nulls.
     */
    public record Report(
            String task,
            int n,
            int skipped,
            double accuracy,
            double macroF1,
            Map<String, ClassMetrics> perClass,
            double latencyP50Micros,
            double latencyP99Micros) {

        /** The report as a single-line JSON object. */
        public String toJson() {
            StringBuilder b = new StringBuilder("{");
            b.append("\"task\":").append(quote(task));
            b.append(",\"n\":").append(n);
            if (task.equals("categories")) {
                b.append(",\"skipped\":").append(skipped);
            }
            b.append(",\"accuracy\":").append(num(accuracy));
            b.append(",\"macro_f1\":").append(num(macroF1));
            b.append(",\"per_class\":{");
            boolean first = true;
            for (Map.Entry<String, ClassMetrics> e : perClass.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                ClassMetrics m = e.getValue();
                b.append(quote(e.getKey()))
                        .append(":{\"precision\":")
                        .append(num(m.precision()))
                        .append(",\"recall\":")
                        .append(num(m.recall()))
                        .append(",\"f1\":")
                        .append(num(m.f1()))
                        .append(",\"support\":")
                        .append(m.support())
                        .append('}');
            }
            b.append("},\"latency_us\":{\"p50\":")
                    .append(num(latencyP50Micros))
                    .append(",\"p99\":")
                    .append(num(latencyP99Micros))
                    .append("}}");
            return b.toString();
        }

        /**
         * The report of an adapted model as JSON, with {@code "baseline"} (accuracy and macro-F1 of
         * the model before adapting) and {@code "corrections_applied"}.
         */
        public String toJson(Report baseline, int correctionsApplied) {
            String json = toJson();
            return json.substring(0, json.length() - 1) + ",\"baseline\":{\"accuracy\":" + num(baseline.accuracy())
                    + ",\"macro_f1\":" + num(baseline.macroF1()) + "},\"corrections_applied\":" + correctionsApplied
                    + "}";
        }
    }

    /** One labelled line of an evaluation file. */
    public record Example(String label, String text) {}

    private ModelEvaluation() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("sentiment") || args[0].equals("categories"))) {
            System.err.println("usage: ModelEvaluation sentiment|categories <file.tsv>");
            System.exit(2);
        }
        Report r = args[0].equals("sentiment")
                ? evaluateSentiment(read(Path.of(args[1])), SentimentModel.loadDefault())
                : evaluateCategories(read(Path.of(args[1])), CategoryModel.loadDefault());
        System.out.println(r.toJson());
    }

    /**
     * Reads a {@code label<TAB>text} file with a header line; blank lines are ignored.
     *
     * @throws IOException if the file cannot be read or a line has no tab
     */
    public static List<Example> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IOException(file + ":" + (i + 1) + ": expected label<TAB>text");
            }
            out.add(new Example(line.substring(0, tab).trim(), line.substring(tab + 1)));
        }
        return out;
    }

    /** Sentiment evaluation; lines with a label other than negative/neutral/positive are skipped. */
    public static Report evaluateSentiment(List<Example> examples, SentimentModel model) {
        return evaluate(
                "sentiment",
                examples,
                SentimentModel.LABELS,
                t -> model.analyse(t).label());
    }

    /** Sentiment evaluation of a customer's adapted model. */
    public static Report evaluateSentiment(List<Example> examples, SentimentModel model, CustomerAdapter adapter) {
        return evaluate(
                "sentiment",
                examples,
                SentimentModel.LABELS,
                t -> model.analyse(t, adapter).label());
    }

    /** Category evaluation (top-ranked category) of a customer's adapted model. */
    public static Report evaluateCategories(List<Example> examples, CategoryModel model, CustomerAdapter adapter) {
        return evaluate(
                "categories",
                examples,
                model.keys(),
                t -> model.rank(t, adapter).get(0).key());
    }

    /** Category evaluation of the top-ranked category; unknown labels are skipped. */
    public static Report evaluateCategories(List<Example> examples, CategoryModel model) {
        return evaluate(
                "categories", examples, model.keys(), t -> model.rank(t).get(0).key());
    }

    /**
     * Replays {@code corrections} in order as agents' corrections of a customer's sentiment: where
     * the adapted model's label differs from the corrected one, {@code adapter} learns it exactly as
     * from a correction in the product ({@link CustomerAdapter#correctSentiment}).
     *
     * @return how many corrections were applied (the adapted model was wrong)
     */
    public static int adaptSentiment(List<Example> corrections, SentimentModel model, CustomerAdapter adapter) {
        int applied = 0;
        for (Example e : corrections) {
            if (SentimentModel.LABELS.contains(e.label())
                    && !model.analyse(e.text(), adapter).label().equals(e.label())) {
                adapter.correctSentiment(model, e.text(), e.label());
                applied++;
            }
        }
        return applied;
    }

    /**
     * Replays {@code corrections} as agents' category corrections: where the adapted model's top
     * category is not the corrected one, the agent adds it and removes the other categories the
     * model had selected ({@link CustomerAdapter#correctCategories}). Unknown labels are skipped.
     *
     * @return how many corrections were applied
     */
    public static int adaptCategories(List<Example> corrections, CategoryModel model, CustomerAdapter adapter) {
        int applied = 0;
        for (Example e : corrections) {
            if (!model.keys().contains(e.label())
                    || model.rank(e.text(), adapter).get(0).key().equals(e.label())) {
                continue;
            }
            java.util.Set<String> remove = new java.util.HashSet<>();
            for (CategoryScore s : model.classify(e.text(), adapter)) {
                if (!s.key().equals(e.label())) {
                    remove.add(s.key());
                }
            }
            adapter.correctCategories(model, e.text(), java.util.Set.of(e.label()), remove);
            applied++;
        }
        return applied;
    }

    static Report evaluate(
            String task, List<Example> examples, Collection<String> known, Function<String, String> predictor) {
        List<Example> kept = new ArrayList<>();
        for (Example e : examples) {
            if (known.contains(e.label())) {
                kept.add(e);
            }
        }
        int skipped = examples.size() - kept.size();
        List<String> predicted = new ArrayList<>(kept.size());
        for (Example e : kept) {
            predicted.add(predictor.apply(e.text()));
        }
        Map<String, ClassMetrics> perClass = metrics(kept, predicted);
        int correct = 0;
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).label().equals(predicted.get(i))) {
                correct++;
            }
        }
        double macro = perClass.values().stream()
                .mapToDouble(ClassMetrics::f1)
                .average()
                .orElse(0);
        double[] latency = latencies(kept, predictor);
        return new Report(
                task,
                kept.size(),
                skipped,
                kept.isEmpty() ? 0 : (double) correct / kept.size(),
                macro,
                perClass,
                percentile(latency, 0.50),
                percentile(latency, 0.99));
    }

    /** Per-label metrics for the labels present in {@code gold}; predictions of other labels count as misses. */
    static Map<String, ClassMetrics> metrics(List<Example> gold, List<String> predicted) {
        Map<String, ClassMetrics> out = new TreeMap<>();
        for (String label :
                gold.stream().map(Example::label).distinct().sorted().toList()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).label().equals(label);
                boolean p = predicted.get(i).equals(label);
                if (g && p) {
                    tp++;
                } else if (p) {
                    fp++;
                } else if (g) {
                    fn++;
                }
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.put(label, new ClassMetrics(precision, recall, f1, tp + fn));
        }
        return out;
    }

    /**
     * How long the latency figures may take: warm-up, then timing, each at least one pass over the examples. The
     * defaults (3 s, 5 s) give stable percentiles; the test suite sets both to 0 through the system properties
     * {@code omniops.eval.warm-up-ms} and {@code omniops.eval.timing-ms} (pom.xml), since its checks read the figures'
     * presence, never their values, and the two budgets were 16 s of one core per suite run.
     */
    private static final long WARM_UP_MS = Long.getLong("omniops.eval.warm-up-ms", 3_000);

    private static final long TIMING_MS = Long.getLong("omniops.eval.timing-ms", 5_000);

    private static double[] latencies(List<Example> examples, Function<String, String> predictor) {
        if (examples.isEmpty()) {
            return new double[0];
        }
        int sink = 0;
        // warm up until the JIT has compiled the scoring path (capped in time: an encoder takes milliseconds a message)
        long deadline = System.nanoTime() + WARM_UP_MS * 1_000_000L;
        for (int i = 0;
                i < Math.max(3000, examples.size()) && (i < examples.size() || System.nanoTime() < deadline);
                i++) {
            sink += predictor.apply(examples.get(i % examples.size()).text()).length();
        }
        int rounds = Math.max(1, 2000 / examples.size());
        double[] us = new double[examples.size() * rounds];
        int k = 0;
        deadline = System.nanoTime() + TIMING_MS * 1_000_000L;
        for (int r = 0; r < rounds && (r == 0 || System.nanoTime() < deadline); r++) {
            for (Example e : examples) {
                long t0 = System.nanoTime();
                sink += predictor.apply(e.text()).length();
                us[k++] = (System.nanoTime() - t0) / 1000.0;
            }
        }
        us = Arrays.copyOf(us, k);
        if (sink == 42) {
            System.err.print("");
        }
        return us;
    }

    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

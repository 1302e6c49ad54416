import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * Load generator and checker for the fault scenarios (bench/faults). JDK only, plus the PostgreSQL JDBC driver
 * for {@code verify}. Loopback only: it refuses any other host.
 *
 * <pre>
 * burst  --base URL --key KEY --run ID --count N [--conversations C] [--concurrency K] [--rate R]
 *        [--retry-for SECONDS] [--progress FILE] [--stop-file FILE --sent-file FILE]
 *     starts C conversations, then posts N messages spread over them, every request with its own
 *     Idempotency-Key (ID-c-i, ID-m-i). A failed request (connection refused or reset, 5xx, 429) is retried with
 *     the SAME key until --retry-for seconds have passed (0: never retried). With --stop-file it stops sending
 *     once that file exists and writes the number of messages sent to --sent-file. Prints the figures.
 * verify --jdbc URL --run ID --conversations C --count N [--timeout SECONDS]
 *     waits until every message of the run is stored and analysed, then prints stored, analysed, duplicates,
 *     missing and the jobs' states; exit 0 only when nothing is missing or duplicated.
 * </pre>
 */
public class FaultClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String[] TEXTS = {
        "My parcel is three days late and nobody answers the phone",
        "Thanks, the replacement arrived and works perfectly",
        "I was charged twice for the same order, please refund one",
        "How do I change the delivery address on my account?",
        "The app keeps crashing when I open my invoices, this is unacceptable",
        "Can you tell me when my subscription renews?",
        "Great service today, the agent was very helpful",
        "My router drops the connection every evening",
    };

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: FaultClient burst|verify --option value ...");
            System.exit(2);
        }
        var options = options(args);
        switch (args[0]) {
            case "burst" -> System.exit(burst(options));
            case "verify" -> System.exit(verify(options));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    // --- burst ---------------------------------------------------------------------------------------------

    static int burst(Map<String, String> o) throws Exception {
        var base = o.get("base");
        if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        var key = o.get("key");
        var run = o.get("run");
        int count = Integer.parseInt(o.get("count"));
        int conversations = Integer.parseInt(o.getOrDefault("conversations", "20"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        long retryForNanos = Duration.ofSeconds(Long.parseLong(o.getOrDefault("retry-for", "300"))).toNanos();
        var progress = o.containsKey("progress") ? Path.of(o.get("progress")) : null;
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1)
                .build();
        var stats = new Stats();
        long started = System.nanoTime();

        var ids = new AtomicReferenceArray<String>(conversations);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < conversations; i++) {
                int c = i;
                pool.execute(() -> {
                    var body = "{\"contact\":{\"name\":\"Fault " + c + "\",\"email\":\"" + run + "-" + c
                            + "@example.com\"},\"text\":\"" + TEXTS[c % TEXTS.length] + " (" + run + " c" + c + ")\"}";
                    var response = send(http, stats, base + "/api/v1/conversations", key, run + "-c-" + c, body,
                            retryForNanos);
                    if (response != null) {
                        var m = ID.matcher(response);
                        if (m.find()) {
                            ids.set(c, m.group(1));
                        }
                    }
                });
            }
        }
        for (int i = 0; i < conversations; i++) {
            if (ids.get(i) == null) {
                System.out.println("figures: could not start conversation " + i + "; " + stats.line(0, started));
                return 1;
            }
        }
        var permits = new Semaphore(concurrency);
        var accepted = new AtomicInteger();
        var writer = progress == null ? null : Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Files.writeString(progress, accepted.get() + "\n");
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        long messagesStarted = System.nanoTime();
        var stopFile = o.containsKey("stop-file") ? Path.of(o.get("stop-file")) : null;
        int sent = 0;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                if (stopFile != null && i % 10 == 0 && Files.exists(stopFile)) {
                    break;
                }
                sent++;
                if (rate > 0) {
                    long due = messagesStarted + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                }
                permits.acquire();
                int m = i;
                pool.execute(() -> {
                    try {
                        var conversation = ids.get(m % conversations);
                        var body = "{\"text\":\"" + TEXTS[m % TEXTS.length] + " (" + run + " m" + m + ")\"}";
                        if (send(http, stats, base + "/api/v1/conversations/" + conversation + "/messages", key,
                                run + "-m-" + m, body, retryForNanos) != null) {
                            accepted.incrementAndGet();
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        if (writer != null) {
            writer.interrupt();
            Files.writeString(progress, accepted.get() + "\n");
        }
        if (o.containsKey("sent-file")) {
            Files.writeString(Path.of(o.get("sent-file")), sent + "\n");
        }
        System.out.println("figures: " + stats.line(sent, started));
        return stats.failed.get() == 0 ? 0 : 1;
    }

    /** @return the response body of a 2xx, or null when the request failed for good */
    private static String send(HttpClient http, Stats stats, String url, String key, String idempotencyKey, String body,
            long retryForNanos) {
        long first = System.nanoTime();
        long backoff = 100;
        for (int attempt = 1;; attempt++) {
            stats.attempts.incrementAndGet();
            long attemptStarted = System.nanoTime();
            String outcome;
            long retryAfterMillis = 0;
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                stats.statuses.computeIfAbsent(String.valueOf(status), s -> new AtomicInteger()).incrementAndGet();
                if (status / 100 == 2) {
                    if (attempt > 1) {
                        stats.retriedOk.incrementAndGet();
                    }
                    stats.latencies.add((System.nanoTime() - first) / 1_000_000);
                    return response.body();
                }
                if (status != 429 && status < 500) {
                    stats.failed.incrementAndGet(); // the request itself is wrong: retrying cannot help
                    stats.errors.computeIfAbsent(status + " " + shorten(response.body()), s -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }
                outcome = status + " " + response.headers().firstValue("Content-Type").orElse("-");
                stats.samples.putIfAbsent(outcome, shorten(response.body()));
                retryAfterMillis = response.headers().firstValue("Retry-After").map(v -> Long.parseLong(v) * 1000).orElse(0L);
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
                stats.statuses.computeIfAbsent(outcome, s -> new AtomicInteger()).incrementAndGet();
            }
            stats.slowestFailureMs.accumulateAndGet((System.nanoTime() - attemptStarted) / 1_000_000, Math::max);
            if (attempt == 1) {
                stats.firstAttemptFailures.incrementAndGet();
            }
            stats.errors.computeIfAbsent(outcome, s -> new AtomicInteger()).incrementAndGet();
            if (System.nanoTime() - first > retryForNanos) {
                stats.failed.incrementAndGet();
                return null;
            }
            try {
                Thread.sleep(Math.max(backoff, retryAfterMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stats.failed.incrementAndGet();
                return null;
            }
            backoff = Math.min(backoff * 2, 2_000);
        }
    }

    private static String shorten(String body) {
        return body.length() <= 120 ? body : body.substring(0, 120) + "…";
    }

    static final class Stats {
        final AtomicLong attempts = new AtomicLong();
        final AtomicInteger firstAttemptFailures = new AtomicInteger();
        final AtomicInteger retriedOk = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong slowestFailureMs = new AtomicLong();
        final Map<String, String> samples = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

        String line(int messages, long started) {
            var sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            var p = (java.util.function.DoubleFunction<Long>) q -> sorted.isEmpty() ? 0
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
            return "messages=" + messages + " requests-ok=" + sorted.size() + " attempts=" + attempts
                    + " first-attempt-failures=" + firstAttemptFailures + " retried-then-accepted=" + retriedOk
                    + " failed-requests=" + failed + " seconds=" + String.format("%.1f", (System.nanoTime() - started) / 1e9)
                    + " slowest-failed-attempt-ms=" + slowestFailureMs + " p50-ms=" + p.apply(0.5) + " p99-ms=" + p.apply(0.99) + " max-ms=" + p.apply(1.0)
                    + " statuses=" + new TreeMap<>(statuses) + (errors.isEmpty() ? "" : " errors=" + new TreeMap<>(errors))
                    + (samples.isEmpty() ? "" : "\nsample bodies: " + new TreeMap<>(samples));
        }
    }

    // --- verify --------------------------------------------------------------------------------------------

    static int verify(Map<String, String> o) throws Exception {
        var run = o.get("run");
        int conversations = Integer.parseInt(o.getOrDefault("conversations", "20"));
        int count = Integer.parseInt(o.get("count"));
        int expected = conversations + count;
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "300"))).toNanos();
        long started = System.nanoTime();
        try (var db = DriverManager.getConnection(o.get("jdbc"))) {
            Figures f;
            long lastPrint = 0;
            while (true) {
                f = figures(db, run, conversations, count);
                if (f.complete(expected) || System.nanoTime() > deadline) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.out.println("waiting: " + f.line(expected));
                }
                Thread.sleep(500);
            }
            System.out.println("figures: " + f.line(expected) + " waited-s="
                    + String.format("%.1f", (System.nanoTime() - started) / 1e9));
            return f.complete(expected) ? 0 : 1;
        }
    }

    record Figures(int conversations, int stored, int distinctKeys, int unkeyed, int missing, int analysed,
            int duplicateAnalyses, int duplicateCategories, Map<String, Integer> jobs) {

        int duplicates() {
            return stored - distinctKeys + unkeyed;
        }

        boolean complete(int expected) {
            return stored == expected && duplicates() == 0 && missing == 0 && analysed == expected
                    && duplicateAnalyses == 0 && duplicateCategories == 0 && jobs.getOrDefault("done", 0) == expected;
        }

        String line(int expected) {
            return "expected=" + expected + " conversations=" + conversations + " stored=" + stored + " missing=" + missing
                    + " duplicates=" + duplicates() + " analysed=" + analysed + " duplicate-analyses="
                    + duplicateAnalyses + " duplicate-category-rows=" + duplicateCategories + " jobs=" + jobs;
        }
    }

    private static Figures figures(Connection db, String run, int conversations, int count) throws SQLException {
        var like = run + "-%";
        int convs = intQuery(db, """
                select count(distinct conversation_id) from messages where idempotency_key like ? and idempotency_key ~ '-c-[0-9]+$'
                """, like);
        // every message of the run's conversations, keyed or not (an unkeyed one would be a duplicate)
        var rows = new HashMap<String, Integer>();
        int stored = 0;
        int unkeyed = 0;
        try (var s = db.prepareStatement("""
                select m.idempotency_key from messages m
                 where m.conversation_id in (select conversation_id from messages where idempotency_key like ?)
                """)) {
            s.setString(1, like);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    stored++;
                    var k = rs.getString(1);
                    if (k == null) {
                        unkeyed++;
                    } else {
                        rows.merge(k, 1, Integer::sum);
                    }
                }
            }
        }
        int missing = 0;
        for (int i = 0; i < conversations; i++) {
            missing += rows.containsKey(run + "-c-" + i) ? 0 : 1;
        }
        for (int i = 0; i < count; i++) {
            missing += rows.containsKey(run + "-m-" + i) ? 0 : 1;
        }
        // one statement: two would race the running analysis
        int sentimentRows;
        int analysed;
        try (var s = db.prepareStatement("""
                select count(*), count(distinct s.message_id) from sentiment_analysis s join messages m on m.id = s.message_id
                 where m.idempotency_key like ?""")) {
            s.setString(1, like);
            try (var rs = s.executeQuery()) {
                rs.next();
                sentimentRows = rs.getInt(1);
                analysed = rs.getInt(2);
            }
        }
        int duplicateCategories = intQuery(db, """
                select coalesce(sum(n - 1), 0) from (select count(*) n from conversation_categories c
                  join messages m on m.id = c.message_id where m.idempotency_key like ? and c.source = 'model'
                  group by c.message_id, c.category_key having count(*) > 1) d""", like);
        var jobs = new TreeMap<String, Integer>();
        try (var s = db.prepareStatement("""
                select j.status, count(*) from jobs j join messages m on m.id = j.subject_id
                 where j.type = 'analysis' and m.idempotency_key like ? group by j.status""")) {
            s.setString(1, like);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    jobs.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return new Figures(convs, stored, rows.size(), unkeyed, missing, analysed, sentimentRows - analysed,
                duplicateCategories, jobs);
    }

    private static int intQuery(Connection db, String sql, String param) throws SQLException {
        try (var s = db.prepareStatement(sql)) {
            s.setString(1, param);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        var o = new HashMap<String, String>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}

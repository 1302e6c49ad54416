package uk.co.omniops.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's ingestion load test against a running instance on loopback: creates {@code conversations} conversations,
 * then sends {@code requests} message POSTs with at most {@code concurrency} in flight (default: all at once, each on
 * its own virtual thread, released together by a latch) and prints status counts, error rate, latency p50/p95/p99 and
 * throughput. With {@code --jdbc=URL} it then waits until the burst's analysis jobs are done and prints the queue
 * figures (time to drain, lag per message = analysis job done − message stored).
 *
 * <pre>
 * java -cp … uk.co.omniops.bench.IngestLoad --base=http://127.0.0.1:18080 --requests=5000 --concurrency=5000 \
 *      --conversations=500 --keys=dev-techsupport-co-key[,…] [--pause=12] [--jdbc=jdbc:postgresql://…]
 * </pre>
 */
public final class IngestLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        var a = args(args);
        var base = a.getOrDefault("base", "http://127.0.0.1:18080");
        var requests = Integer.parseInt(a.getOrDefault("requests", "5000"));
        var concurrency = Integer.parseInt(a.getOrDefault("concurrency", String.valueOf(requests)));
        var conversations = Integer.parseInt(a.getOrDefault("conversations", "500"));
        var keys = List.of(a.getOrDefault("keys", "dev-techsupport-co-key").split(","));
        var pause = Integer.parseInt(a.getOrDefault("pause", "0"));
        var texts = BenchTexts.load();
        if (!base.startsWith("http://127.0.0.1") && !base.startsWith("http://localhost")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        try (var http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(30)).build()) {
            // 1. conversations to post into (20 at a time; retried on 429 so the set-up never fails)
            var ids = new String[conversations];
            var setup = new Semaphore(20);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < conversations; i++) {
                    var n = i;
                    pool.submit(() -> {
                        setup.acquireUninterruptibly();
                        try {
                            var body = "{\"contact\":{\"name\":\"Load " + n + "\",\"email\":\"load" + n
                                    + "@example.com\"},\"text\":" + JSON.writeValueAsString(texts.get(n % texts.size())) + "}";
                            while (true) {
                                var r = http.send(post(base + "/api/v1/conversations", keys.get(n % keys.size()), body),
                                        HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 201) {
                                    ids[n] = JSON.readTree(r.body()).get("id").asString();
                                    return null;
                                }
                                if (r.statusCode() != 429) {
                                    throw new IllegalStateException("set-up POST: " + r.statusCode() + " " + r.body());
                                }
                                Thread.sleep(1000);
                            }
                        } finally {
                            setup.release();
                        }
                    });
                }
            }
            System.out.printf(Locale.ROOT, "set-up: %d conversations over %d key(s)%n", conversations, keys.size());
            if (pause > 0) {
                System.out.printf("pausing %d s (token buckets refill)%n", pause);
                Thread.sleep(pause * 1000L);
            }

            // 2. the burst
            var statuses = new ConcurrentHashMap<String, AtomicInteger>();
            var errorSamples = new ConcurrentHashMap<String, String>();
            var latencies = new double[requests];
            var created = new ConcurrentHashMap<String, Boolean>();
            var gate = new CountDownLatch(1);
            var bound = new Semaphore(concurrency);
            var burstStart = Instant.now();
            long started;
            long finished;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var ready = new CountDownLatch(requests);
                for (int i = 0; i < requests; i++) {
                    var n = i;
                    pool.submit(() -> {
                        ready.countDown();
                        gate.await();
                        bound.acquireUninterruptibly();
                        var t0 = System.nanoTime();
                        try {
                            var body = "{\"text\":" + JSON.writeValueAsString(texts.get((n * 7 + 3) % texts.size())) + "}";
                            var r = http.send(post(base + "/api/v1/conversations/" + ids[n % conversations] + "/messages",
                                    keys.get(n % keys.size()), body), HttpResponse.BodyHandlers.ofString());
                            latencies[n] = (System.nanoTime() - t0) / 1e6;
                            statuses.computeIfAbsent(String.valueOf(r.statusCode()), s -> new AtomicInteger()).incrementAndGet();
                            if (r.statusCode() == 201) {
                                created.put(JSON.readTree(r.body()).get("id").asString(), true);
                            }
                        } catch (Exception e) {
                            latencies[n] = (System.nanoTime() - t0) / 1e6;
                            statuses.computeIfAbsent(e.getClass().getSimpleName(), s -> new AtomicInteger()).incrementAndGet();
                            errorSamples.putIfAbsent(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                        } finally {
                            bound.release();
                        }
                        return null;
                    });
                }
                ready.await();
                started = System.nanoTime();
                gate.countDown();
            }
            finished = System.nanoTime();
            var seconds = (finished - started) / 1e9;
            var ok = statuses.getOrDefault("201", new AtomicInteger()).get();
            var limited = statuses.getOrDefault("429", new AtomicInteger()).get();
            var errors = requests - ok - limited;
            System.out.println("statuses: " + new TreeMap<>(statuses));
            errorSamples.forEach((type, message) -> System.out.println("  first " + type + ": " + message));
            System.out.printf(Locale.ROOT, "requests=%d concurrency=%d keys=%d wall=%.2f s throughput=%.0f req/s (%.0f accepted/s)%n",
                    requests, concurrency, keys.size(), seconds, requests / seconds, ok / seconds);
            System.out.printf(Locale.ROOT, "accepted=%d (%.2f %%) rate-limited 429=%d (%.2f %%) errors=%d (%.2f %%; budget < 0.5 %%)%n",
                    ok, 100.0 * ok / requests, limited, 100.0 * limited / requests, errors, 100.0 * errors / requests);
            System.out.println("latency all:      " + Stats.of(latencies).format("ms"));
            System.out.printf(Locale.ROOT, "RESULT ingest requests=%d concurrency=%d keys=%d accepted=%d limited=%d errors=%d "
                    + "error_rate_pct=%.3f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f throughput_rps=%.0f%n",
                    requests, concurrency, keys.size(), ok, limited, errors, 100.0 * errors / requests,
                    Stats.of(latencies).p50(), Stats.of(latencies).p95(), Stats.of(latencies).p99(),
                    Stats.of(latencies).max(), requests / seconds);

            // 3. queue: how long until the burst is analysed
            if (a.containsKey("jdbc") && ok > 0) {
                queue(a.get("jdbc"), burstStart, ok, Integer.parseInt(a.getOrDefault("drain-timeout", "900")));
            }
        }
    }

    static void queue(String jdbc, Instant burstStart, int accepted, int timeoutSeconds) throws Exception {
        try (var db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            var deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            long maxPending = 0;
            long lastPending = -1;
            long progressAt = System.nanoTime();
            while (true) {
                long pending;
                try (var st = db.prepareStatement("""
                        select count(*) from messages m left join jobs j on j.type = 'analysis' and j.subject_id = m.id
                        where m.created_at >= ? and m.author_type = 'contact' and (j.status is null or j.status <> 'done')""")) {
                    st.setObject(1, java.sql.Timestamp.from(burstStart));
                    var rs = st.executeQuery();
                    rs.next();
                    pending = rs.getLong(1);
                }
                maxPending = Math.max(maxPending, pending);
                if (pending != lastPending) {
                    lastPending = pending;
                    progressAt = System.nanoTime();
                }
                var stalled = System.nanoTime() - progressAt > 60_000_000_000L;
                if (pending == 0 || stalled || System.nanoTime() > deadline) {
                    if (pending > 0) {
                        System.out.println("queue NOT drained: " + pending + " accepted message(s) without a finished "
                                + "analysis job " + (stalled ? "and no progress for 60 s" : "after " + timeoutSeconds + " s")
                                + " (never analysed until a restart republishes their events)");
                    }
                    break;
                }
                Thread.sleep(500);
            }
            try (var st = db.prepareStatement("""
                    select extract(epoch from (j.updated_at - m.created_at)) * 1000,
                           extract(epoch from (j.updated_at - ?::timestamptz)) * 1000
                    from messages m join jobs j on j.type = 'analysis' and j.subject_id = m.id
                    where m.created_at >= ? and m.author_type = 'contact' and j.status = 'done'""")) {
                st.setObject(1, java.sql.Timestamp.from(burstStart));
                st.setObject(2, java.sql.Timestamp.from(burstStart));
                var rs = st.executeQuery();
                var lags = new ArrayList<Double>();
                double drained = 0;
                while (rs.next()) {
                    lags.add(rs.getDouble(1));
                    drained = Math.max(drained, rs.getDouble(2));
                }
                var s = Stats.of(lags.stream().mapToDouble(Double::doubleValue).toArray());
                System.out.println("queue lag (message stored -> analysis job done): " + s.format("ms"));
                System.out.printf(Locale.ROOT, "RESULT queue accepted=%d analysed=%d not_analysed=%d drained_after_s=%.1f lag_p50_s=%.2f "
                        + "lag_p95_s=%.2f lag_max_s=%.2f budget_s=30 ratio_max_to_budget=%.2f%n", accepted, s.n(), lastPending,
                        drained / 1000, s.p50() / 1000, s.p95() / 1000, s.max() / 1000, s.max() / 1000 / 30);
            }
        }
    }

    static HttpRequest post(String url, String key, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static Map<String, String> args(String[] args) {
        var map = new java.util.HashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
            var eq = arg.indexOf('=');
            map.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        return map;
    }
}

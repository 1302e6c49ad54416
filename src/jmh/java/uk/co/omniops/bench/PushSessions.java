package uk.co.omniops.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vaadin capacity with protocol-level clients: how many pushed agent sessions one instance holds, beyond the few dozen
 * a browser per session allows on this machine ({@link Sessions}). Each client does what the agent's browser does on
 * the wire, and nothing else: signs in through the login form, opens {@code inbox/<conversation>} (the bootstrap
 * request, then the {@code ui-navigate} event the router reacts to), asks the inbox grid for its first 50 rows (the
 * grid's own {@code setViewportRange} call), connects the push websocket and reads every push, and sends the UI
 * heartbeat every 5 minutes. Agents of the three demo customers in turn; every {@code per-conversation} sessions
 * (default 5: the agent working it and colleagues or a supervisor looking in) have the same conversation open, so
 * 2,000 sessions show 400 conversations. Every open inbox re-reads its list after each live update of its customer;
 * an open conversation redraws after updates about it.
 *
 * <p>After each step: the application's used heap after two full GCs ({@code jcmd}); then one message is posted to
 * each of up to 20 open conversations at once and the time until every session showing one has received a push
 * carrying its text is taken (p50/p95/max, and how many got it within 60 s); then one more session is signed in and
 * opened, timed. A step whose sessions do not all get their message, or whose sign-in fails, is where the instance
 * stops holding.
 *
 * <pre>
 * java -cp … uk.co.omniops.bench.PushSessions --base=http://127.0.0.1:18080 --pid=1234 --steps=1,100,250,500 [--heap-mb=1024]
 *     [--open-concurrency=8] [--per-conversation=5]
 * </pre>
 */
public final class PushSessions {

    private static final List<String> SLUGS = List.of("techsupport-co", "thompson-engineering", "fooddelivery-inc");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        var a = IngestLoad.args(args);
        var base = a.getOrDefault("base", "http://127.0.0.1:18080");
        var pid = a.get("pid");
        var heapMb = Double.parseDouble(a.getOrDefault("heap-mb", "1024"));
        var openConcurrency = Integer.parseInt(a.getOrDefault("open-concurrency", "8"));
        var perConversation = Integer.parseInt(a.getOrDefault("per-conversation", "5"));
        var steps = Arrays.stream(a.getOrDefault("steps", "1,100,250,500").split(",")).mapToInt(Integer::parseInt).toArray();
        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
        var conversations = new ArrayList<String>();
        var sessions = new ArrayList<Agent>();
        var heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        heartbeats.scheduleAtFixedRate(() -> sessions.stream().toList().forEach(Agent::heartbeat), 240, 240,
                TimeUnit.SECONDS);
        var used = new double[steps.length];
        var held = new int[steps.length];
        for (int s = 0; s < steps.length; s++) {
            var started = System.nanoTime();
            while (conversations.size() * perConversation < steps[s] + 1) {
                var slug = SLUGS.get(conversations.size() % 3);
                conversations.add(startConversation(http, base, slug, "Push capacity " + conversations.size()));
            }
            var opened = openMore(http, base, conversations, perConversation, sessions.size(), steps[s] - sessions.size(),
                    openConcurrency);
            synchronized (sessions) {
                sessions.addAll(opened);
            }
            var opening = (System.nanoTime() - started) / 1e9;
            Thread.sleep(5000);
            used[s] = Sessions.usedHeapMb(pid);
            held[s] = sessions.size();
            var fanOut = fanOut(http, base, sessions);
            var probe = probe(http, base, conversations.getFirst());
            var alive = sessions.stream().filter(Agent::connected).count();
            var pushes = sessions.stream().mapToLong(x -> x.messages.get()).sum();
            var bytes = sessions.stream().mapToLong(x -> x.chars.get()).sum();
            System.out.printf(Locale.ROOT, "sessions=%d open=%d opened_in=%.0f_s used_heap_after_gc=%.1f_MB "
                    + "pushes_so_far=%d (%.1f MB) live_message_reached=%s sign_in_and_open_one_more=%s%n",
                    sessions.size(), alive, opening, used[s], pushes, bytes / 1e6, fanOut, probe);
        }
        var last = steps.length - 1;
        // per session opened, not per session asked for: past the instance's limit of open views some are refused
        var perSession = (used[last] - used[0]) / (held[last] - held[0]);
        System.out.printf(Locale.ROOT, "RESULT sessions=%d of %d heap_first_mb=%.1f heap_last_mb=%.1f per_session_kb=%.0f "
                + "capacity_at_%.0f_mb_by_heap=%.0f%n", held[last], steps[last], used[0], used[last], perSession * 1024, heapMb,
                (heapMb * 0.7 - used[0]) / perSession);
        sessions.forEach(Agent::close);
        System.exit(0);
    }

    /** One more agent signs in and opens a conversation: the time it took, or why it could not. */
    private static String probe(HttpClient http, String base, String conversation) {
        var started = System.nanoTime();
        var probe = new Agent(http, base, "agent@" + SLUGS.getFirst(), conversation);
        try {
            probe.open();
            return String.format(Locale.ROOT, "%.0f_ms", (System.nanoTime() - started) / 1e6);
        } catch (Exception e) {
            return String.format(Locale.ROOT, "failed_after_%.0f_ms(%s)", (System.nanoTime() - started) / 1e6,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace(' ', '_'));
        } finally {
            probe.close();
        }
    }

    /**
     * Starts a conversation through the ingestion API; while sessions are opening the database pool can be exhausted,
     * which the API answers with 503 or 429 and Retry-After: those are waited out (≤ 20 tries), anything else fails.
     */
    private static String startConversation(HttpClient http, String base, String slug, String name) throws Exception {
        for (int attempt = 1; ; attempt++) {
            var r = EndToEnd.startRequest(http, base, "dev-" + slug + "-key", name,
                    "Hello, my order has not arrived yet and I need it by Friday");
            if (r.statusCode() == 201) {
                return JSON.readTree(r.body()).get("id").asString();
            }
            if ((r.statusCode() != 503 && r.statusCode() != 429) || attempt == 20) {
                throw new IllegalStateException("start conversation: " + r.statusCode() + " " + r.body());
            }
            var wait = r.headers().firstValueAsLong("Retry-After").orElse(2);
            System.out.println("start conversation: " + r.statusCode() + ", retrying in " + wait + " s");
            Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, wait)));
        }
    }

    private static List<Agent> openMore(HttpClient http, String base, List<String> conversations, int perConversation,
            int from, int count, int concurrency) throws Exception {
        var opened = new ConcurrentHashMap<Integer, Agent>();
        var failures = new AtomicLong();
        try (var pool = Executors.newFixedThreadPool(concurrency)) {
            for (int i = from; i < from + count; i++) {
                var n = i;
                pool.submit(() -> {
                    var c = n / perConversation;
                    var agent = new Agent(http, base, "agent@" + SLUGS.get(c % 3), conversations.get(c));
                    try {
                        agent.open();
                        opened.put(n, agent);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.out.println("session " + n + " failed to open: " + e);
                        }
                    }
                });
            }
        }
        if (failures.get() > 0) {
            System.out.println(failures.get() + " of " + count + " sessions failed to open");
        }
        return opened.values().stream().toList();
    }

    /**
     * Posts one message to each of up to 20 open conversations (spread over all sessions and customers) and waits
     * (≤ 60 s) until every session showing one got it pushed.
     */
    private static String fanOut(HttpClient http, String base, List<Agent> sessions) throws Exception {
        var open = sessions.stream().map(s -> s.conversation).distinct().toList();
        var step = Math.max(1, open.size() / 20);
        var chosen = new ArrayList<String>();
        for (int i = 0; i < open.size() && chosen.size() < 20; i += step) {
            chosen.add(open.get(i));
        }
        var watching = sessions.stream().filter(s -> chosen.contains(s.conversation)).toList();
        var tokens = new java.util.HashMap<String, String>();
        for (var c : chosen) {
            tokens.put(c, "fan-out check " + System.nanoTime());
        }
        watching.forEach(s -> s.expect(tokens.get(s.conversation)));
        var sent = System.nanoTime();
        var failed = new AtomicLong();
        try (var posts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var c : chosen) {
                var key = "dev-" + SLUGS.get(sessions.stream().filter(s -> s.conversation.equals(c)).findFirst()
                        .orElseThrow().slug()) + "-key";
                posts.submit(() -> {
                    var r = http.send(IngestLoad.post(base + "/api/v1/conversations/" + c + "/messages", key,
                            "{\"text\":" + JSON.writeValueAsString(tokens.get(c)) + "}"), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        failed.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        var deadline = sent + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && watching.stream().anyMatch(s -> s.seenAt == 0)) {
            Thread.sleep(50);
        }
        var ms = Stats.of(watching.stream().filter(s -> s.seenAt > 0).mapToDouble(s -> (s.seenAt - sent) / 1e6).toArray());
        return String.format(Locale.ROOT, "%d/%d_sessions_in_%d_conversations_p50=%.0f_ms_p95=%.0f_ms_max=%.0f_ms%s",
                ms.n(), watching.size(), chosen.size(), ms.p50(), ms.p95(), ms.max(),
                failed.get() == 0 ? "" : "_failed_posts=" + failed.get());
    }

    /** One agent's browser, on the wire: its session cookie, its UI (id 0 in its session) and push connection. */
    static final class Agent implements WebSocket.Listener {

        private final HttpClient http;
        private final String base;
        private final String user;
        final String conversation;
        private volatile String cookie = "";
        private String securityKey;
        private volatile WebSocket push;
        private final StringBuilder partial = new StringBuilder();
        final AtomicLong messages = new AtomicLong();
        final AtomicLong chars = new AtomicLong();
        private volatile String expected;
        volatile long seenAt;

        Agent(HttpClient http, String base, String user, String conversation) {
            this.http = http;
            this.base = base;
            this.user = user;
            this.conversation = conversation;
        }

        void open() throws Exception {
            var login = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET(), 200);
            var csrf = CSRF.matcher(login.body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the login page");
            }
            var form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo&_csrf="
                    + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            var signedIn = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)), 302);
            var next = signedIn.headers().firstValue("Location").orElse("");
            if (next.contains("unavailable")) {
                throw new IllegalStateException("sign-in unavailable (database) for " + user);
            }
            if (next.contains("error")) {
                throw new IllegalStateException("sign-in refused for " + user);
            }
            var route = "inbox/" + conversation;
            var init = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/?v-r=init&location="
                    + URLEncoder.encode(route, StandardCharsets.UTF_8) + "&query=")).GET(), 200).body());
            var uidl = init.path("appConfig").path("uidl");
            securityKey = uidl.path("Vaadin-Security-Key").asString();
            var pushId = uidl.path("Vaadin-Push-ID").asString();
            var navigated = uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":"
                    + JSON.writeValueAsString(route) + ",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},"
                    + "\"trigger\":\"\"}}", 0, 0);
            if (!navigated.toString().contains("my order has not arrived yet")) {
                throw new IllegalStateException("the conversation did not open for " + user);
            }
            var grid = nodeWithTag(navigated, "vaadin-grid");
            uidl("{\"type\":\"publishedEventHandler\",\"node\":" + grid + ",\"templateEventMethodName\":\"setViewportRange\","
                    + "\"templateEventMethodArgs\":[0,50],\"promise\":0}", navigated.path("syncId").asInt(),
                    navigated.path("clientId").asInt());
            push = http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/VAADIN/push?v-r=push&v-uiId=0&v-pushId="
                            + pushId + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript"
                            + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
                            + "&Content-Type=application/json;%20charset=UTF-8&X-atmo-protocol=true"), this)
                    .get(60, TimeUnit.SECONDS);
        }

        private JsonNode uidl(String rpc, int syncId, int clientId) throws Exception {
            var body = "{\"csrfToken\":\"" + securityKey + "\",\"rpc\":[" + rpc + "],\"syncId\":" + syncId
                    + ",\"clientId\":" + clientId + "}";
            var text = send(HttpRequest.newBuilder(URI.create(base + "/?v-r=uidl&v-uiId=0"))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), 200).body();
            var json = JSON.readTree(text.replaceFirst("^for\\(;;\\);", ""));
            return json.isArray() ? json.get(0) : json;
        }

        private static int nodeWithTag(JsonNode uidl, String tag) {
            for (var change : uidl.path("changes")) {
                if ("tag".equals(change.path("key").asString("")) && tag.equals(change.path("value").asString(""))) {
                    return change.path("node").asInt();
                }
            }
            throw new IllegalStateException("no " + tag + " in the view");
        }

        private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
            if (!cookie.isEmpty()) {
                request.header("Cookie", cookie);
            }
            var response = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                    .filter(c -> c.startsWith("JSESSIONID=")).findFirst().ifPresent(c -> cookie = c);
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode());
            }
            return response;
        }

        void heartbeat() {
            try {
                send(HttpRequest.newBuilder(URI.create(base + "/?v-r=heartbeat&v-uiId=0"))
                        .POST(HttpRequest.BodyPublishers.noBody()), 200);
            } catch (Exception e) {
                System.out.println("heartbeat failed for " + user + ": " + e);
            }
        }

        int slug() {
            return SLUGS.indexOf(user.substring(user.indexOf('@') + 1));
        }

        void expect(String text) {
            seenAt = 0;
            expected = text;
        }

        boolean connected() {
            return push != null && !push.isInputClosed();
        }

        void close() {
            if (push != null) {
                push.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            chars.addAndGet(data.length());
            partial.append(data);
            if (last) {
                messages.incrementAndGet();
                var want = expected;
                if (want != null && seenAt == 0 && partial.indexOf(want) >= 0) {
                    seenAt = System.nanoTime();
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}

package uk.co.omniops.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;

import uk.co.omniops.test.Browser;

/**
 * Vaadin capacity: opens agent sessions step by step (one browser context each = one HTTP session with its own UI and
 * push connection; agents of the three demo customers in turn, each with a conversation open in the inbox), keeps
 * them all open, and after each step measures the application's used heap after a full GC ({@code jcmd PID GC.run},
 * then {@code GC.heap_info}). Heap per session = slope between the first and the last step; capacity of a heap of
 * {@code heap-mb} = (heap-mb × 0.7 − used at the first step) / per session (30 % head-room for garbage between
 * collections and bursts).
 *
 * <pre>
 * java -cp … uk.co.omniops.bench.Sessions --base=http://127.0.0.1:18080 --pid=1234 --steps=1,10,25,50 [--heap-mb=1024]
 * </pre>
 */
public final class Sessions {

    private static final List<String> SLUGS = List.of("techsupport-co", "thompson-engineering", "fooddelivery-inc");

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // Playwright's threads would keep the JVM alive
        }
        System.exit(0);
    }

    static void measure(String[] args) throws Exception {
        var a = IngestLoad.args(args);
        var base = a.getOrDefault("base", "http://127.0.0.1:18080");
        var pid = a.get("pid");
        var heapMb = Double.parseDouble(a.getOrDefault("heap-mb", "1024"));
        var steps = java.util.Arrays.stream(a.getOrDefault("steps", "1,10,25,50").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        var conversations = new ArrayList<String>();
        try (var http = HttpClient.newHttpClient()) {
            for (var slug : SLUGS) {
                conversations.add(EndToEnd.start(http, base, "dev-" + slug + "-key", "Capacity " + slug,
                        "Hello, my order has not arrived yet and I need it by Friday"));
            }
        }
        var contexts = new ArrayList<BrowserContext>();
        var used = new double[steps.length];
        for (int s = 0; s < steps.length; s++) {
            var started = System.nanoTime();
            while (contexts.size() < steps[s]) {
                var i = contexts.size();
                var context = Browser.newContext();
                context.setDefaultTimeout(180_000); // page loads on a saturated shared machine
                var page = context.newPage();
                Browser.signIn(page, base, "agent@" + SLUGS.get(i % 3), "demo");
                page.waitForURL(url -> url.contains("/inbox"));
                page.navigate(base + "/inbox/" + conversations.get(i % 3));
                page.waitForSelector(".omniops-msg[data-message-id]");
                contexts.add(context);
            }
            var opening = (System.nanoTime() - started) / 1e9;
            Thread.sleep(5000); // let pushes settle
            used[s] = usedHeapMb(pid);
            System.out.printf(Locale.ROOT, "sessions=%d used heap after GC=%.1f MB (opened in %.0f s)%n", steps[s], used[s],
                    opening);
        }
        var last = steps.length - 1;
        var perSession = (used[last] - used[0]) / (steps[last] - steps[0]);
        var capacity = (heapMb * 0.7 - used[0]) / perSession;
        // responsiveness with all sessions open: one more page load, timed
        var t0 = System.nanoTime();
        var probe = Browser.newContext();
        probe.setDefaultTimeout(180_000);
        var page = probe.newPage();
        Browser.signIn(page, base, "agent@techsupport-co", "demo");
        page.waitForURL(url -> url.contains("/inbox"));
        page.navigate(base + "/inbox/" + conversations.get(0));
        page.waitForSelector(".omniops-msg[data-message-id]");
        var probeMs = (System.nanoTime() - t0) / 1e6;
        probe.close();
        System.out.printf(Locale.ROOT, "RESULT sessions open=%d heap_first_mb=%.1f heap_last_mb=%.1f per_session_kb=%.0f "
                + "capacity_at_%.0f_mb=%.0f sign_in_and_open_ms_with_all_open=%.0f%n", steps[last], used[0], used[last],
                perSession * 1024, heapMb, capacity, probeMs);
        for (var c : contexts) {
            c.close();
        }
        System.exit(0);
    }

    static double usedHeapMb(String pid) throws Exception {
        var jcmd = System.getProperty("java.home") + "/bin/jcmd";
        run(jcmd, pid, "GC.run");
        run(jcmd, pid, "GC.run");
        var info = run(jcmd, pid, "GC.heap_info");
        var m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    static String run(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
        return out;
    }
}

package uk.co.omniops.bench;

import java.sql.DriverManager;
import java.util.Locale;

/**
 * Puts {@code messages} unanalysed contact messages (the project's realistic texts, in turn) into a running instance's
 * PostgreSQL as the owner, as an import or a migration from another system would leave them: resolved conversations
 * of the last two days, {@code per-conversation} messages each, over the three demo customers; then, with
 * {@code --watch}, polls the backfill's {@code analysis-backfill} jobs (one per conversation) and prints the queue:
 * done, pending, age of the oldest pending job, and the messages analysed since the watch began and their rate;
 * {@code --expect=N} stops once N messages are analysed.
 *
 * <pre>
 * java -cp … uk.co.omniops.bench.BackfillData --jdbc=jdbc:postgresql://127.0.0.1:25432/postgres --messages=1000000
 * java -cp … uk.co.omniops.bench.BackfillData --jdbc=… --watch --seconds=600 --expect=1000000
 * </pre>
 */
public final class BackfillData {

    public static void main(String[] args) throws Exception {
        var a = IngestLoad.args(args);
        var jdbc = a.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:25432/postgres");
        try (var db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            if (a.containsKey("watch")) {
                watch(db, Integer.parseInt(a.getOrDefault("seconds", "600")), Integer.parseInt(a.getOrDefault("every", "15")),
                        Long.parseLong(a.getOrDefault("expect", "0")));
                return;
            }
            var messages = Integer.parseInt(a.getOrDefault("messages", "1000000"));
            var perConversation = Integer.parseInt(a.getOrDefault("per-conversation", "20"));
            var conversations = messages / perConversation;
            // resolved (an import of closed history) or open (conversations still being worked: the live path)
            var status = a.getOrDefault("status", "resolved");
            if (!status.equals("open") && !status.equals("resolved")) {
                throw new IllegalArgumentException("--status must be open or resolved, not " + status);
            }
            var open = status.equals("open");
            var texts = BenchTexts.load();
            var t0 = System.nanoTime();
            try (var st = db.createStatement()) {
                st.execute("create table if not exists bench_texts (i int primary key, t text not null)");
                st.execute("truncate bench_texts");
            }
            try (var ps = db.prepareStatement("insert into bench_texts values (?, ?)")) {
                for (int i = 0; i < texts.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, texts.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (var st = db.createStatement()) {
                st.execute("""
                        create temp table bench_conv as
                        select gen_random_uuid() as conv, gen_random_uuid() as contact, c.id as customer, g as n
                        from generate_series(1, %d) g
                        join (select id, row_number() over (order by slug) - 1 as k from customers
                              where slug in ('techsupport-co', 'thompson-engineering', 'fooddelivery-inc')) c on c.k = g %% 3
                        """.formatted(conversations));
                st.execute("""
                        insert into contacts (id, customer_id, name, email, created_at)
                        select contact, customer, 'Backfill ' || n, 'backfill' || n || '@example.com', now() - interval '2 days'
                        from bench_conv""");
                st.execute("""
                        insert into conversations (id, customer_id, contact_id, subject, status, message_count, created_at,
                                                   updated_at, resolved_at)
                        select conv, customer, contact, 'backfill-bench', '%s', %d, now() - interval '2 days',
                               now() - interval '1 day', %s
                        from bench_conv""".formatted(open ? "open" : "resolved", perConversation,
                        open ? "null" : "now() - interval '1 day'"));
                var count = (long) st.executeUpdate("""
                        insert into messages (id, customer_id, conversation_id, author_type, text, created_at)
                        select gen_random_uuid(), b.customer, b.conv, 'contact', t.t,
                               now() - interval '2 days' + (b.n * %d + g) * interval '100 ms'
                        from bench_conv b cross join generate_series(1, %d) g
                        join bench_texts t on t.i = (b.n * 31 + g * 7) %% %d""".formatted(perConversation, perConversation,
                        texts.size()));
                st.execute("analyze messages");
                st.execute("analyze conversations");
                System.out.printf(Locale.ROOT, "inserted %d contact messages in %d %s conversations in %.1f s%n", count,
                        conversations, open ? "open" : "resolved", (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** Sentiment rows: every analysed contact message has one (the demo customers have sentiment analysis on). */
    private static long analysedMessages(java.sql.Connection db) throws java.sql.SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery("select count(*) from sentiment_analysis")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void watch(java.sql.Connection db, int seconds, int every, long expect) throws Exception {
        var start = System.nanoTime();
        var analysedBefore = analysedMessages(db);
        long lastAnalysed = 0;
        long lastAt = start;
        var liveWorst = 0.0;
        while (true) {
            long queued;
            long done;
            long total;
            try (var st = db.createStatement(); var rs = st.executeQuery("""
                    select count(*) filter (where status = 'done'), count(*) filter (where status <> 'done'), count(*)
                    from jobs where type = 'analysis-backfill'""")) {
                rs.next();
                done = rs.getLong(1);
                queued = rs.getLong(2);
                total = rs.getLong(3);
            }
            double lagSeconds;
            try (var st = db.createStatement(); var rs = st.executeQuery("""
                    select coalesce(extract(epoch from now() - min(created_at)), 0) from jobs
                    where type = 'analysis-backfill' and status in ('queued', 'running', 'failed')""")) {
                rs.next();
                lagSeconds = rs.getDouble(1);
            }
            // live traffic meanwhile (LIVE_PER_MINUTE in bench/backfill.sh): its jobs' waits in this window
            long liveDone;
            double liveMax;
            double liveOldestPending;
            try (var st = db.prepareStatement("""
                    select count(*) filter (where status = 'done' and updated_at > now() - make_interval(secs => ?)),
                           coalesce(max(extract(epoch from updated_at - created_at))
                                    filter (where status = 'done' and updated_at > now() - make_interval(secs => ?)), 0),
                           coalesce(extract(epoch from now() - min(created_at) filter (where status <> 'done')), 0)
                    from jobs where type = 'analysis'""")) {
                st.setDouble(1, every);
                st.setDouble(2, every);
                var rs = st.executeQuery();
                rs.next();
                liveDone = rs.getLong(1);
                liveMax = rs.getDouble(2);
                liveOldestPending = rs.getDouble(3);
            }
            liveWorst = Math.max(liveWorst, Math.max(liveMax, liveOldestPending));
            var analysed = analysedMessages(db) - analysedBefore;
            var now = System.nanoTime();
            var rate = (analysed - lastAnalysed) / ((now - lastAt) / 1e9);
            System.out.printf(Locale.ROOT, "t=%4.0f s backfill jobs=%d done=%d pending=%d oldest pending=%.0f s"
                            + " messages analysed=%d rate=%.0f/s | live analysed=%d max wait=%.2f s oldest pending=%.2f s%n",
                    (now - start) / 1e9, total, done, queued, lagSeconds, analysed, rate, liveDone, liveMax, liveOldestPending);
            lastAnalysed = analysed;
            lastAt = now;
            var finished = expect > 0 ? analysed >= expect : total > 0 && queued == 0;
            if (finished || now - start > seconds * 1_000_000_000L) {
                System.out.printf(Locale.ROOT, "RESULT backfill_watch seconds=%.0f jobs=%d done=%d pending=%d messages_analysed=%d"
                        + " live_worst_wait_s=%.2f%n", (now - start) / 1e9, total, done, queued, analysed, liveWorst);
                return;
            }
            Thread.sleep(every * 1000L);
        }
    }
}

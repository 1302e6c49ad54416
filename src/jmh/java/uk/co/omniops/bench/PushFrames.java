package uk.co.omniops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a tab's push frames carried: the bytes of every state-tree change attributed to the nearest element with an id
 * (nodes created before the websocket opened are known by their node number only), and the bytes of every JavaScript
 * call by its script. Input: the dump {@code bench/end-to-end.sh} writes with
 * {@code E2E_OPTS=--frames E2E_JAVA_OPTS=-De2e.frames-dump=/tmp/frames.json} (a JSON array of the first tab's frames).
 * <pre>
 * java -cp "$CP" uk.co.omniops.bench.PushFrames /tmp/frames.json
 * </pre>
 */
public final class PushFrames {

    private static final Pattern LENGTH_PREFIX = Pattern.compile("^\\d+\\|");

    public static void main(String[] args) throws Exception {
        var json = new ObjectMapper();
        var frames = json.readTree(Files.readString(Path.of(args[0])));
        var parent = new HashMap<Integer, Integer>();
        var id = new HashMap<Integer, String>();
        var bytes = new HashMap<String, Long>();
        long total = 0;
        for (var frame : frames) {
            var text = LENGTH_PREFIX.matcher(frame.asString()).replaceFirst("");
            total += text.length();
            if (text.startsWith("for(;;);")) {
                text = text.substring(8);
            }
            JsonNode message;
            try {
                message = json.readTree(text);
            } catch (RuntimeException e) {
                continue; // a fragment of a frame split by the transport
            }
            if (message.isArray()) {
                message = message.get(0);
            }
            var changes = message.path("changes");
            for (var c : changes) {
                var node = c.path("node").asInt();
                if ("splice".equals(c.path("type").asString(""))) {
                    c.path("addNodes").forEach(added -> parent.put(added.asInt(), node));
                }
                if ("put".equals(c.path("type").asString("")) && "id".equals(c.path("key").asString(""))) {
                    id.put(node, c.path("value").asString(""));
                }
            }
            for (var c : changes) {
                bytes.merge(label(c.path("node").asInt(), parent, id), (long) c.toString().length(), Long::sum);
            }
            for (var call : message.path("execute")) {
                var script = call.get(call.size() - 1).asString("?");
                bytes.merge("js: " + script.substring(0, Math.min(50, script.length())), (long) call.toString().length(),
                        Long::sum);
            }
        }
        System.out.printf("%d frames, %,d KB%n", frames.size(), total / 1024);
        var all = total;
        bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> System.out.printf("%,8d KB %5.1f %%  %s%n", e.getValue() / 1024,
                        100.0 * e.getValue() / all, e.getKey()));
    }

    /** The nearest ancestor's id, or the topmost known node's number. */
    private static String label(int node, Map<Integer, Integer> parent, Map<Integer, String> id) {
        var n = node;
        for (int depth = 0; depth < 200; depth++) {
            if (id.containsKey(n)) {
                return "#" + id.get(n);
            }
            var p = parent.get(n);
            if (p == null) {
                return "node " + n + " (created before the frames)";
            }
            n = p;
        }
        return "?";
    }
}

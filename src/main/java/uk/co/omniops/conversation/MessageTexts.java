package uk.co.omniops.conversation;

import org.jspecify.annotations.Nullable;

/** The input rules of {@link MessageRejected}: checked before anything is stored, never truncated. */
final class MessageTexts {

    static final int MAX_TEXT = 10_000;
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_KEY = 255;

    private MessageTexts() {}

    /** @return the text trimmed, with CRLF line ends as LF */
    static String text(@Nullable String raw) {
        if (raw == null) {
            throw new MessageRejected("text is required");
        }
        var text = raw.replace("\r\n", "\n").strip();
        if (text.isEmpty()) {
            throw new MessageRejected("text must not be empty or only whitespace");
        }
        checkCharacters("text", text);
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new MessageRejected("text is longer than 10,000 characters");
        }
        return text;
    }

    static String name(@Nullable String raw) {
        var name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new MessageRejected("contact name is required");
        }
        if (name.length() > MAX_NAME) {
            throw new MessageRejected("contact name is longer than " + MAX_NAME + " characters");
        }
        checkSingleLine("contact name", name);
        return name;
    }

    static @Nullable String email(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var email = raw.strip();
        if (email.length() > MAX_EMAIL || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new MessageRejected("contact email is not a valid e-mail address");
        }
        return email;
    }

    static @Nullable String phone(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var phone = raw.strip();
        if (phone.length() > 40 || !phone.matches("[0-9+()./ -]+")) {
            throw new MessageRejected("contact phone is not a valid phone number");
        }
        return phone;
    }

    static String channel(@Nullable String raw) {
        var channel = raw == null || raw.isBlank() ? "api" : raw.strip().toLowerCase();
        if (!channel.matches("[a-z0-9_-]{1,32}")) {
            throw new MessageRejected("channel must be 1 to 32 letters, digits, '-' or '_' (e.g. chat, email)");
        }
        return channel;
    }

    static @Nullable String idempotencyKey(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank() || raw.length() > MAX_KEY || !raw.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new MessageRejected("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return raw;
    }

    private static void checkCharacters(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new MessageRejected(field + " is not valid Unicode (unpaired surrogate)");
            } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new MessageRejected(field
                        + " contains a control character (U+%04X); only newline and tab are allowed"
                                .formatted((int) c));
            }
        }
    }

    private static void checkSingleLine(String field, String text) {
        checkCharacters(field, text);
        if (text.indexOf('\n') >= 0 || text.indexOf('\t') >= 0) {
            throw new MessageRejected(field + " must be a single line");
        }
    }
}

package uk.co.omniops.conversation;

/**
 * Links into the conversation module's pages, for other modules' views (e.g. the escalation queue opening a
 * conversation). Paths are relative to the application root, ready for {@code UI.navigate(String)} or an
 * {@code Anchor}.
 */
public final class ConversationNavigation {

    private ConversationNavigation() {}

    /** The agent's inbox without a conversation open. */
    public static String inbox() {
        return "inbox";
    }

    /** The inbox with one conversation open. */
    public static String conversation(ConversationId id) {
        return "inbox/" + id.value();
    }

    /** The public chat page where a contact writes to a customer. */
    public static String chat(String customerSlug) {
        return "chat/" + customerSlug;
    }
}

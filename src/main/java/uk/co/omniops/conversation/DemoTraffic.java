package uk.co.omniops.conversation;

/**
 * The demo chat simulator's switch, for the workspace's supervisor toolbar: on/off and the rate live in memory on
 * this replica only.
 */
public interface DemoTraffic {

    boolean isEnabled();

    void setEnabled(boolean enabled);

    int messagesPerMinute();

    /** 1–600 messages per minute across all demo customers. */
    void setMessagesPerMinute(int messagesPerMinute);
}

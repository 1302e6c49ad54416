package uk.co.omniops.conversation.internal.simulator;

/** What a simulated conversation is about. */
public enum Topic {
    BILLING, DELIVERY, TECHNICAL, REFUND, COMPLAINT, PRAISE, ACCOUNT, CANCELLATION
}

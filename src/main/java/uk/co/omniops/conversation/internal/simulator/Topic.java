package uk.co.omniops.conversation.internal.simulator;

/** What a simulated conversation is about. */
enum Topic {
    BILLING,
    DELIVERY,
    TECHNICAL,
    REFUND,
    COMPLAINT,
    PRAISE,
    ACCOUNT,
    CANCELLATION
}

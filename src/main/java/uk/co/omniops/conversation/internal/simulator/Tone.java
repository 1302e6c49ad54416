package uk.co.omniops.conversation.internal.simulator;

/** How the simulated contact feels. */
public enum Tone {
    CALM,
    ANGRY
}

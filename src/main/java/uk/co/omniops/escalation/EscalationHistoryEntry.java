package uk.co.omniops.escalation;

import java.time.Instant;

/**
 * One line of an escalation's history, oldest first.
 *
 * @param kind {@code opened}, {@code matched}, {@code acknowledged}, {@code assigned}, {@code resolved},
 *     {@code action}, {@code notification}, {@code notification-failed}
 */
public record EscalationHistoryEntry(Instant at, String kind, String text) {}

/**
 * Auto-escalation: per-customer rules, escalation events, the supervisor queue and notifications (Slack, email, PagerDuty). Consumes MessageAnalysed and PredictionUpdated; publishes ConversationEscalated and EscalationResolved.
 */
@NullMarked
package uk.co.omniops.escalation;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-escalation: per-customer rules, escalation events, the supervisor queue and notifications (Slack, email, PagerDuty). Consumes MessageAnalysed (in the analysis' transaction, after the prediction of the same message) and ConversationResolved (closes the conversation's open escalation); publishes ConversationEscalated (read by the prediction module as its training label).
 */
@NullMarked
package uk.co.omniops.escalation;

import org.jspecify.annotations.NullMarked;

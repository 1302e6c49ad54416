/**
 * Auto-escalation: per-customer rules, escalation events, the supervisor queue and notifications (Slack, email, PagerDuty). Consumes MessagesAnalysed (the analysis' batch, in its transaction, after the prediction module stored the batch's predictions; the rules of the whole batch write at its end in a few batched statements) and ConversationResolved (closes the conversation's open escalation); publishes ConversationEscalated (read by the prediction module as its training label).
 */
@NullMarked
package uk.co.omniops.escalation;

import org.jspecify.annotations.NullMarked;

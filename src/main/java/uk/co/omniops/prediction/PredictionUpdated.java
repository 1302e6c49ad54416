package uk.co.omniops.prediction;

import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.tenancy.CustomerId;

/** A conversation's prediction was recomputed (published in the same transaction as the stored row). */
public record PredictionUpdated(ConversationId conversationId, CustomerId customerId, Prediction prediction) {}

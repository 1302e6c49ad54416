/**
 * In-process NLP: sentiment, categories, PII redaction; model training, per-customer adaptation from agents' corrections, and evaluation; the sentence vectors of analysed contact messages ({@code message_embeddings}) and the similar resolved conversations found with them (docs/decisions/018). Consumes MessageReceived and ConversationResolved (the similar-conversation index); publishes MessageAnalysed.
 */
@NullMarked
package uk.co.omniops.analysis;

import org.jspecify.annotations.NullMarked;

/**
 * In-process NLP: sentiment, categories, PII redaction; the one gateway to external AI models ({@code AiGateway}:
 * timeout, circuit breaker, redaction, and the AI cost ledger {@code ai_usage} that the daily cost reads; settings
 * {@code AiSettings}); model training, per-customer adaptation from agents' corrections, and evaluation; the sentence vectors of analysed contact messages ({@code message_embeddings}) and the similar resolved conversations found with them (docs/decisions/018). Consumes MessageReceived and ConversationResolved (the similar-conversation index); publishes MessageAnalysed.
 */
@NullMarked
package uk.co.omniops.analysis;

import org.jspecify.annotations.NullMarked;

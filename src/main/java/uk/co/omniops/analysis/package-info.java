/**
 * In-process NLP: sentiment, categories, PII redaction; model training, per-customer adaptation from agents' corrections, and evaluation. Consumes MessageReceived; publishes MessageAnalysed.
 */
@NullMarked
package uk.co.omniops.analysis;

import org.jspecify.annotations.NullMarked;

/**
 * The analysis pipeline: the MessageReceived listener and analysis job, the in-process and OpenAI sentiment
 * engines, per-customer adapters and taxonomy, stores and commands.
 */
@NullMarked
package uk.co.omniops.analysis.internal;

import org.jspecify.annotations.NullMarked;

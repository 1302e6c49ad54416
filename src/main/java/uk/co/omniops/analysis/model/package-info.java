/**
 * In-process NLP models for customer-service messages: three-class sentiment
 * ({@link uk.co.omniops.analysis.model.SentimentModel}) and multi-label categories over the default
 * {@link uk.co.omniops.analysis.model.Taxonomy} ({@link uk.co.omniops.analysis.model.CategoryModel}),
 * both linear models over hashed n-gram features loaded from versioned artefacts under
 * {@code /models/} on the classpath, plus per-customer online adaptation from agents' corrections
 * ({@link uk.co.omniops.analysis.model.CustomerAdapter}), reproducible training
 * ({@link uk.co.omniops.analysis.model.ModelTrainer}) and evaluation
 * ({@link uk.co.omniops.analysis.model.ModelEvaluation}). Pure JDK, no network; base models are
 * immutable and shared across threads, adapters synchronise internally.
 */
@org.jspecify.annotations.NullMarked
package uk.co.omniops.analysis.model;

/**
 * In-process NLP models for customer-service messages: three-class sentiment with an intensity score
 * ({@link uk.co.omniops.analysis.model.SentimentModel}) and multi-label categories over the default
 * {@link uk.co.omniops.analysis.model.Taxonomy} ({@link uk.co.omniops.analysis.model.CategoryModel}).
 * By default both are linear models over hashed n-gram features plus the message's sentence embedding
 * from the JVM's one in-process encoder ({@link uk.co.omniops.analysis.model.SentenceEmbeddings},
 * quantized all-MiniLM-L6-v2 on ONNX Runtime, shipped in a Maven jar); n-gram-only models remain for
 * the kill switch. Artefacts are versioned under {@code /models/} on the classpath. Also per-customer
 * online adaptation from agents' corrections ({@link uk.co.omniops.analysis.model.CustomerAdapter}),
 * reproducible training ({@link uk.co.omniops.analysis.model.HybridTrainer},
 * {@link uk.co.omniops.analysis.model.ModelTrainer}) and evaluation
 * ({@link uk.co.omniops.analysis.model.ModelEvaluation}). No network; base models are immutable and
 * shared across threads, adapters synchronise internally.
 */
@org.jspecify.annotations.NullMarked
package uk.co.omniops.analysis.model;

package uk.co.omniops.suggestion.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.co.omniops.analysis.MessageAnalysed;
import uk.co.omniops.conversation.MessageReceived;

/**
 * Suggestions for analysed messages, and feedback from agents' replies.
 *
 * <p>{@link MessageAnalysed}: ranked after the analysis commits, on a virtual thread (at most {@link #CONCURRENCY} at
 * once per replica), with the conversation's facts the event carries, and without an event publication: suggestions
 * need no at-least-once delivery, because reading a conversation's suggestions computes them when its latest contact
 * message has none ({@code SuggestionService.suggestions}). A computation lost to a crash, or dropped when more than
 * {@link #BACKLOG} wait, is therefore done when an agent opens the conversation (docs/decisions/009-analysis-pipeline.md).
 *
 * <p>{@link MessageReceived}: durable, at-least-once, idempotent. The condition is checked before the event
 * publication is stored and again before every (re)delivery, so contacts' messages (most of the traffic) cost no
 * publication row and never reach this method. No surrounding transaction: the work runs in tenant transactions of
 * its own, which must not join one opened here without a tenant.
 */
@Component
class SuggestionListeners implements DisposableBean {

    static final int CONCURRENCY = 2;
    static final int BACKLOG = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SuggestionListeners.class);

    private final SuggestionService suggestions;
    private final SuggestionFeedback feedback;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("suggestions-", 0).factory());
    private final Semaphore running = new Semaphore(CONCURRENCY);
    private final AtomicInteger waiting = new AtomicInteger();

    SuggestionListeners(SuggestionService suggestions, SuggestionFeedback feedback) {
        this.suggestions = suggestions;
        this.feedback = feedback;
    }

    @EventListener
    void on(MessageAnalysed event) {
        if (!suggestions.enabled(event.customerId())) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            submit(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(event);
            }
        });
    }

    private void submit(MessageAnalysed event) {
        if (waiting.incrementAndGet() > BACKLOG) {
            waiting.decrementAndGet();
            log.debug("Suggestions for message {} left to the next read (backlog full)", event.messageId());
            return;
        }
        executor.execute(() -> {
            try {
                running.acquire();
            } catch (InterruptedException e) {
                waiting.decrementAndGet();
                return;
            }
            try {
                waiting.decrementAndGet();
                suggestions.onAnalysed(event);
            } catch (RuntimeException e) {
                log.warn(
                        "Suggestions for message {} not stored (computed again when read): {}",
                        event.messageId(),
                        e.toString());
            } finally {
                running.release();
            }
        });
    }

    @ApplicationModuleListener(
            propagation = Propagation.NOT_SUPPORTED,
            condition = "#event.authorType().name() == 'AGENT'")
    void on(MessageReceived event) {
        feedback.onAgentReply(event.customerId(), event.conversationId(), event.messageId());
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

package uk.co.omniops.conversation;

import java.util.List;
import uk.co.omniops.tenancy.CustomerId;

/**
 * The sentiments of several contact messages of one customer were analysed in one transaction (a batch of the
 * analysis, or a single message): what the conversation module needs to keep each conversation's latest sentiment
 * with one statement per batch. The analysis module's batch event implements it (the conversation module cannot
 * depend on the analysis module, which depends on it). Delivered synchronously, in the transaction that stores the
 * analyses.
 */
public interface SentimentsAnalysed {

    CustomerId customerId();

    /** In the order the analysis stored them; messages without a sentiment (analysis off) may be among them. */
    List<? extends SentimentAnalysed> sentiments();
}

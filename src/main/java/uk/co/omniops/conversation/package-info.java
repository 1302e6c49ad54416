/**
 * Conversations: contacts, conversations, messages and internal notes, assignment, the ingestion API for customers' systems, and the chat simulator. Publishes MessageReceived and ConversationResolved; keeps each conversation's latest sentiment from the analysis (SentimentsAnalysed, implemented by the analysis' batch event MessagesAnalysed: one statement per batch).
 */
@NullMarked
package uk.co.omniops.conversation;

import org.jspecify.annotations.NullMarked;

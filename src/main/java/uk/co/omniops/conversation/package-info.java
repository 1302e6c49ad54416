/**
 * Conversations: contacts, conversations, messages and internal notes, assignment, the ingestion API for customers' systems, and the chat simulator. Publishes MessageReceived, ConversationAssigned and ConversationResolved.
 */
@NullMarked
package uk.co.omniops.conversation;

import org.jspecify.annotations.NullMarked;

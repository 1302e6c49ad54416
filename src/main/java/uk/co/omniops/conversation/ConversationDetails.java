package uk.co.omniops.conversation;

import java.util.List;

/** A conversation with its contact and its messages and notes, oldest first. */
public record ConversationDetails(Conversation conversation, Contact contact, List<Message> messages) {}

package uk.co.omniops.conversation;

import java.util.List;

/** One page of conversations ({@code page} counts from 0). */
public record ConversationPage(List<Conversation> items, int page, int size, long totalItems) {

    public int totalPages() {
        return (int) ((totalItems + size - 1) / size);
    }
}

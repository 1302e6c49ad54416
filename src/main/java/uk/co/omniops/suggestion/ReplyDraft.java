package uk.co.omniops.suggestion;

import java.util.List;

/** What a supervisor types for a library entry or a knowledge snippet; validated by {@link SuggestionManagement}. */
public record ReplyDraft(String title, String body, List<String> categories) {}

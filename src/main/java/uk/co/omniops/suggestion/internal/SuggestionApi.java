package uk.co.omniops.suggestion.internal;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.suggestion.Suggestion;
import uk.co.omniops.tenancy.TenantContext;

/**
 * {@code GET /api/v1/conversations/{id}/suggestions} for customers' systems (API key; the customer comes from the
 * authenticated {@code TenantPrincipal}). Same suggestions as the workspace; computed on demand when there are none.
 * Empty when the feature is off for the customer. Unknown or another customer's conversation: 404 problem+json.
 */
@RestController
class SuggestionApi {

    record SuggestionJson(
            String id,
            String source,
            String sourceTitle,
            String text,
            double score,
            String reason,
            int rank,
            String status) {

        static SuggestionJson of(Suggestion s) {
            return new SuggestionJson(
                    s.id().toString(),
                    s.source(),
                    s.sourceTitle(),
                    s.text(),
                    s.score(),
                    s.reason(),
                    s.rank(),
                    s.status());
        }
    }

    record SuggestionsJson(String conversationId, List<SuggestionJson> suggestions) {}

    private final SuggestionService suggestions;

    SuggestionApi(SuggestionService suggestions) {
        this.suggestions = suggestions;
    }

    @GetMapping("/api/v1/conversations/{id}/suggestions")
    SuggestionsJson suggestions(@PathVariable String id) {
        ConversationId conversation;
        try {
            conversation = ConversationId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ConversationNotFound(new ConversationId(new java.util.UUID(0, 0)));
        }
        var customer = TenantContext.requireCustomer();
        return new SuggestionsJson(
                conversation.toString(),
                suggestions.suggestions(customer, conversation).stream()
                        .map(SuggestionJson::of)
                        .toList());
    }

    @RestControllerAdvice(assignableTypes = SuggestionApi.class)
    static class Errors {

        @ExceptionHandler(ConversationNotFound.class)
        ProblemDetail notFound(ConversationNotFound e) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No conversation with this id exists for the customer of this API key.");
            problem.setTitle("Conversation not found");
            return problem;
        }
    }
}

package uk.co.omniops.workspace.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.co.omniops.analysis.AnalysisManagement;
import uk.co.omniops.analysis.MessageAnalysis;
import uk.co.omniops.conversation.ConversationId;
import uk.co.omniops.conversation.ConversationManagement;
import uk.co.omniops.conversation.ConversationNotFound;
import uk.co.omniops.conversation.MessageId;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.prediction.PredictionManagement;
import uk.co.omniops.rollout.Feature;
import uk.co.omniops.rollout.FeatureFlags;
import uk.co.omniops.suggestion.SuggestionManagement;
import uk.co.omniops.tenancy.ApiClient;
import uk.co.omniops.tenancy.CustomerId;

/**
 * {@code GET /api/v1/conversations/{id}} (API key, like the rest of {@code /api/v1/conversations}, whose POSTs and
 * list stay in the conversation module): the conversation with its messages and what the AI modules know about
 * it. Features off for the customer leave no trace: no {@code sentiment} / {@code categories} in {@code analysis},
 * {@code escalation} null, {@code suggestions} empty.
 */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationRepresentationApi {

    private static final Logger log = LoggerFactory.getLogger(ConversationRepresentationApi.class);

    private final ConversationManagement conversations;
    private final AnalysisManagement analysis;
    private final EscalationManagement escalations;
    private final SuggestionManagement suggestions;
    private final FeatureFlags flags;
    private final PredictionManagement predictions;

    ConversationRepresentationApi(
            ConversationManagement conversations,
            AnalysisManagement analysis,
            EscalationManagement escalations,
            SuggestionManagement suggestions,
            FeatureFlags flags,
            PredictionManagement predictions) {
        this.conversations = conversations;
        this.analysis = analysis;
        this.escalations = escalations;
        this.suggestions = suggestions;
        this.flags = flags;
        this.predictions = predictions;
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
        var customer = client.customer();
        ConversationId conversation;
        try {
            conversation = ConversationId.of(id);
        } catch (IllegalArgumentException e) {
            return notFound(); // not an id at all: as unknown as any other (the problem document never echoes it)
        }
        var details = conversations.find(customer, conversation).orElse(null);
        if (details == null) {
            return notFound();
        }
        var sentimentOn = flags.isEnabled(customer, Feature.SENTIMENT_ANALYSIS);
        var categoriesOn = flags.isEnabled(customer, Feature.AUTO_CATEGORIZATION);
        var analyses = sentimentOn || categoriesOn
                ? analysis.analyses(customer, conversation)
                : Map.<MessageId, MessageAnalysis>of();
        var escalation = flags.isEnabled(customer, Feature.AUTO_ESCALATION)
                ? escalations.current(customer, conversation).orElse(null)
                : null;
        return ResponseEntity.ok(ConversationJson.of(
                details,
                m -> ConversationJson.AnalysisJson.of(analyses.get(m.id()), sentimentOn, categoriesOn),
                escalation,
                suggestions(customer, conversation),
                prediction(customer, conversation)));
    }

    private ConversationJson.@Nullable PredictionJson prediction(CustomerId customer, ConversationId conversation) {
        if (!flags.isEnabled(customer, Feature.PREDICTIVE_ANALYTICS)) {
            return null;
        }
        try {
            return predictions
                    .current(customer, conversation)
                    .map(ConversationJson.PredictionJson::of)
                    .orElse(null);
        } catch (RuntimeException e) {
            log.warn("Prediction unavailable for conversation {}: {}", conversation, e.toString());
            return null;
        }
    }

    private List<ConversationJson.SuggestionJson> suggestions(CustomerId customer, ConversationId conversation) {
        if (!flags.isEnabled(customer, Feature.RESPONSE_SUGGESTIONS)) {
            return List.of();
        }
        try {
            return suggestions.suggestions(customer, conversation).stream()
                    .map(ConversationJson.SuggestionJson::of)
                    .toList();
        } catch (ConversationNotFound e) {
            return List.of();
        } catch (RuntimeException e) {
            // the representation must not fail because one enrichment does; the dedicated endpoint reports it
            log.warn("Suggestions unavailable for conversation {}: {}", conversation, e.toString());
            return List.of();
        }
    }

    private static ResponseEntity<ProblemDetail> notFound() {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "No conversation with this id exists for the customer of this API key.");
        problem.setTitle("Conversation not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}

package uk.co.omniops.escalation.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import uk.co.omniops.escalation.Escalation;
import uk.co.omniops.escalation.EscalationManagement;
import uk.co.omniops.escalation.EscalationStatus;
import uk.co.omniops.tenancy.TenantContext;

/**
 * {@code GET /api/v1/escalations?status=open} for customers' systems (API key; the customer comes from the
 * authenticated {@code TenantPrincipal}). Open and acknowledged lists are sorted by severity, then age; resolved
 * ones most recent first.
 */
@RestController
@RequestMapping("/api/v1/escalations")
class EscalationApi {

    private final EscalationManagement escalations;

    EscalationApi(EscalationManagement escalations) {
        this.escalations = escalations;
    }

    record AssigneeJson(UUID id, @Nullable String name) {}

    record EscalationJson(
            UUID id,
            UUID conversationId,
            String status,
            String severity,
            String reason,
            @Nullable String rule,
            int matchCount,
            Instant openedAt,
            @Nullable Instant acknowledgedAt,
            @Nullable String acknowledgedBy,
            @Nullable AssigneeJson assignee,
            @Nullable Instant resolvedAt,
            @Nullable String resolvedBy,
            @Nullable String resolutionNote) {

        static EscalationJson of(Escalation e) {
            return new EscalationJson(
                    e.id().value(),
                    e.conversationId().value(),
                    e.status().dbValue(),
                    e.severity().dbValue(),
                    e.reason(),
                    e.ruleName(),
                    e.matchCount(),
                    e.openedAt(),
                    e.acknowledgedAt(),
                    e.acknowledgedBy(),
                    e.assignedTo() == null ? null : new AssigneeJson(e.assignedTo(), e.assignedName()),
                    e.resolvedAt(),
                    e.resolvedBy(),
                    e.resolutionNote());
        }
    }

    record EscalationListJson(String status, int count, List<EscalationJson> items) {}

    @GetMapping
    EscalationListJson list(
            @RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "100") int limit) {
        var customer = TenantContext.requireCustomer();
        EscalationStatus wanted;
        try {
            wanted = EscalationStatus.fromDb(status.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be open, acknowledged or resolved");
        }
        if (limit < 1 || limit > EscalationManagement.MAX_LIST) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "limit must be 1 to " + EscalationManagement.MAX_LIST);
        }
        var items = wanted == EscalationStatus.OPEN
                ? escalations.byStatus(customer, EscalationStatus.OPEN, limit)
                : escalations.byStatus(customer, wanted, limit);
        return new EscalationListJson(
                wanted.dbValue(),
                items.size(),
                items.stream().map(EscalationJson::of).toList());
    }
}

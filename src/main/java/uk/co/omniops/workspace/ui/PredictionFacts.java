package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.details.DetailsVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Locale;
import uk.co.omniops.prediction.Prediction;

/**
 * The latest prediction in the conversation's header: the escalation risk as a badge, and one click away (a closed
 * {@link Details}) the expected CSAT, the expected resolution and the top factors, so that they do not take the
 * thread's height. Drawn again with the header on {@code prediction.updated}.
 */
final class PredictionFacts {

    private PredictionFacts() {}

    static Component of(Prediction p) {
        var risk = new Span(String.format(Locale.ROOT, "Escalation risk %d %%", Math.round(p.escalationRisk() * 100)));
        risk.setId("prediction-risk");
        risk.getElement()
                .getThemeList()
                .add("badge pill small "
                        + (p.escalationRisk() >= 0.7 ? "error" : p.escalationRisk() >= 0.4 ? "warning" : "success"));
        var csat = new Span(String.format(Locale.ROOT, "Expected CSAT %.1f of 5", p.expectedCsat()));
        csat.setId("prediction-csat");
        var minutes = p.expectedResolutionMinutes();
        var resolution =
                new Span("Resolution ~" + (minutes < 120 ? minutes + " min" : Math.round(minutes / 60.0) + " h"));
        resolution.setId("prediction-resolution");
        var factors = new Span(
                p.factors().isEmpty() ? "No single factor stands out." : "Why: " + String.join(" · ", p.factors()));
        factors.setId("prediction-factors");
        factors.addClassName("omniops-secondary");
        var more = new Div(csat, resolution, factors);
        more.addClassName("omniops-prediction-more");
        var details = new Details("Why?", more);
        details.setId("prediction-details");
        details.addThemeVariants(DetailsVariant.SMALL);
        details.addClassName("omniops-prediction-details");
        var box = new Div(risk, details);
        box.setId("conversation-prediction");
        box.addClassName("omniops-prediction");
        box.getElement().setAttribute("role", "group");
        box.getElement().setAttribute("aria-label", "Prediction");
        box.getElement().setAttribute("title", p.model());
        return box;
    }
}

package uk.co.omniops.workspace.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import uk.co.omniops.prediction.Prediction;

/**
 * The latest prediction in the conversation's header (risk, expected CSAT, expected resolution, top factors); drawn
 * again with the header on {@code prediction.updated}.
 */
final class PredictionFacts {

    private PredictionFacts() {}

    static Component of(Prediction p) {
        var risk = new Span(String.format(Locale.ROOT, "Escalation risk %d %%", Math.round(p.escalationRisk() * 100)));
        risk.setId("prediction-risk");
        risk.getElement().getThemeList().add("badge pill small "
                + (p.escalationRisk() >= 0.7 ? "error" : p.escalationRisk() >= 0.4 ? "warning" : "success"));
        var csat = new Span(String.format(Locale.ROOT, "Expected CSAT %.1f", p.expectedCsat()));
        csat.setId("prediction-csat");
        var minutes = p.expectedResolutionMinutes();
        var resolution = new Span("Resolution ~" + (minutes < 120 ? minutes + " min" : Math.round(minutes / 60.0) + " h"));
        resolution.setId("prediction-resolution");
        var factors = new Span(String.join(" · ", p.factors()));
        factors.setId("prediction-factors");
        factors.addClassName("omniops-secondary");
        var box = new Div(risk, csat, resolution, factors);
        box.setId("conversation-prediction");
        box.addClassName("omniops-prediction");
        box.getElement().setAttribute("role", "group");
        box.getElement().setAttribute("aria-label", "Prediction");
        box.getElement().setAttribute("title", p.model());
        box.getStyle().set("display", "inline-flex").set("gap", "var(--lumo-space-s)").set("align-items", "center")
                .set("flex-wrap", "wrap");
        return box;
    }
}

package uk.co.omniops.insight.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import uk.co.omniops.insight.export.ReportFigures;

/**
 * One headline figure: its value this period and the change against the previous period, coloured by whether the
 * change is good news (a shorter response time is green, a higher escalation rate red; volume is neutral). The text
 * comes from {@link ReportFigures}, as the PDF's does.
 */
final class Figure extends Div {

    Figure(ReportFigures.Figure figure) {
        addClassName("omniops-insight-figure");
        getElement().setAttribute("data-figure", figure.key());
        var labelSpan = new Span(figure.label());
        labelSpan.addClassName("omniops-insight-figure-label");
        var valueSpan = new Span(figure.value());
        valueSpan.addClassName("omniops-insight-figure-value");
        boolean compared = figure.change().startsWith("+") || figure.change().startsWith("−");
        var changeSpan = new Span(compared ? figure.change() + " vs previous" : figure.change());
        changeSpan.addClassName("omniops-insight-figure-change");
        if (figure.good() != null) {
            changeSpan.addClassName(figure.good() ? "omniops-good" : "omniops-bad");
        }
        getElement().setAttribute("title", "Previous period: " + figure.previous());
        add(labelSpan, valueSpan, changeSpan);
    }
}

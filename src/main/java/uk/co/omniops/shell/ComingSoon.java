package uk.co.omniops.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** A clearly labelled placeholder for a page a later release builds; never pretends to be the feature. */
public class ComingSoon extends Div {

    public ComingSoon(String title, String whatItWillDo) {
        addClassName("omniops-coming-soon");
        var badge = new Span("Not built yet");
        badge.getElement().getThemeList().add("badge contrast");
        badge.setId("placeholder-badge");
        add(new H2(title), badge, new Paragraph(whatItWillDo));
    }
}

package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import uk.co.omniops.conversation.DemoTraffic;

/** A supervisor's switch for the demo traffic of this server, with its rate. */
class SimulatorSwitch extends Div {

    private static final List<Integer> RATES = List.of(1, 2, 6, 12, 30, 60);

    SimulatorSwitch(DemoTraffic simulator) {
        var on = new Checkbox("Simulator", simulator.isEnabled());
        on.setId("simulator-enabled");
        on.setTooltipText("Generates demo customer messages (this server only)");
        var rate = new Select<Integer>();
        rate.setId("simulator-rate");
        rate.setAriaLabel("Simulated messages per minute");
        rate.setItems(RATES);
        if (!RATES.contains(simulator.messagesPerMinute())) {
            rate.setItems(List.of(1, 2, 6, 12, 30, 60, simulator.messagesPerMinute()));
        }
        rate.setItemLabelGenerator(n -> n + " / min");
        rate.setValue(simulator.messagesPerMinute());
        rate.addThemeName("small");
        rate.setWidth("7.5rem");
        on.addValueChangeListener(e -> simulator.setEnabled(e.getValue()));
        rate.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                simulator.setMessagesPerMinute(e.getValue());
            }
        });
        add(on, rate);
        setId("simulator-switch");
        addClassName("omniops-simulator-switch");
    }
}

package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouterLink;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import uk.co.omniops.analysis.CorrectionStats;
import uk.co.omniops.conversation.DemoTraffic;
import uk.co.omniops.conversation.InboxQuery;
import uk.co.omniops.platform.Plural;
import uk.co.omniops.rollout.FeatureIndicator;
import uk.co.omniops.tenancy.CustomerId;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.Role;

/**
 * Above the inbox list: the scope chips with their counts, the features on for the customer, the shortcut help and,
 * for supervisors, the simulator switch and the agents' correction figures with a link to the categories.
 */
class InboxToolbar extends Div {

    private final Workspace workspace;
    private final OmniOpsUser viewer;
    private final CustomerId customer;
    private final Map<InboxQuery.Scope, Button> chips = new EnumMap<>(InboxQuery.Scope.class);
    private final Span correctionStats = new Span();
    private final Button newWork = new Button();

    /**
     * @param scope runs when the agent picks a chip
     * @param help opens the shortcut help
     * @param showNew lists the new work (open, unassigned), newest first
     */
    InboxToolbar(
            Workspace workspace,
            OmniOpsUser viewer,
            CustomerId customer,
            DemoTraffic simulator,
            Consumer<InboxQuery.Scope> scope,
            Runnable help,
            Runnable showNew) {
        this.workspace = workspace;
        this.viewer = viewer;
        this.customer = customer;
        addClassName("omniops-inbox-toolbar");
        var chipGroup = new Div();
        chipGroup.addClassName("omniops-chips");
        chipGroup.getElement().setAttribute("role", "group");
        chipGroup.getElement().setAttribute("aria-label", "Show conversations");
        for (var s : InboxQuery.Scope.values()) {
            var chip = new Button(chipLabel(s), e -> scope.accept(s));
            chip.setId("chip-" + s.name().toLowerCase());
            chip.addClassName("omniops-chip");
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL);
            chips.put(s, chip);
            chipGroup.add(chip);
        }
        var helpButton = new Button(VaadinIcon.QUESTION_CIRCLE_O.create(), e -> help.run());
        helpButton.setId("shortcut-help");
        helpButton.setAriaLabel("Keyboard shortcuts");
        helpButton.setTooltipText("Keyboard shortcuts (?)");
        helpButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        newWork.setId("new-work");
        newWork.addClassName("omniops-new-work");
        newWork.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        newWork.setTooltipText("Open conversations nobody has taken yet, newest first");
        newWork.addClickListener(e -> showNew.run());
        newWork.setVisible(false);
        chipGroup.add(newWork);
        add(chipGroup, new FeatureIndicator(workspace.flags(), workspace.liveUpdates(), customer), helpButton);
        if (viewer.role() == Role.SUPERVISOR) {
            correctionStats.setId("correction-stats");
            correctionStats.addClassName("omniops-correction-stats");
            var taxonomy = new RouterLink("Categories", CategoriesView.class);
            taxonomy.addClassName("omniops-correction-stats-link");
            var stats = new Div(correctionStats, taxonomy);
            stats.addClassName("omniops-correction-stats-box");
            add(new SimulatorSwitch(simulator), stats);
            refreshCorrectionStats(workspace.features(customer));
        }
    }

    /** The chips' counts (a scope without one shows its name only) and which chip is pressed. */
    void showCounts(Map<InboxQuery.Scope, Integer> counts, InboxQuery.Scope scope) {
        for (var entry : chips.entrySet()) {
            var s = entry.getKey();
            var chip = entry.getValue();
            var n = counts.get(s);
            chip.setText(chipLabel(s) + (n == null ? "" : " " + n));
            chip.getElement().setAttribute("aria-pressed", String.valueOf(s == scope));
            chip.getElement().getClassList().set("omniops-chip--active", s == scope);
        }
    }

    /** The count of new work: hidden at 0. */
    void showNew(int count) {
        newWork.setText(count + " new");
        newWork.getElement().setAttribute("aria-label", Plural.count(count, "new conversation") + ", nobody assigned");
        newWork.setVisible(count > 0);
    }

    /** Supervisors only: the agents' corrections and the accuracy they show, while the analysis is on. */
    void refreshCorrectionStats(Workspace.Features features) {
        if (viewer.role() != Role.SUPERVISOR) {
            return;
        }
        try {
            correctionStats.setText(statsText(workspace.analysis().correctionStats(customer)));
        } catch (RuntimeException e) {
            correctionStats.setText("");
        }
        correctionStats.setVisible(features.analysis());
    }

    static String statsText(CorrectionStats s) {
        return CorrectionStatsText.of(s);
    }

    private static String chipLabel(InboxQuery.Scope s) {
        return switch (s) {
            case MINE -> "Mine";
            case UNASSIGNED -> "Unassigned";
            case ALL -> "All";
        };
    }
}

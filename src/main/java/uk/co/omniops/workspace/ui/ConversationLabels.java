package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.badge.BadgeVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.jspecify.annotations.Nullable;
import uk.co.omniops.conversation.ConversationStatus;
import uk.co.omniops.conversation.Priority;

/** Labels, badges and small pieces the inbox list and the open conversation draw alike. */
final class ConversationLabels {

    private ConversationLabels() {}

    static String label(Enum<?> value) {
        var n = value.name().toLowerCase();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    static Badge badge(String text, @Nullable BadgeVariant variant) {
        var b = new Badge(text);
        if (variant != null) {
            b.addThemeVariants(variant);
        }
        return b;
    }

    static @Nullable BadgeVariant statusVariant(ConversationStatus s) {
        return switch (s) {
            case OPEN -> null;
            case PENDING -> BadgeVariant.CONTRAST;
            case RESOLVED -> BadgeVariant.SUCCESS;
        };
    }

    static @Nullable BadgeVariant priorityVariant(Priority p) {
        return switch (p) {
            case LOW -> BadgeVariant.CONTRAST;
            case NORMAL -> null;
            case HIGH -> BadgeVariant.WARNING;
            case URGENT -> BadgeVariant.ERROR;
        };
    }

    /** An empty place another module's component is put in (escalation banner, suggested replies). */
    static Div slot(String name) {
        var slot = new Div();
        slot.addClassName("omniops-slot");
        slot.getElement().setAttribute("data-slot", name);
        return slot;
    }

    static void error(@Nullable String message) {
        var n = Notification.show(
                message == null ? "That did not work." : message, 5000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}

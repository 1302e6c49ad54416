package uk.co.omniops.workspace.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasOrderedComponents;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A component drawn from a state, and drawn again only when the state changes. A live update re-reads the whole
 * conversation several times a second in a busy one; most of what it shows is unchanged, and every component drawn
 * again is sent to the browser in full (docs/benchmarks.md §3: the header's facts and the contact panel were half of
 * what an agent's tab received).
 *
 * @param <S> what the component shows: a value with {@code equals} (a record)
 */
final class Part<S> {

    private final Function<S, Component> draw;
    private @Nullable Component drawn;
    private @Nullable S state;

    Part(Function<S, Component> draw) {
        this.draw = draw;
    }

    /** The component for this state: the one already drawn when the state is equal. */
    Component of(S next) {
        if (drawn == null || !Objects.equals(state, next)) {
            drawn = draw.apply(next);
            state = next;
        }
        return drawn;
    }

    /** Forgets what was drawn (the container was cleared): the next {@link #of} draws again. */
    void reset() {
        drawn = null;
        state = null;
    }

    /**
     * Makes {@code children} the container's children, in order, touching only the positions that changed: a child
     * kept in place is not sent to the browser again.
     */
    static void place(HasOrderedComponents container, List<Component> children) {
        for (int i = 0; i < children.size(); i++) {
            var child = children.get(i);
            if (i >= container.getComponentCount()) {
                container.add(child);
            } else if (container.getComponentAt(i) != child) {
                container.replace(container.getComponentAt(i), child);
            }
        }
        while (container.getComponentCount() > children.size()) {
            container.remove(container.getComponentAt(children.size()));
        }
    }
}

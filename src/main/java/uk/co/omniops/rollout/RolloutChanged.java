package uk.co.omniops.rollout;

/** A flag's rollout changed (percentage, lists, kill switch, ramp); published after the change is stored. */
public record RolloutChanged(Feature feature, String action, String actor) {}

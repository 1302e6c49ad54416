package uk.co.omniops.shell;

import uk.co.omniops.tenancy.Role;

/** Where each role lands after signing in. */
public final class Landing {

    private Landing() {}

    public static String pathFor(Role role) {
        return switch (role) {
            case AGENT -> "inbox";
            case SUPERVISOR -> "escalations";
            case EXECUTIVE -> "insights";
            case ADMIN -> "admin/rollout";
        };
    }
}

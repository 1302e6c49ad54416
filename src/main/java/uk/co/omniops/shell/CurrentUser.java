package uk.co.omniops.shell;

import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import uk.co.omniops.tenancy.OmniOpsUser;
import uk.co.omniops.tenancy.Role;

/** The signed-in user of the current Vaadin request. */
@Component
@ConditionalOnWebApplication
public class CurrentUser {

    private final AuthenticationContext authentication;

    CurrentUser(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    public Optional<OmniOpsUser> get() {
        return authentication.getAuthenticatedUser(OmniOpsUser.class);
    }

    /** @throws IllegalStateException outside an authenticated view (a routing bug, not user input) */
    public OmniOpsUser require() {
        return get().orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }

    public boolean hasRole(Role role) {
        return get().map(u -> u.role() == role).orElse(false);
    }

    public void logout() {
        authentication.logout();
    }
}

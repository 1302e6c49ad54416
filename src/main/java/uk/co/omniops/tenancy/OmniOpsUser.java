package uk.co.omniops.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as Spring Security holds it; the password hash is erased after login. */
public final class OmniOpsUser implements UserDetails, CredentialsContainer, TenantPrincipal {

    private final UserAccount account;
    private @Nullable String passwordHash;

    public OmniOpsUser(UserAccount account, String passwordHash) {
        this.account = account;
        this.passwordHash = passwordHash;
    }

    public UserAccount account() {
        return account;
    }

    public UUID id() {
        return account.id();
    }

    public Role role() {
        return account.role();
    }

    public String displayName() {
        return account.displayName();
    }

    @Override
    public Optional<CustomerId> customerId() {
        return account.customerId();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return account.username();
    }

    @Override
    public boolean isEnabled() {
        return account.enabled();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OmniOpsUser other && other.account.id().equals(account.id());
    }

    @Override
    public int hashCode() {
        return account.id().hashCode();
    }

    @Override
    public String toString() {
        return "OmniOpsUser[" + account.username() + ", " + account.role() + "]";
    }
}

package uk.co.omniops.tenancy;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads users for form login; the tenant is unknown before login, so this is a platform read. */
@Component
class UserAccountDetailsService implements UserDetailsService {

    private final UserAccounts users;
    private final TenantTransactions transactions;

    UserAccountDetailsService(UserAccounts users, TenantTransactions transactions) {
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return transactions
                .asPlatform("authentication", () -> users.findCredentials(username))
                .map(c -> new OmniOpsUser(c.account(), c.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}

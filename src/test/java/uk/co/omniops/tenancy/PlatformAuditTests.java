package uk.co.omniops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import uk.co.omniops.test.OmniOpsIntegrationTest;
import uk.co.omniops.test.TestInfrastructure;

/** Issue 21, finding 4: platform-wide reads made for a signed-in person are written to audit_log, with the reason. */
@OmniOpsIntegrationTest
class PlatformAuditTests {

    @Autowired
    TenancyManagement tenancy;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anAdminListingCustomersLeavesAnAuditRowAndMachineWorkDoesNot() throws Exception {
        var before = auditRows("admin@omniops");
        var machineBefore = auditRows("%");
        tenancy.allCustomers(); // no one signed in: a scheduler, say
        assertThat(auditRows("%")).isEqualTo(machineBefore);

        var admin = users.loadUserByUsername("admin@omniops");
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
        assertThat(tenancy.allCustomers()).isNotEmpty();

        assertThat(auditRows("admin@omniops")).isEqualTo(before + 1);
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var rs = owner.createStatement().executeQuery("""
                        select action, detail->>'reason' from audit_log where actor = 'admin@omniops'
                         order by created_at desc limit 1""")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("platform_access");
            assertThat(rs.getString(2)).isEqualTo("list customers");
        }
    }

    private static long auditRows(String actor) throws Exception {
        try (var owner = DriverManager.getConnection(TestInfrastructure.ownerJdbcUrl());
                var s = owner.prepareStatement(
                        "select count(*) from audit_log where actor like ? " + "and action = 'platform_access'")) {
            s.setString(1, actor);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

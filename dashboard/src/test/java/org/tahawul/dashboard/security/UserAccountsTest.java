package org.tahawul.dashboard.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tahawul.datasets.reference.ReferenceData;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserAccountsTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final ReferenceData REFERENCE = ReferenceData.loadDefault();

    @Test
    void demoUsersAreLeaderAnalystAdminAndOneUserPerAgency() {
        UserAccounts users = new UserAccounts(new SecurityProperties(List.of(), null, true, "s3cret", null), ENCODER, REFERENCE);
        assertThat(users.size()).isEqualTo(3 + REFERENCE.agencies().size());
        DashboardUser moh = (DashboardUser) users.loadUserByUsername("agency-moh");
        assertThat(moh.roles()).containsExactly(Role.AGENCY);
        assertThat(moh.restrictedTo()).isEqualTo("MOH");
        assertThat(ENCODER.matches("s3cret", moh.getPassword())).isTrue();
        assertThat(((DashboardUser) users.loadUserByUsername("leader")).restrictedTo()).isNull();
    }

    @Test
    void configuredUsersNeedABcryptHashAndAnExistingAgency() {
        String hash = ENCODER.encode("pw");
        assertThatThrownBy(() -> new UserAccounts(new SecurityProperties(List.of(new SecurityProperties.UserEntry(
                "bob", "plain-text", List.of("ANALYST"), null)), null, false, null, null), ENCODER, REFERENCE))
                .hasMessageContaining("must be a bcrypt hash");
        assertThatThrownBy(() -> new UserAccounts(new SecurityProperties(List.of(new SecurityProperties.UserEntry(
                "bob", hash, List.of("AGENCY"), "NOPE")), null, false, null, null), ENCODER, REFERENCE))
                .hasMessageContaining("names agency 'NOPE'");
        assertThatThrownBy(() -> new UserAccounts(new SecurityProperties(List.of(new SecurityProperties.UserEntry(
                "bob", hash, List.of("AGENCY"), null)), null, false, null, null), ENCODER, REFERENCE))
                .hasMessageContaining("AGENCY role but no agency");
        assertThatThrownBy(() -> new UserAccounts(new SecurityProperties(List.of(new SecurityProperties.UserEntry(
                "bob", hash, List.of("KING"), null)), null, false, null, null), ENCODER, REFERENCE))
                .hasMessageContaining("unknown role 'KING'");
        UserAccounts ok = new UserAccounts(new SecurityProperties(List.of(new SecurityProperties.UserEntry(
                "bob", hash.substring("{bcrypt}".length()), List.of("ANALYST"), null)), null, false, null, null), ENCODER, REFERENCE);
        assertThat(ENCODER.matches("pw", ok.loadUserByUsername("bob").getPassword())).isTrue();
    }
}

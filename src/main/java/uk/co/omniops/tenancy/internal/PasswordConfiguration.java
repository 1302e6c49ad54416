package uk.co.omniops.tenancy.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users' passwords are stored as bcrypt hashes; also needed without the web server (operations commands). The cost
 * ({@code omniops.security.password-strength}, log2 of the rounds, 4–31) is 10 in production, Spring Security's
 * default: about 70 ms of one core per hash or sign-in here. Every hash carries its own cost, so raising it later
 * leaves existing passwords valid. The test profile uses 4: the suite creates and signs in hundreds of users, and the
 * cost parameter changes how long a hash takes, not what is checked.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(@Value("${omniops.security.password-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }
}

package uk.co.omniops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;
import uk.co.omniops.platform.Commands;

/**
 * OmniOps: an AI-assisted customer-service workspace.
 *
 * <p>{@code java -jar omniops.jar} serves the web application; {@code java -jar omniops.jar <command>}
 * runs one operations command without the web server ({@code --help} lists them).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "OmniOps", sharedModules = "platform")
public class OmniOpsApplication {

    public static void main(String[] args) {
        if (Commands.isCommandInvocation(args)) {
            System.exit(Commands.run(args, OmniOpsApplication.class));
        }
        SpringApplication.run(OmniOpsApplication.class, args);
    }
}

package uk.co.omniops.shell.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.beans.factory.annotation.Value;
import uk.co.omniops.platform.RateLimits;
import uk.co.omniops.tenancy.DemoData;
import uk.co.omniops.tenancy.Role;

/**
 * Sign-in. A wrong password or unknown user gives the same generic message (no user enumeration); a sign-in that could
 * not be checked because the database was unavailable says that instead ({@code SignInFailureHandler}).
 * With demo data on (dev profile) the demo accounts are listed.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · OmniOps")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();

    LoginView(
            @Value("${omniops.demo.enabled:false}") boolean demo, @Value("${omniops.demo.password:}") String password) {
        addClassName("omniops-login");
        getElement().setAttribute("role", "main"); // the page's one landmark: everything on it is the sign-in
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        var i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("The username or password is not right. Check both and try again.");
        login.setI18n(i18n);

        var brand = new H1("OmniOps");
        brand.addClassName("omniops-brand");
        add(brand, new Paragraph("AI-assisted customer service workspace"), login);
        if (demo && !password.isBlank()) {
            add(demoAccounts(password));
        }
    }

    private static Div demoAccounts(String password) {
        var box = new Div();
        box.setId("demo-accounts");
        box.addClassName("omniops-demo-accounts");
        box.add(new H2("Demo accounts"), new Paragraph("Password for every account: " + password));
        for (var c : DemoData.CUSTOMERS) {
            var line = new Paragraph();
            line.add(new Span(c.name() + ": "));
            for (var role : new Role[] {Role.AGENT, Role.SUPERVISOR, Role.EXECUTIVE}) {
                var name = new Span(DemoData.username(role, c.slug()));
                name.addClassName("omniops-username");
                line.add(name, new Span(" "));
            }
            box.add(line);
        }
        var admin = new Paragraph("Platform admin: ");
        var name = new Span(DemoData.ADMIN_USERNAME);
        name.addClassName("omniops-username");
        admin.add(name);
        box.add(admin);
        return box;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("unavailable")) {
            var i18n = LoginI18n.createDefault();
            i18n.getErrorMessage().setTitle("Sign-in is unavailable for a moment");
            i18n.getErrorMessage()
                    .setMessage("OmniOps could not check your account just now (the database is busy or "
                            + "restarting). Your password was not the problem: try again in a few seconds.");
            login.setI18n(i18n);
            login.setError(true);
        } else if (parameters.containsKey("throttled")) {
            var seconds = parameters.get("throttled").stream()
                    .findFirst()
                    .filter(v -> v.matches("\\d{1,6}"))
                    .map(Long::parseLong)
                    .orElse(60L);
            var i18n = LoginI18n.createDefault();
            i18n.getErrorMessage().setTitle("Too many sign-in attempts");
            i18n.getErrorMessage()
                    .setMessage("To protect your account, sign-in is paused after several wrong "
                            + "passwords. Wait " + RateLimits.Durations.waitOf(seconds)
                            + ", then try again. If you forgot "
                            + "your password, ask your administrator to reset it.");
            login.setI18n(i18n);
            login.setError(true);
        } else if (parameters.containsKey("error")) {
            login.setError(true);
        }
    }
}

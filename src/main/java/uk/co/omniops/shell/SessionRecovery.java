package uk.co.omniops.shell;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * When the server does not know a browser's session any more (its instance stopped and the proxy sent the browser
 * to another replica, or the session timed out), the page reloads itself instead of showing Vaadin's "Session
 * expired" notification: the reload lands on the same URL, the remember-me cookie signs the agent in again on
 * whichever replica answers, and the view is built afresh with live updates (docs/decisions/012-session-recovery.md).
 */
@Component
@ConditionalOnWebApplication
class SessionRecovery implements VaadinServiceInitListener {

    /**
     * Whenever the page's push websocket closes or is opened again, the page asks {@link SessionCheck} whether the
     * server that now answers knows its session, and reloads on "no" (the instance went away and the proxy picked
     * another). Asking is needed: with Vaadin's default push transport (websocket down, XHR up) a lost push
     * connection does not change the connection state, and a websocket reopened on a replica without the session
     * stays silent, so the page would wait until the agent's next click. A network error is asked again every 2 s.
     */
    private static final String RELOAD_WHEN_SESSION_UNKNOWN = """
            if (!window.__omniopsSessionCheck) {
              window.__omniopsSessionCheck = true;
              let checking = false;
              // a page being left (sign-out sends it to the login page, which also ends the session and closes the
              // push connection) must not be reloaded: the reload would race the navigation
              let leaving = false;
              window.addEventListener('beforeunload', () => { leaving = true; });
              window.addEventListener('pagehide', () => { leaving = true; });
              const check = async () => {
                if (checking || leaving) return;
                checking = true;
                try {
                  for (let attempt = 0; attempt < 150; attempt++) {
                    try {
                      const response = await fetch('%s', {credentials: 'same-origin', cache: 'no-store'});
                      if (response.status === 410) {
                        // give a navigation already on its way (the sign-out's) the time to start first
                        await new Promise(resolve => setTimeout(resolve, 500));
                        if (!leaving) location.reload();
                        return;
                      }
                      if (response.ok) return;
                    } catch (unreachable) {
                      // no instance answered: ask again
                    }
                    await new Promise(resolve => setTimeout(resolve, 2000));
                  }
                } finally {
                  checking = false;
                }
              };
              const NativeWebSocket = window.WebSocket;
              window.WebSocket = class extends NativeWebSocket {
                constructor(url, protocols) {
                  super(url, protocols);
                  if (String(url).includes('/VAADIN/push')) {
                    this.addEventListener('close', () => check());
                    check();
                  }
                }
              };
            }""".formatted(SessionCheck.PATH);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        var messages = new CustomizedSystemMessages();
        // no notification and no URL: Vaadin reloads the current page
        messages.setSessionExpiredNotificationEnabled(false);
        event.getSource().setSystemMessagesProvider(info -> messages);
        event.getSource().addUIInitListener(init -> init.getUI().getPage().executeJs(RELOAD_WHEN_SESSION_UNKNOWN));
    }
}

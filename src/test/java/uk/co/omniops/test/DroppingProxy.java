package uk.co.omniops.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 in front of the application whose connections the test can drop at once, as when the
 * instance behind a proxy goes away: the browser's push connection breaks and its next requests open new ones.
 */
public final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public DroppingProxy(int targetPort) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("dropping-proxy").start(() -> {
            while (!server.isClosed()) {
                try {
                    var client = server.accept();
                    var upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException closed) {
                    // the proxy was closed, or the application refused: the browser sees a reset
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection (both sides); new connections are accepted as before. */
    public void dropConnections() {
        for (var socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    @Override
    public void close() {
        closeQuietly(server);
        dropConnections();
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException dropped) {
                // closed by dropConnections or by the peer
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}

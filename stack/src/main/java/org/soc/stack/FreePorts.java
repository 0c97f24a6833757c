package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out currently free TCP ports on 127.0.0.1, never the same one twice from one instance. (Inherently
 * racy with other processes, but good enough for tests: the servers fail fast with a bind error otherwise.)
 */
public final class FreePorts {

    private final Set<Integer> handedOut = new HashSet<>();

    /** A free port not handed out before by this instance. */
    public synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port", e);
            }
        }
        throw new IllegalStateException("Cannot find a free port");
    }

    /** True when something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String what) {
        if (isListening(port)) {
            throw new IllegalStateException(what + " port " + port
                    + " on 127.0.0.1 is already in use (another instance still running?)");
        }
    }
}

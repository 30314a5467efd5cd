package org.branchwork.node.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small SMTP server on loopback that answers as told, for what GreenMail cannot do: refuse an
 * address for good at {@code RCPT} (local part starting {@code bounce}), put one off once
 * ({@code later}: 451 the first time), stop and start again on the same port (a server that is
 * down), and pause between commands so that a test can kill the sender at a moment when every mail
 * the server accepted has been answered. It counts accepted mails per recipient and connections.
 */
final class ScriptedSmtp implements AutoCloseable {

    private final int port;
    private volatile ServerSocket server;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Set<String> putOff = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Held while a command is answered, and by {@link #pause}: nothing is half-answered while paused. */
    private final ReentrantLock answering = new ReentrantLock(true);

    private volatile long generation;
    private volatile int delayMillis;

    ScriptedSmtp() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = s.getLocalPort();
        this.server = s;
        accept(s);
    }

    int port() {
        return port;
    }

    /** Waits this long before answering each mail's end of data, so that a mailing takes a while. */
    void delayPerMail(int millis) {
        this.delayMillis = millis;
    }

    /** Mails accepted for each recipient address. */
    Map<String, Integer> accepted() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        accepted.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int acceptedTotal() {
        return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int connections() {
        return connections.get();
    }

    /** Stops answering between commands; connections open now are dropped unanswered on {@link #resume}. */
    void pause() {
        answering.lock();
        generation++;
    }

    void resume() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        answering.unlock();
    }

    /** The server goes away: no connection is accepted, the open ones are closed. */
    void stop() throws IOException {
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Back on the same port. */
    void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        accept(s);
    }

    private void accept(ServerSocket s) {
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    connections.incrementAndGet();
                    open.add(c);
                    Thread.ofVirtual().start(() -> serve(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket c) {
        long born = generation;
        try (c;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = c.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                answering.lock();
                try {
                    if (generation != born) {
                        return; // opened before a pause: dropped unanswered
                    }
                    String upper = line.toUpperCase(Locale.ROOT);
                    if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                        reply(out, "250-scripted.test\r\n250 8BITMIME");
                    } else if (upper.startsWith("MAIL FROM")) {
                        recipients.clear();
                        reply(out, "250 OK");
                    } else if (upper.startsWith("RCPT TO")) {
                        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                                .toLowerCase(Locale.ROOT);
                        if (address.startsWith("bounce")) {
                            reply(out, "550 5.1.1 <" + address + ">: no such user here");
                        } else if (address.startsWith("later") && putOff.add(address)) {
                            reply(out, "451 4.7.1 <" + address + ">: try again later");
                        } else {
                            recipients.add(address);
                            reply(out, "250 OK");
                        }
                    } else if (upper.equals("DATA")) {
                        if (recipients.isEmpty()) {
                            reply(out, "554 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        String body;
                        while ((body = in.readLine()) != null && !body.equals(".")) {
                            // the mail's text: only counted
                        }
                        if (body == null) {
                            return;
                        }
                        if (delayMillis > 0) {
                            Thread.sleep(delayMillis);
                        }
                        for (String r : recipients) {
                            accepted.computeIfAbsent(r, k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        recipients.clear();
                        reply(out, "250 OK queued");
                    } else if (upper.startsWith("RSET")) {
                        recipients.clear();
                        reply(out, "250 OK");
                    } else if (upper.startsWith("NOOP")) {
                        reply(out, "250 OK");
                    } else if (upper.startsWith("QUIT")) {
                        reply(out, "221 bye");
                        return;
                    } else {
                        reply(out, "502 not implemented");
                    }
                } finally {
                    answering.unlock();
                }
            }
        } catch (SocketException gone) {
            // the client or a stop closed it
        } catch (IOException | InterruptedException e) {
            // the test ends
        } finally {
            open.remove(c);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}

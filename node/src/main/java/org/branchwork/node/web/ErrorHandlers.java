package org.branchwork.node.web;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.http.Problem;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.storage.StorageException;
import org.branchwork.node.web.view.MessageView;

/**
 * Turns failures into answers for their reader: RFC 9457 {@code application/problem+json} with a
 * {@code code} for machines (everything under {@code /api/}, every inbox, and any request that asks
 * for JSON and not HTML), an HTML page for people. A 4xx says what was wrong with the request; a
 * 500 says only that something failed (details go to the log, never to the caller); a database
 * that cannot write (a full disk) is a 503 to retry later.
 */
public final class ErrorHandlers {

    private static final Logger LOG = Logger.getLogger(ErrorHandlers.class.getName());

    private final Templates templates;
    private final org.branchwork.node.storage.WriteProbe writes;

    public ErrorHandlers(Templates templates, org.branchwork.node.storage.WriteProbe writes) {
        this.templates = templates;
        this.writes = writes;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(BadRequestException.class, this::badRequest)
                .error(RequestRefused.class, this::refused)
                .error(StorageException.class, this::unavailable)
                .error(RuntimeException.class, this::failure)
                .any(this::notFound);
    }

    /** Whether the caller is a program: the API, an inbox, or a client that wants JSON rather than HTML. */
    static boolean wantsProblem(ServerRequest req) {
        // The absolute path: inside a registered service, path() is relative to where it is mounted.
        String path = req.path().absolute().path();
        if (path.startsWith("/api/") || path.equals("/inbox") || path.endsWith("/inbox")) {
            return true;
        }
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        return !accept.contains("text/html") && (accept.contains("json"));
    }

    /** Whether reading the request entity itself failed in the HTTP/1.1 connection (malformed chunks). */
    static boolean brokenFraming(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals("io.helidon.webserver.http1.Http1Connection")
                        && (frame.getMethodName().startsWith("readNextChunk")
                                || frame.getMethodName().startsWith("readEntity"))) {
                    return t instanceof IllegalArgumentException
                            || t instanceof IllegalStateException
                            || t instanceof java.io.UncheckedIOException;
                }
            }
        }
        return false;
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        answer(
                req,
                res,
                new Problem(
                        404,
                        "not_found",
                        "Not found",
                        "There is nothing at " + req.path().absolute().path() + "."),
                "Not found",
                "There is no page at this address.");
    }

    private void badRequest(ServerRequest req, ServerResponse res, BadRequestException e) {
        answer(req, res, Problem.badRequest("bad_request", e.getMessage()), "Bad request", e.getMessage());
    }

    /**
     * A service turned the request down: its status and words, to a program as a problem and to a
     * person as a page; a person who is not signed in is sent to sign in and brought back.
     */
    private void refused(ServerRequest req, ServerResponse res, RequestRefused e) {
        Method method = req.prologue().method();
        if (e instanceof RequestRefused.NotSignedIn
                && !wantsProblem(req)
                && (Method.GET.equals(method) || Method.HEAD.equals(method))) {
            res.status(Status.SEE_OTHER_303);
            res.headers().set(HeaderNames.LOCATION, Sessions.signInLocation(req));
            res.send();
            return;
        }
        if (e instanceof RequestRefused.NotSignedIn) {
            res.headers().set(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        answer(req, res, new Problem(e.status(), e.code(), e.title(), e.getMessage()), e.title(), e.getMessage());
    }

    private void unavailable(ServerRequest req, ServerResponse res, StorageException e) {
        if (!e.unavailable()) {
            failure(req, res, e);
            return;
        }
        writes.failed();
        LOG.log(
                Level.SEVERE,
                "Request " + req.prologue().method() + " " + logged(req)
                        + " failed in the database (full disk? see the cause)",
                e);
        res.headers().set(HeaderNames.RETRY_AFTER, "60");
        answer(
                req,
                res,
                new Problem(
                        503,
                        "storage_unavailable",
                        "Service unavailable",
                        "The node cannot store anything just now; nothing of this request was kept. Try again later."),
                "Try again later",
                "The node cannot save anything just now, so nothing you sent was kept. Please try again in a few minutes.");
    }

    private void failure(ServerRequest req, ServerResponse res, RuntimeException e) {
        if (e instanceof HttpException re && re.status().code() < 400) {
            // Static content answers a matching If-None-Match / If-Modified-Since by throwing 304,
            // which must go out without a body.
            res.status(re.status()).send();
            return;
        }
        if (e instanceof HttpException re && re.status().code() < 500) {
            String reason = re.status().reasonPhrase();
            answer(
                    req,
                    res,
                    new Problem(
                            re.status().code(),
                            reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'),
                            reason,
                            e.getMessage()),
                    reason,
                    e.getMessage());
            return;
        }
        if (brokenFraming(e)) {
            // The body's chunked framing is unreadable (a chunk size that is not hex, say): what
            // follows on the connection cannot be parsed either, so answer and close it.
            res.header(HeaderNames.CONNECTION, "close");
            answer(
                    req,
                    res,
                    Problem.badRequest("malformed_body", "The request body's chunked encoding cannot be read."),
                    "Bad request",
                    "The request body could not be read.");
            return;
        }
        LOG.log(Level.SEVERE, "Request " + req.prologue().method() + " " + logged(req) + " failed", e);
        answer(
                req,
                res,
                new Problem(
                        500,
                        "internal_error",
                        "Internal error",
                        "The node could not answer this request. The error is in the node's log."),
                "Something went wrong",
                "The node could not answer this request. The error is in the node's log.");
    }

    /** The problem for a program, or a page with this heading and text (and the problem's status) for a person. */
    private void answer(ServerRequest req, ServerResponse res, Problem problem, String heading, String text) {
        if (wantsProblem(req)) {
            problem.send(res);
            return;
        }
        templates.send(
                res,
                Status.create(problem.status()),
                "layout/message",
                new MessageView(heading, "Branchwork", heading, text));
    }

    /**
     * The path as the log may keep it: the links in mails carry their credential in the path
     * (a voting link votes as its member), so what follows {@code /vote/}, {@code /rsvp/} and
     * {@code /unsubscribe/} is left out.
     */
    static String logged(ServerRequest req) {
        return redacted(req.path().absolute().path());
    }

    static String redacted(String path) {
        return path.replaceFirst("^/(vote|rsvp|unsubscribe)/.+$", "/$1/…");
    }
}

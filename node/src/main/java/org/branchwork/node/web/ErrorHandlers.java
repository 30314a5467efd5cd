package org.branchwork.node.web;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.BadRequestException;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.web.view.MessageView;

/**
 * Turns failures into pages a person can read: a 4xx says what was wrong with the request, a 500
 * says only that something failed (details go to the log, never to the visitor).
 */
public final class ErrorHandlers {

    private static final Logger LOG = Logger.getLogger(ErrorHandlers.class.getName());

    private final Templates templates;

    public ErrorHandlers(Templates templates) {
        this.templates = templates;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(BadRequestException.class, this::badRequest)
                .error(RuntimeException.class, this::failure)
                .any(this::notFound);
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        templates.send(res, Status.NOT_FOUND_404, "layout/message",
                new MessageView("Not found", "Branchwork", "Not found", "There is no page at this address."));
    }

    private void badRequest(ServerRequest req, ServerResponse res, BadRequestException e) {
        templates.send(res, Status.BAD_REQUEST_400, "layout/message",
                new MessageView("Bad request", "Branchwork", "Bad request", e.getMessage()));
    }

    private void failure(ServerRequest req, ServerResponse res, RuntimeException e) {
        if (e instanceof HttpException re && re.status().code() < 400) {
            // Static content answers a matching If-None-Match / If-Modified-Since by throwing 304,
            // which must go out without a body.
            res.status(re.status()).send();
            return;
        }
        if (e instanceof HttpException re && re.status().code() < 500) {
            templates.send(res, re.status(), "layout/message",
                    new MessageView(re.status().reasonPhrase(), "Branchwork", re.status().reasonPhrase(), e.getMessage()));
            return;
        }
        LOG.log(Level.SEVERE, "Request " + req.prologue().method() + " " + req.path().path() + " failed", e);
        templates.send(res, Status.INTERNAL_SERVER_ERROR_500, "layout/message",
                new MessageView("Something went wrong", "Branchwork", "Something went wrong",
                        "The node could not answer this request. The error is in the node's log."));
    }
}

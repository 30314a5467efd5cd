package org.branchwork.node.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /health}: 200 once the node is ready and its database answers and can write; 503
 * otherwise (a full disk among the causes), until writing works again. Load balancers and the
 * launcher poll it.
 */
public final class HealthEndpoint implements HttpService {

    private final DataSource dataSource;
    private final BooleanSupplier ready;
    private final org.branchwork.node.storage.WriteProbe writes;

    public HealthEndpoint(DataSource dataSource, BooleanSupplier ready, org.branchwork.node.storage.WriteProbe writes) {
        this.dataSource = dataSource;
        this.ready = ready;
        this.writes = writes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean answers = ready.getAsBoolean() && databaseAnswers();
        boolean writable = answers && writes.canWrite();
        res.status(writable ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.headers().contentType(HttpMediaTypes.JSON_UTF_8);
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(
                writable
                        ? "{\"status\":\"UP\"}"
                        : answers
                                ? "{\"status\":\"DOWN\",\"reason\":\"the database cannot write\"}"
                                : "{\"status\":\"DOWN\"}");
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}

package org.branchwork.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.service.BackupService;

/**
 * {@code POST /api/v1/admin/backup}: an online backup of the node's data, written to
 * {@code <data folder>/backups/<UTC time>/} (201 with where, what and how long). The body is
 * ignored: where a backup goes is never a request's to choose.
 */
public final class BackupEndpoint implements HttpService {

    private final BackupService backups;

    public BackupEndpoint(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::backUp);
    }

    private void backUp(ServerRequest req, ServerResponse res) {
        BackupService.Backup backup = backups.backUp(ApiAuth.actingIn(req));
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("path", backup.folder().toString())
                .put("bytes", backup.bytes())
                .put("millis", backup.took().toMillis());
        ArrayNode files = out.putArray("files");
        backup.files().forEach(f -> files.add(backup.folder().relativize(f).toString()));
        ApiJson.send(res, Status.CREATED_201, out);
    }
}

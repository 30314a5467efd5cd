package org.branchwork.node;

import java.nio.file.Path;
import java.util.List;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.StartupException;
import org.branchwork.node.service.BackupService;
import org.branchwork.node.storage.Database;

/**
 * {@code java -jar branchwork-node.jar backup DIR [--config FILE]}: writes a backup of a stopped
 * node's data folder to {@code DIR} (a data folder itself: {@code DIR/db/}). A running node holds
 * its database's lock; back that one up online with {@code POST /api/v1/admin/backup}.
 */
public final class BackupCommand {

    private BackupCommand() {}

    /** Whether the command line asks for a backup rather than a node. */
    static boolean isAsked(String[] args) {
        return args.length > 0 && args[0].equals("backup");
    }

    /** The folder to write to, and the arguments left for the configuration. */
    static Path target(String[] args) {
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new StartupException("backup needs a folder to write to: backup DIR [--config FILE]");
        }
        return Path.of(args[1]);
    }

    static List<String> rest(String[] args) {
        return List.of(args).subList(Math.min(2, args.length), args.length);
    }

    /** Backs up the database the configuration names into {@code target}. */
    public static BackupService.Backup run(NodeConfig config, Path target) {
        String url = config.jdbcUrl();
        Path hint = config.dataDir().toAbsolutePath().resolve("db");
        Database database;
        try {
            database = Database.open(url, hint);
        } catch (StartupException e) {
            throw new StartupException(
                    e.getMessage() + " A running node is backed up online: POST /api/v1/admin/backup.", e);
        }
        try {
            return BackupService.into(database, target);
        } finally {
            database.close();
        }
    }
}

package org.branchwork.node.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.Database;

/**
 * Online backups of the node's data. A backup is itself a data folder: {@code db/} holding the
 * database's files, so restoring is starting a node with {@code BRANCHWORK_DATA_DIR} on a copy of
 * it (docs/OPERATING.md). Each lands in {@code <data folder>/backups/<UTC time>/}, never in a place
 * a request names.
 */
public final class BackupService {

    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What a backup wrote. */
    public record Backup(Path folder, List<Path> files, long bytes, Duration took) {}

    private final Database database;
    private final Path backups;
    private final AuditLog audit;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();

    public BackupService(Database database, Path dataDir, AuditLog audit, Clock clock) {
        this.database = database;
        this.backups = dataDir.toAbsolutePath().resolve("backups");
        this.audit = audit;
        this.clock = clock;
    }

    /** Backs the database up now, while the node serves requests (writes wait while the files are copied). */
    public Backup backUp(Acting who) {
        if (who == null || !who.can(Role.ADMIN)) {
            throw new NotAllowed("Backups need the admin role.");
        }
        // One backup at a time: two in the same second would pick the same folder.
        running.lock();
        try {
            return backUpNow(who);
        } finally {
            running.unlock();
        }
    }

    private Backup backUpNow(Acting who) {
        Path folder = backups.resolve(NAME.format(clock.instant()));
        for (int n = 2; Files.exists(folder); n++) {
            folder = backups.resolve(NAME.format(clock.instant()) + "-" + n);
        }
        Backup backup = into(database, folder);
        audit.record(
                who,
                "node.backed_up",
                null,
                backup.folder() + ": " + backup.files().size() + " files, " + backup.bytes() + " bytes");
        return backup;
    }

    /** Writes a backup of {@code database} as a data folder at {@code folder} (also the command line's way). */
    public static Backup into(Database database, Path folder) {
        long started = System.nanoTime();
        List<Path> files = database.backup(folder.resolve("db"));
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Backup(folder, files, bytes, Duration.ofNanos(System.nanoTime() - started));
    }
}

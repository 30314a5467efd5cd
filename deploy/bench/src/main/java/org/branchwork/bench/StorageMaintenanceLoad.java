package org.branchwork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.NodeConfigLoader;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberDetails;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.BackupService;
import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.MemberStore;

/**
 * What keeping members' data costs the node's database at a size: an online backup, and the
 * compaction ({@code CHECKPOINT DEFRAG}) that makes an erasure final in the files. The embedded
 * database as a node opens it, filled with {@code members} generated members.
 *
 * <p>Usage: {@code StorageMaintenanceLoad [members=100000]}
 */
public final class StorageMaintenanceLoad {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path data = Files.createTempDirectory("branchwork-storage-bench");
        NodeConfig config = new NodeConfigLoader(
                        Map.of("BRANCHWORK_DATA_DIR", data.toString(), "BRANCHWORK_PORT", "0"), List.of())
                .load();
        Database.prepareFolder(config.dataDir());
        Database db = Database.open(config.jdbcUrl(), data.resolve("db"));
        MemberStore members = new MemberStore();
        try {
            long started = System.nanoTime();
            Member[] first = new Member[1];
            for (int from = 0; from < count; from += 1000) {
                int start = from;
                db.transactions().inTransaction(c -> {
                    for (int i = start; i < Math.min(start + 1000, count); i++) {
                        Member m = members.insert(
                                c,
                                new MemberDetails(
                                        "Member " + i,
                                        "member" + i + "@example.org",
                                        "SK1 3XE",
                                        "07700 900" + String.format("%03d", i % 1000),
                                        true),
                                null,
                                Role.MEMBER,
                                "bench",
                                null,
                                Instant.now());
                        if (first[0] == null) {
                            first[0] = m;
                        }
                    }
                    return null;
                });
            }
            System.out.printf(
                    "%d members inserted in %.1f s; data file %d MB%n",
                    count,
                    (System.nanoTime() - started) / 1e9,
                    Files.size(data.resolve("db/branchwork.data")) / (1024 * 1024));

            for (int run = 1; run <= 3; run++) {
                BackupService.Backup backup = BackupService.into(db, data.resolve("backups/run" + run));
                System.out.printf(
                        "online backup %d: %d ms, %d MB in %d files%n",
                        run,
                        backup.took().toMillis(),
                        backup.bytes() / (1024 * 1024),
                        backup.files().size());
            }
            for (int run = 1; run <= 3; run++) {
                Member gone = first[0];
                db.transactions().inTransaction(c -> members.delete(c, gone.id()));
                db.erased();
                long t = System.nanoTime();
                db.compact();
                System.out.printf(
                        "erasure compaction %d (CHECKPOINT DEFRAG): %d ms%n", run, (System.nanoTime() - t) / 1_000_000);
                first[0] = db.transactions()
                        .inTransaction(c -> members.insert(
                                c,
                                new MemberDetails(
                                        "Again " + gone.id().value(),
                                        "again" + gone.id().value() + "@example.org",
                                        "SK1 3XE",
                                        "",
                                        true),
                                null,
                                Role.MEMBER,
                                "bench",
                                null,
                                Instant.now()));
            }
        } finally {
            db.close();
        }
    }
}

package org.branchwork.node.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteProbeTest {

    private final Database db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aDatabaseThatAnswersButCannotWriteIsReportedAndRecoversOnItsOwn() throws Exception {
        WriteProbe probe = new WriteProbe(db.dataSource(), Clock.systemUTC());
        assertThat(probe.canWrite()).isTrue();

        // What a full disk does to writes, without filling one: the table refuses them.
        execute("SET TABLE health_probe READ ONLY");
        assertThat(probe.checkNow()).isFalse();
        assertThat(probe.canWrite()).as("the answer holds between checks").isFalse();

        execute("SET TABLE health_probe READ WRITE");
        assertThat(probe.checkNow()).isTrue();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package org.branchwork.node.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import org.branchwork.node.service.Mailer;

import static org.assertj.core.api.Assertions.assertThat;

class LogMailerTest {

    @Test
    void aMailThatCannotGoIsLoggedWithoutTheAddressOrTheText() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(LogMailer.class.getName());
        logger.addHandler(capture);
        try {
            new LogMailer()
                    .send(new Mailer.Mail(
                            "jo.bloggs@example.org",
                            "Confirm your email",
                            "Open https://stockport.example/join/confirm?token=abc"));
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(logged)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .doesNotContain("jo.bloggs")
                        .contains("***@example.org")
                        .contains("Confirm your email")
                        .doesNotContain("token=abc"));
    }
}

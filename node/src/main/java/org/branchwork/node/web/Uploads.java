package org.branchwork.node.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Reading a {@code multipart/form-data} upload. Helidon's multipart module does not resolve here,
 * and Jakarta Mail (already our mail library) parses MIME multiparts well, so it does this too.
 */
public final class Uploads {

    /** The text fields and the one file of a form. */
    public record Upload(Map<String, String> fields, String fileName, byte[] file) {
        public String field(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    private Uploads() {}

    public static Upload read(ServerRequest req, int maxBytes) {
        String type = req.headers().value(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new BadRequestException("Expected a file upload (multipart/form-data).");
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new BadRequestException("The upload broke off: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw new BadRequestException("The file is larger than " + (maxBytes / (1024 * 1024)) + " MB; split it.");
        }
        try {
            MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, type));
            Map<String, String> fields = new HashMap<>();
            String fileName = "";
            byte[] file = new byte[0];
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String[] disposition = part.getHeader("Content-Disposition");
                if (disposition == null || disposition.length == 0) {
                    continue;
                }
                ContentDisposition cd = new ContentDisposition(disposition[0]);
                String name = Optional.ofNullable(cd.getParameter("name")).orElse("");
                byte[] bytes;
                try (InputStream in = part.getInputStream()) {
                    bytes = in.readAllBytes();
                }
                if (cd.getParameter("filename") != null) {
                    fileName = cd.getParameter("filename");
                    file = bytes;
                } else {
                    fields.put(name, new String(bytes, StandardCharsets.UTF_8));
                }
            }
            return new Upload(fields, fileName, file);
        } catch (MessagingException | IOException e) {
            throw new BadRequestException("The upload is not a readable form: " + e.getMessage());
        }
    }
}

package org.branchwork.node.service;

import java.net.URI;
import java.util.function.Supplier;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.storage.MailQueueStore.Queued;

/**
 * Turns a queued row into the mail that leaves: a mailing's Markdown as the text part and its
 * sanitised HTML as the alternative, under the branch's name and postal address, with the
 * recipient's own unsubscribe link in the footer and in the {@code List-Unsubscribe} header; an
 * event's mail as the text it was queued with; a consultation's, with the elector's own voting link. The {@code Message-ID} is the row's, so a mail sent
 * again after a crash says it is the same mail.
 */
public final class MailComposer {

    /**
     * A mailing as its recipients will see it.
     *
     * @param body the HTML part's body (sanitised content and footer), as the preview page shows it
     * @param html the whole HTML part
     */
    public record Preview(String subject, String body, String html, String text) {}

    /** The sanitised HTML of the last mailings' Markdown: the same for every recipient, rendered once. */
    private final java.util.Map<String, String> rendered =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > 8;
                }
            });

    private final MailLinks links;
    private final Supplier<URI> origin;
    private final Supplier<String> branchName;

    public MailComposer(MailLinks links, Supplier<URI> origin, Supplier<String> branchName) {
        this.links = links;
        this.origin = origin;
        this.branchName = branchName;
    }

    /** Who a batch of mails comes from, read once per batch: the branch's name and postal address. */
    record Sender(String branch, String postalAddress) {}

    Sender sender(String postalAddress) {
        return new Sender(branchName.get(), postalAddress);
    }

    MailTransport.OutgoingMail compose(Queued q, Mailing mailing, Sender from) {
        String messageId = "<mail-" + q.id() + "@" + origin.get().getHost() + ">";
        if (q.kind().bulk()) {
            Consent.Purpose purpose = mailing == null ? Consent.Purpose.BRANCH : mailing.purpose();
            URI unsubscribe = unsubscribeLink(q.member(), purpose, mailing);
            String subject = q.kind() == MailKind.MAILING_TEST ? "[Test] " + q.subject() : mailing.subject();
            String markdown = q.kind() == MailKind.MAILING_TEST ? q.body() : mailing.markdown();
            Preview p = render(subject, markdown, purpose, from, unsubscribe);
            return new MailTransport.OutgoingMail(
                    q.email(), q.displayName(), p.subject(), p.text(), p.html(), null, unsubscribe, messageId);
        }
        String body = q.consultation() == null
                ? q.body()
                : q.body()
                        .replace(
                                BallotMails.LINK,
                                ballotLink(q.member(), q.consultation()).toString());
        String text = body + "\n\n-- \n" + from.branch() + "\n" + origin.get();
        return new MailTransport.OutgoingMail(
                q.email(), q.displayName(), q.subject(), text, null, q.calendar(), null, messageId);
    }

    /** The mailing as a recipient sees it, with a sample unsubscribe link. */
    public Preview preview(Mailing m, String postalAddress) {
        return render(
                m.subject(),
                m.markdown(),
                m.purpose(),
                sender(postalAddress),
                origin.get().resolve("/unsubscribe/example"));
    }

    private URI ballotLink(MemberId member, ConsultationId consultation) {
        return origin.get().resolve("/vote/" + links.ballotToken(member, consultation));
    }

    private URI unsubscribeLink(MemberId member, Consent.Purpose purpose, Mailing mailing) {
        String path = "/unsubscribe/" + links.unsubscribeToken(member, purpose);
        return origin.get()
                .resolve(mailing == null ? path : path + "?m=" + mailing.id().value());
    }

    private Preview render(String subject, String markdown, Consent.Purpose purpose, Sender from, URI unsubscribe) {
        String branch = from.branch();
        String postalAddress = from.postalAddress();
        String why = purpose == Consent.Purpose.BRANCH
                ? "You get this because you agreed to hear from " + branch + "."
                : "You get this because you agreed to get national's messages through " + branch + ".";
        String address = postalAddress == null || postalAddress.isBlank() ? "" : postalAddress.strip();
        URI preferences = origin.get().resolve("/me");
        String text = markdown.strip() + "\n\n-- \n" + branch + (address.isEmpty() ? "" : ", " + address) + "\n" + why
                + "\nUnsubscribe: " + unsubscribe + "\nYour preferences: " + preferences + "\n";
        String body = rendered.computeIfAbsent(markdown, HtmlContent::fromMarkdown) + "\n<hr>\n<p><small>"
                + escape(branch)
                + (address.isEmpty() ? "" : ", " + escape(address)) + "<br>" + escape(why) + "<br><a href=\""
                + escape(unsubscribe.toString()) + "\">Unsubscribe</a> · <a href=\"" + escape(preferences.toString())
                + "\">Your preferences</a></small></p>\n";
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(subject)
                + "</title></head>\n<body>\n" + body + "</body></html>\n";
        return new Preview(subject, body, html, text);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

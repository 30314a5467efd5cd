package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.branchwork.node.domain.BranchRelay;
import org.branchwork.node.domain.Broadcast;
import org.branchwork.node.domain.BroadcastId;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.RelayCounts;
import org.branchwork.node.domain.RelayState;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.BroadcastStore;
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;

/**
 * National broadcasts, the sender's side: an organiser writes one (subject, Markdown, optionally a
 * campaign of ours whose adopters it is meant for) and it goes to every follower; the branches
 * that follow answer with signed reports (their state and counts), which are kept only from a
 * follower it went to, only for a broadcast we sent, and only when newer than the one held. This
 * node never learns a member's name or address: a branch mails its own members. A branch's side
 * is {@link RelayService}.
 */
public final class BroadcastService {

    /** What the organiser typed. {@code segment} is a campaign id of this node's, or blank. */
    public record Input(String subject, String markdown, String segment) {}

    /** A published broadcast, or why not. */
    public record Result(Broadcast broadcast, List<FieldError> errors) {}

    /** A broadcast with each follower's standing and the totals of the counts reported. */
    public record Standing(Broadcast broadcast, List<BranchRelay> branches, RelayCounts totals) {

        /** Followers that answered (branches; other servers never do). */
        public List<BranchRelay> answered() {
            return branches.stream()
                    .filter(b -> b.state() != RelayState.DELIVERED)
                    .toList();
        }

        public int unanswered() {
            return branches.size() - answered().size();
        }
    }

    private final Transactions tx;
    private final BroadcastStore broadcasts;
    private final CampaignStore campaigns;
    private final FollowStore follows;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final Clock clock;

    public BroadcastService(
            Transactions tx,
            BroadcastStore broadcasts,
            CampaignStore campaigns,
            FollowStore follows,
            FederationOutbox outbox,
            Runnable afterCommit,
            Clock clock) {
        this.tx = tx;
        this.broadcasts = broadcasts;
        this.campaigns = campaigns;
        this.follows = follows;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** Publishes a broadcast to every follower, recording each as one it went to. */
    public Result publish(Acting who, Input in) {
        NotAllowed.unless(who, Role.ORGANISER);
        List<FieldError> errors = new ArrayList<>();
        String subject = in.subject() == null ? "" : in.subject().strip();
        if (subject.isEmpty()) {
            errors.add(new FieldError("subject", "Give the broadcast a subject."));
        } else if (subject.length() > MailingService.MAX_SUBJECT) {
            errors.add(
                    new FieldError("subject", "A subject is at most " + MailingService.MAX_SUBJECT + " characters."));
        } else if (subject.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("subject", "A subject is one line, without control characters."));
        }
        String markdown = in.markdown() == null ? "" : in.markdown().replace("\r\n", "\n");
        if (markdown.isBlank()) {
            errors.add(new FieldError("content", "Write the broadcast's text."));
        } else if (markdown.length() > MailingService.MAX_MARKDOWN) {
            errors.add(
                    new FieldError("content", "The text is at most " + MailingService.MAX_MARKDOWN + " characters."));
        }
        CampaignId segment = null;
        String s = in.segment() == null ? "" : in.segment().strip();
        if (!s.isEmpty()) {
            try {
                CampaignId id = CampaignId.parse(s);
                if (tx.inTransaction(c -> campaigns.find(c, id)).isEmpty()) {
                    errors.add(new FieldError("segment", "There is no such campaign on this node."));
                } else {
                    segment = id;
                }
            } catch (IllegalArgumentException bad) {
                errors.add(new FieldError("segment", "Choose one of this node's campaigns, or none."));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        Broadcast b = new Broadcast(
                BroadcastId.random(), subject, markdown, HtmlContent.fromMarkdown(markdown), segment, clock.instant());
        tx.inTransaction(c -> {
            broadcasts.insert(c, b);
            Set<URI> recipients = new LinkedHashSet<>();
            for (FollowStore.Follower f : follows.followers(c)) {
                recipients.add(f.actor());
            }
            broadcasts.delivered(c, b.id(), recipients);
            outbox.publish(c, new DomainChange.BroadcastPublished(b));
            return null;
        });
        afterCommit.run();
        return new Result(b, List.of());
    }

    public List<Broadcast> recent(Acting who, int limit) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> broadcasts.recent(c, limit));
    }

    public Optional<Standing> standing(Acting who, BroadcastId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            Optional<Broadcast> b = broadcasts.find(c, id);
            if (b.isEmpty()) {
                return Optional.<Standing>empty();
            }
            List<BranchRelay> branches = broadcasts.branches(c, id);
            RelayCounts totals = RelayCounts.NONE;
            for (BranchRelay r : branches) {
                totals = totals.plus(r.counts());
            }
            return Optional.of(new Standing(b.get(), branches, totals));
        });
    }

    /**
     * A branch's signed report (the pipeline has made sure the signer is {@code branch}): kept
     * only for a broadcast of ours that went to that follower, with counts of at least 0, and only
     * when made after the one held; anything else is refused.
     */
    public Effect reported(BroadcastId id, URI branch, RelayState state, RelayCounts counts, Instant reportedAt) {
        // The column keeps microseconds: compared at the precision it is kept at, a replay with nanoseconds is one too.
        Instant at = reportedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (counts.sent() < 0 || counts.failed() < 0 || counts.unsubscribed() < 0) {
            return Effect.refused("a report's counts are at least 0");
        }
        return tx.inTransaction(c -> {
            if (broadcasts.find(c, id).isEmpty()) {
                return Effect.refused("no such broadcast: " + id.value());
            }
            Optional<BranchRelay> held = broadcasts.branch(c, id, branch);
            if (held.isEmpty()) {
                return Effect.refused("the broadcast did not go to " + branch);
            }
            if (!broadcasts.report(c, id, branch, state, counts, at, clock.instant())) {
                return Effect.refused("a report made at " + at + " is not newer than the one held (made at "
                        + held.get().reportedAt() + "): a replay");
            }
            return Effect.changed("broadcast report from " + branch + ": " + state.code() + ", " + counts.sent()
                    + " sent, " + counts.failed() + " failed, " + counts.unsubscribed() + " unsubscribed");
        });
    }
}

package org.branchwork.node;

import org.branchwork.node.service.AdoptionService;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.service.EventCalendar;
import org.branchwork.node.service.EventMails;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.NetworkFeed;
import org.branchwork.node.service.PollRsvps;
import org.branchwork.node.service.ProfileService;
import org.branchwork.node.service.RsvpService;
import org.branchwork.node.storage.AnnouncementStore;
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.OutgoingRsvpStore;
import org.branchwork.node.storage.PollVoteStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.SubscriptionStore;

/**
 * What the branch publishes and takes part in: announcements, events and RSVPs (its own and its
 * members' to other branches), members' public profiles and subscriptions, and campaigns from both
 * ends. Each service tells the network through the federation's outbox.
 */
record ContentAssembly(
        AnnouncementService announcements,
        EventService events,
        RsvpService attendance,
        PollRsvps pollRsvps,
        CampaignService campaigns,
        AdoptionService adoptions,
        NetworkFeed network,
        ProfileService profiles,
        RsvpStore rsvps,
        EventStore eventStore,
        OutgoingRsvpStore outgoingRsvps,
        SubscriptionStore subscriptions) {

    static ContentAssembly build(Foundation f, FederationAssembly fed, MailAssembly mail) {
        Runnable wake = () -> {
            fed.worker().wake();
            mail.queue().wake();
        };
        AnnouncementService announcements =
                new AnnouncementService(f.tx(), new AnnouncementStore(), fed.outbox(), wake, f.clock());
        RsvpStore rsvps = new RsvpStore();
        EventStore eventStore = new EventStore();
        EventMails mails = new EventMails(
                f.tx(),
                new MailQueueStore(),
                eventStore,
                rsvps,
                new EventCalendar(
                        f.uris()::event,
                        () -> f.branches().current().map(b -> b.name()).orElse("Branchwork")),
                mail.links(),
                f.uris()::event,
                () -> f.origin().uri(),
                f.clock(),
                mail.queue()::wake);
        mail.queue().beforeClaim(mails::remindDue);
        EventService events = new EventService(f.tx(), eventStore, rsvps, fed.outbox(), wake, mails, f.clock());
        RsvpService attendance =
                new RsvpService(f.tx(), eventStore, rsvps, f.memberStore(), fed.outbox(), wake, mails, f.clock());
        PollRsvps pollRsvps = new PollRsvps(
                f.tx(), eventStore, new PollVoteStore(), rsvps, attendance, fed.outbox(), wake, f.clock());
        mail.queue().beforeClaim(pollRsvps::closeDue);
        CampaignService campaigns = new CampaignService(f.tx(), new CampaignStore(), fed.outbox(), wake, f.clock());
        AdoptionService adoptions = new AdoptionService(
                f.tx(), fed.adoptedCampaigns(), fed.remoteObjects(), fed.fediverse(), fed.outbox(), wake, f.clock());
        OutgoingRsvpStore outgoingRsvps = new OutgoingRsvpStore();
        SubscriptionStore subscriptions = new SubscriptionStore();
        ProfileService profiles = new ProfileService(
                f.tx(),
                f.profileStore(),
                subscriptions,
                outgoingRsvps,
                fed.remoteObjects(),
                fed.fediverse(),
                fed.outbox(),
                () -> f.branches().current().map(b -> b.slug()),
                wake,
                f.random(),
                f.clock());
        NetworkFeed network = new NetworkFeed(
                f.tx(), fed.followStore(), fed.remoteObjects(), fed.adoptedCampaigns(), fed.fediverse());
        return new ContentAssembly(
                announcements,
                events,
                attendance,
                pollRsvps,
                campaigns,
                adoptions,
                network,
                profiles,
                rsvps,
                eventStore,
                outgoingRsvps,
                subscriptions);
    }
}

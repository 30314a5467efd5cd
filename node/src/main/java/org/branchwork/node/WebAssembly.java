package org.branchwork.node;

import java.util.function.BooleanSupplier;

import org.branchwork.node.api.AnnouncementsEndpoint;
import org.branchwork.node.api.ApiAuth;
import org.branchwork.node.api.BackupEndpoint;
import org.branchwork.node.api.BroadcastsEndpoint;
import org.branchwork.node.api.CampaignsEndpoint;
import org.branchwork.node.api.ConsultationsEndpoint;
import org.branchwork.node.api.DeliveriesEndpoint;
import org.branchwork.node.api.EventsEndpoint;
import org.branchwork.node.api.FederationPolicyEndpoint;
import org.branchwork.node.api.FollowRequestsEndpoint;
import org.branchwork.node.api.FollowsEndpoint;
import org.branchwork.node.api.InboxDeadLettersEndpoint;
import org.branchwork.node.api.MailingsEndpoint;
import org.branchwork.node.api.MembersEndpoint;
import org.branchwork.node.federation.inbound.InboxEndpoint;
import org.branchwork.node.federation.mapping.ActorMapper;
import org.branchwork.node.federation.outbound.OutboundPublisher;
import org.branchwork.node.federation.wellknown.ActorEndpoint;
import org.branchwork.node.federation.wellknown.ContextEndpoint;
import org.branchwork.node.federation.wellknown.NodeInfoEndpoint;
import org.branchwork.node.federation.wellknown.ObjectEndpoint;
import org.branchwork.node.federation.wellknown.WebFingerEndpoint;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.BackupService;
import org.branchwork.node.service.RsvpAnswers;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.WriteProbe;
import org.branchwork.node.web.CalendarFeeds;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Dates;
import org.branchwork.node.web.ErrorHandlers;
import org.branchwork.node.web.HealthEndpoint;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Templates;
import org.branchwork.node.web.pages.AccountPages;
import org.branchwork.node.web.pages.AdminPages;
import org.branchwork.node.web.pages.AnnouncementPages;
import org.branchwork.node.web.pages.BroadcastPages;
import org.branchwork.node.web.pages.CampaignFormPages;
import org.branchwork.node.web.pages.CampaignPages;
import org.branchwork.node.web.pages.CheckInPages;
import org.branchwork.node.web.pages.ConsultationExportPages;
import org.branchwork.node.web.pages.ConsultationPages;
import org.branchwork.node.web.pages.ConsultationTakeUpPages;
import org.branchwork.node.web.pages.EventFormPages;
import org.branchwork.node.web.pages.EventPages;
import org.branchwork.node.web.pages.FeedPages;
import org.branchwork.node.web.pages.FollowPages;
import org.branchwork.node.web.pages.HomePages;
import org.branchwork.node.web.pages.ImportPages;
import org.branchwork.node.web.pages.MailingListPages;
import org.branchwork.node.web.pages.MailingPages;
import org.branchwork.node.web.pages.MemberEditPages;
import org.branchwork.node.web.pages.MemberPages;
import org.branchwork.node.web.pages.NetworkInView;
import org.branchwork.node.web.pages.OrganiserPages;
import org.branchwork.node.web.pages.RsvpLinkPages;
import org.branchwork.node.web.pages.SetupPages;
import org.branchwork.node.web.pages.UnsubscribePages;
import org.branchwork.node.web.pages.VoteLinkPages;

/**
 * Everything that answers HTTP: pages, the API, the federation's endpoints, health and errors,
 * built over the other assemblies' services, as the {@link Routes} table takes them.
 */
final class WebAssembly {

    private WebAssembly() {}

    static Routes.Components build(
            Foundation f,
            FederationAssembly fed,
            ContentAssembly content,
            MembersAssembly members,
            MailAssembly mail,
            RelayAssembly relay,
            InboxAssembly inbox,
            ConsultationAssembly consultations,
            BooleanSupplier ready) {
        LocalUris uris = f.uris();
        BooleanSupplier secure = () -> "https".equals(f.origin().uri().getScheme());
        Sessions sessions = new Sessions(members.sessions(), secure, f.clock());
        Csrf csrf = new Csrf(f.random(), f.origin()::uri, secure);
        ApiAuth apiAuth = new ApiAuth(f.config().configuredAdminToken(), sessions, csrf);
        Templates templates = new Templates();
        Pages pages = new Pages(templates, f.branches(), new Dates(f.config().timeZone()));
        NetworkInView network =
                new NetworkInView(content.campaigns(), content.adoptions(), content.network(), pages.dates());
        SetupPages setupPages = new SetupPages(f.setup(), f.branches(), templates, sessions);
        WriteProbe writeProbe = new WriteProbe(f.database().dataSource(), f.clock());
        OutboundPublisher.Mappers mappers = fed.mappers();
        return new Routes.Components(
                new HealthEndpoint(f.database().dataSource(), ready, writeProbe),
                setupPages,
                new HomePages(
                        f.branches(),
                        f.setup(),
                        setupPages,
                        templates,
                        f.origin(),
                        sessions,
                        content.announcements(),
                        content.events(),
                        network,
                        pages.dates()),
                new ErrorHandlers(templates, writeProbe),
                new WebFingerEndpoint(f.actors(), uris),
                new NodeInfoEndpoint(f.actors(), uris, StartupChecks.version()),
                new ContextEndpoint(),
                new ActorEndpoint(
                        f.actors(),
                        new ActorMapper(uris),
                        uris,
                        f.codec(),
                        f.tx(),
                        fed.followStore(),
                        fed.peerPolicy()::manualApproval),
                new InboxEndpoint(inbox.pipeline(), inbox.processor(), f.origin()),
                new FollowsEndpoint(fed.followService(), apiAuth),
                new AnnouncementsEndpoint(content.announcements(), uris, apiAuth),
                new EventsEndpoint(content.events(), content.attendance(), members.checkIn(), uris, apiAuth, f.clock()),
                new CampaignsEndpoint(content.campaigns(), content.adoptions(), uris, apiAuth),
                apiAuth.admin(new FederationPolicyEndpoint(fed.peerPolicy(), members.nodeSettings())),
                apiAuth.admin(new FollowRequestsEndpoint(fed.followService())),
                apiAuth.admin(new DeliveriesEndpoint(fed.deliveryQueue())),
                apiAuth.admin(new InboxDeadLettersEndpoint(inbox.deadLetters())),
                apiAuth.admin(new BackupEndpoint(
                        new BackupService(f.database(), f.config().dataDir(), members.audit(), f.clock()))),
                new MembersEndpoint(members.members(), apiAuth),
                new MailingsEndpoint(mail.mailings(), apiAuth),
                new ConsultationsEndpoint(
                        consultations.consultations(),
                        consultations.network(),
                        consultations.takeUp(),
                        uris,
                        () -> f.branches().current().map(b -> uris.branchActor(b.slug())),
                        apiAuth),
                new ConsultationPages(
                        consultations.consultations(), consultations.network(), sessions, csrf, pages, uris, f.clock()),
                new ConsultationExportPages(
                        consultations.consultations(), consultations.network(), sessions, pages, uris),
                new VoteLinkPages(consultations.consultations(), mail.links(), sessions, pages, f.clock()),
                new BroadcastsEndpoint(relay.broadcasts(), relay.relay(), uris, apiAuth),
                new UnsubscribePages(mail.unsubscribes(), sessions, pages),
                new RsvpLinkPages(
                        new RsvpAnswers(f.tx(), new EventStore(), content.rsvps(), content.attendance(), mail.links()),
                        sessions,
                        pages),
                new MailingListPages(mail.mailings(), sessions, csrf, pages),
                new MailingPages(mail.mailings(), content.events(), sessions, csrf, pages, f.clock()),
                new BroadcastPages(relay.broadcasts(), relay.relay(), content.campaigns(), sessions, csrf, pages),
                new ConsultationTakeUpPages(
                        consultations.consultations(), consultations.takeUp(), sessions, csrf, pages),
                new AccountPages(members.accounts(), sessions, csrf, pages),
                new MemberPages(
                        members.members(),
                        members.erasure(),
                        content.attendance(),
                        content.profiles(),
                        consultations.consultations(),
                        network,
                        members.checkIn(),
                        sessions,
                        csrf,
                        pages),
                new MemberEditPages(members.members(), members.erasure(), sessions, csrf, pages),
                new OrganiserPages(members.members(), members.export(), members.checkIn(), sessions, csrf, pages),
                new ImportPages(members.imports(), sessions, csrf, pages),
                new AdminPages(
                        fed.followService(),
                        fed.fediverse(),
                        members.members(),
                        fed.deliveryQueue(),
                        inbox.deadLetters(),
                        members.nodeSettings(),
                        members.audit(),
                        sessions,
                        csrf,
                        pages),
                new FollowPages(fed.followService(), fed.fediverse(), members.audit(), sessions, csrf, pages),
                new ObjectEndpoint(
                        content.announcements(),
                        mappers.announcements(),
                        content.events(),
                        mappers.events(),
                        content.campaigns(),
                        mappers.campaigns(),
                        fed.signer(),
                        f.actors(),
                        f.codec(),
                        consultations.network(),
                        mappers.consultations(),
                        mappers.polls(),
                        content.pollRsvps(),
                        f.clock()),
                new CalendarFeeds(content.events(), content.announcements(), f.branches(), uris),
                new EventFormPages(content.events(), content.adoptions(), sessions, csrf, pages, f.clock()),
                new EventPages(content.events(), content.attendance(), sessions, csrf, pages, f.clock()),
                new CheckInPages(content.events(), members.checkIn(), members.members(), sessions, csrf, pages),
                new FeedPages(content.profiles(), sessions, csrf, pages, uris::authority),
                new CampaignFormPages(content.campaigns(), sessions, csrf, pages),
                new CampaignPages(
                        content.campaigns(), content.adoptions(), content.events(), sessions, csrf, pages, f.clock()),
                new AnnouncementPages(content.announcements(), sessions, csrf, pages));
    }
}

package org.branchwork.node;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

import org.branchwork.node.api.AnnouncementsEndpoint;
import org.branchwork.node.api.ApiAuth;
import org.branchwork.node.api.BroadcastsEndpoint;
import org.branchwork.node.api.CampaignsEndpoint;
import org.branchwork.node.api.ConsultationsEndpoint;
import org.branchwork.node.api.EventsEndpoint;
import org.branchwork.node.api.FollowsEndpoint;
import org.branchwork.node.api.MailingsEndpoint;
import org.branchwork.node.api.MembersEndpoint;
import org.branchwork.node.federation.inbound.InboxEndpoint;
import org.branchwork.node.federation.wellknown.ActorEndpoint;
import org.branchwork.node.federation.wellknown.ContextEndpoint;
import org.branchwork.node.federation.wellknown.NodeInfoEndpoint;
import org.branchwork.node.federation.wellknown.ObjectEndpoint;
import org.branchwork.node.federation.wellknown.WebFingerEndpoint;
import org.branchwork.node.web.CalendarFeeds;
import org.branchwork.node.web.ErrorHandlers;
import org.branchwork.node.web.HealthEndpoint;
import org.branchwork.node.web.SecurityHeaders;
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
import org.branchwork.node.web.pages.OrganiserPages;
import org.branchwork.node.web.pages.RsvpLinkPages;
import org.branchwork.node.web.pages.SetupPages;
import org.branchwork.node.web.pages.UnsubscribePages;
import org.branchwork.node.web.pages.VoteLinkPages;

/** The node's whole URL table, in one place. */
final class Routes {

    private Routes() {}

    static void register(HttpRouting.Builder routing, Components c) {
        routing.addFilter(new SecurityHeaders())
                .register("/health", c.health())
                .register(
                        "/static",
                        StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                                .location("static")
                                .build()))
                .register("/.well-known", c.webFinger(), c.nodeInfo().discovery())
                .register("/nodeinfo", c.nodeInfo().document())
                .register("/ns", c.context())
                .register("/api/v1/follows", c.follows())
                .register("/api/v1/announcements", c.announcements())
                .register("/api/v1/events", c.events())
                .register("/api/v1/campaigns", c.campaigns())
                .register("/api/v1/admin/follow-requests", c.followRequests())
                .register("/api/v1/admin/deliveries", c.deliveries())
                .register("/api/v1/admin/inbox", c.inboxDeadLetters())
                .register("/api/v1/admin/backup", c.backup())
                .register("/api/v1/members", c.members())
                .register("/api/v1/mailings", c.mailingsApi())
                .register("/api/v1/consultations", c.consultationsApi())
                .register("/api/v1/broadcasts", c.broadcastsApi())
                .register("/unsubscribe", c.unsubscribePages())
                .register("/rsvp", c.rsvpLinkPages())
                .register("/vote", c.voteLinkPages())
                .register("/me", c.memberPages(), c.feedPages())
                .register(
                        "/organise",
                        c.memberEditPages(),
                        c.organiserPages(),
                        c.importPages(),
                        c.mailingListPages(),
                        c.mailingPages(),
                        c.broadcastPages(),
                        c.consultationTakeUpPages())
                .register("/admin", c.adminPages(), c.followPages())
                .register("/api/v1/admin", c.policy())
                .register("/setup", c.setupPages())
                .register(
                        "/",
                        c.inbox(),
                        c.actors(),
                        c.objects(),
                        c.calendars(),
                        c.eventFormPages(),
                        c.eventPages(),
                        c.checkInPages(),
                        c.campaignFormPages(),
                        c.campaignPages(),
                        c.consultationPages(),
                        c.consultationExports(),
                        c.announcementPages(),
                        c.accountPages(),
                        c.homePages());
        c.errors().register(routing);
    }

    /** What the routes need, built by {@link WebAssembly}; the admin API's services come already behind {@code ApiAuth.admin}. */
    record Components(
            HealthEndpoint health,
            SetupPages setupPages,
            HomePages homePages,
            ErrorHandlers errors,
            WebFingerEndpoint webFinger,
            NodeInfoEndpoint nodeInfo,
            ContextEndpoint context,
            ActorEndpoint actors,
            InboxEndpoint inbox,
            FollowsEndpoint follows,
            AnnouncementsEndpoint announcements,
            EventsEndpoint events,
            CampaignsEndpoint campaigns,
            ApiAuth.AdminService policy,
            ApiAuth.AdminService followRequests,
            ApiAuth.AdminService deliveries,
            ApiAuth.AdminService inboxDeadLetters,
            ApiAuth.AdminService backup,
            MembersEndpoint members,
            MailingsEndpoint mailingsApi,
            ConsultationsEndpoint consultationsApi,
            ConsultationPages consultationPages,
            ConsultationExportPages consultationExports,
            VoteLinkPages voteLinkPages,
            BroadcastsEndpoint broadcastsApi,
            UnsubscribePages unsubscribePages,
            RsvpLinkPages rsvpLinkPages,
            MailingListPages mailingListPages,
            MailingPages mailingPages,
            BroadcastPages broadcastPages,
            ConsultationTakeUpPages consultationTakeUpPages,
            AccountPages accountPages,
            MemberPages memberPages,
            MemberEditPages memberEditPages,
            OrganiserPages organiserPages,
            ImportPages importPages,
            AdminPages adminPages,
            FollowPages followPages,
            ObjectEndpoint objects,
            CalendarFeeds calendars,
            EventFormPages eventFormPages,
            EventPages eventPages,
            CheckInPages checkInPages,
            FeedPages feedPages,
            CampaignFormPages campaignFormPages,
            CampaignPages campaignPages,
            AnnouncementPages announcementPages) {}
}

package org.branchwork.node.federation.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbound route table: exact (type, kind) entries first, then the type's any-kind handler, else ignored. */
class HandlerRegistryTest {

    private final ActivityCodec codec = new ActivityCodec();
    private final List<String> calls = new ArrayList<>();

    private HandlerRegistry registry(ObjectKind resolved) {
        return new HandlerRegistry(a -> resolved)
                .on(ActivityType.JOIN, ObjectKind.LOCAL_CAMPAIGN, in -> record("campaign join", in))
                .on(ActivityType.JOIN, ObjectKind.LOCAL_EVENT, in -> record("rsvp", in))
                .onAny(ActivityType.ACCEPT, in -> record("follow accepted", in))
                .on(ActivityType.ACCEPT, ObjectKind.OUR_JOIN, in -> record("rsvp answered", in));
    }

    private Outcome record(String what, Inbound in) {
        calls.add(what + " of " + in.kind() + (in.object().present() ? " (embedded)" : ""));
        return Outcome.handled(what);
    }

    @Test
    void theObjectKindPicksTheHandlerForOneActivityType() {
        assertThat(registry(ObjectKind.LOCAL_CAMPAIGN).dispatch(read(join()), parse(join())))
                .isEqualTo(Outcome.handled("campaign join"));
        assertThat(registry(ObjectKind.LOCAL_EVENT).dispatch(read(join()), parse(join())))
                .isEqualTo(Outcome.handled("rsvp"));
        assertThat(calls).containsExactly("campaign join of LOCAL_CAMPAIGN", "rsvp of LOCAL_EVENT");
    }

    @Test
    void anExactEntryWinsOverTheAnyKindHandler() {
        assertThat(registry(ObjectKind.OUR_JOIN).dispatch(read(accept()), parse(accept())))
                .isEqualTo(Outcome.handled("rsvp answered"));
        assertThat(registry(ObjectKind.LOCAL_OTHER).dispatch(read(accept()), parse(accept())))
                .isEqualTo(Outcome.handled("follow accepted"));
        assertThat(calls)
                .containsExactly("rsvp answered of OUR_JOIN (embedded)", "follow accepted of LOCAL_OTHER (embedded)");
    }

    @Test
    void whatNoHandlerTakesIsIgnoredWithTheReasonNotAnError() {
        Outcome outcome = registry(ObjectKind.REMOTE_REFERENCE).dispatch(read(join()), parse(join()));
        assertThat(outcome).isEqualTo(Outcome.ignored("no handler for Join of remote reference"));
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.IGNORED);
        assertThat(outcome.text()).isEqualTo("ignored: no handler for Join of remote reference");
        assertThat(calls).isEmpty();
    }

    @Test
    void aRouteIsRegisteredOnce() {
        HandlerRegistry registry = registry(ObjectKind.NONE);
        assertThatThrownBy(() -> registry.on(ActivityType.JOIN, ObjectKind.LOCAL_EVENT, in -> Outcome.handled("again")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.onAny(ActivityType.ACCEPT, in -> Outcome.handled("again")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRetryIsNeverFiledAsAnOutcome() {
        Outcome retry = new Outcome.RetryLater("origin down", null);
        assertThatThrownBy(retry::kind).isInstanceOf(IllegalStateException.class);
        assertThat(Outcome.handled("a").and(Outcome.ignored("b"))).isEqualTo(Outcome.handled("a; ignored: b"));
        assertThat(Outcome.ignored("b").and(Outcome.handled("a"))).isEqualTo(Outcome.handled("a; ignored: b"));
        assertThat(Outcome.handled("a").and(Outcome.handled("b"))).isEqualTo(Outcome.handled("a; b"));
        assertThat(Outcome.ignored("b").and(Outcome.refused("c")))
                .as("a refusal outweighs nothing-to-do, and its words are kept")
                .isEqualTo(Outcome.refused("c; ignored: b"));
        assertThat(Outcome.handled("a").and(retry))
                .as("a retry is never swallowed")
                .isSameAs(retry);
        assertThat(new Outcome.Failed("bug").kind()).isEqualTo(Outcome.Kind.FAILED);
    }

    private static String join() {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://peer.example/j/1\",\"type\":\"Join\","
                + "\"actor\":\"https://peer.example/users/a\",\"object\":\"https://branch.example/campaigns/1\"}";
    }

    private static String accept() {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://peer.example/a/1\",\"type\":\"Accept\","
                + "\"actor\":\"https://peer.example/users/a\",\"object\":{\"id\":\"https://branch.example/activities/9\","
                + "\"type\":\"Join\",\"actor\":\"https://branch.example/people/b\",\"object\":\"https://peer.example/events/1\"}}";
    }

    private JsonNode parse(String json) {
        try {
            return codec.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Activity read(String json) {
        return (Activity) ((Decoded.Read) codec.read(parse(json))).object();
    }
}

package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.branchwork.node.federation.inbound.ObjectKind;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.PublicOrigin;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;

import static org.assertj.core.api.Assertions.assertThat;

/** What an inbound activity's object is, resolved once, so that the route table can tell a campaign's Join from an event's. */
class ObjectKindsTest {

    private static final String OURS = "https://branch.example";
    private final ActivityCodec codec = new ActivityCodec();
    private final ObjectKinds kinds = new ObjectKinds(
            new LocalUris(new PublicOrigin(URI.create(OURS))),
            id -> id.toString().equals(OURS + "/activities/our-join"));

    @Test
    void ourObjectsAreKnownByTheirIds() {
        assertThat(kindOf("Join", "\"" + OURS + "/campaigns/0b0c7a1e-5a43-4d4e-9b7e-2f3c1d0e9a11\""))
                .isEqualTo(ObjectKind.LOCAL_CAMPAIGN);
        assertThat(kindOf("Join", "\"" + OURS + "/events/6f1e2d3c-4b5a-4978-8c9d-0e1f2a3b4c5d\""))
                .isEqualTo(ObjectKind.LOCAL_EVENT);
        assertThat(kindOf("Accept", "\"" + OURS + "/activities/our-join\"")).isEqualTo(ObjectKind.OUR_JOIN);
        assertThat(kindOf("Accept", "{\"id\":\"" + OURS + "/activities/our-follow\",\"type\":\"Follow\"}"))
                .as("our own Follow, embedded in the answer, is ours by its id")
                .isEqualTo(ObjectKind.LOCAL_OTHER);
        assertThat(kindOf("Follow", "\"" + OURS + "/groups/stockport\"")).isEqualTo(ObjectKind.LOCAL_OTHER);
    }

    @Test
    void remoteObjectsAreKnownByWhatIsEmbedded() {
        assertThat(kindOf(
                        "Undo",
                        "{\"id\":\"https://peer.example/f/1\",\"type\":\"Follow\",\"object\":\"" + OURS
                                + "/groups/s\"}"))
                .isEqualTo(ObjectKind.EMBEDDED_FOLLOW);
        assertThat(kindOf(
                        "Undo",
                        "{\"id\":\"https://peer.example/j/1\",\"type\":\"Join\",\"object\":\"" + OURS + "/events/1\"}"))
                .isEqualTo(ObjectKind.EMBEDDED_JOIN);
        assertThat(kindOf(
                        "Undo",
                        "{\"id\":\"https://peer.example/l/1\",\"type\":\"Like\",\"object\":\"" + OURS + "/events/1\"}"))
                .isEqualTo(ObjectKind.EMBEDDED_ACTIVITY);
        assertThat(kindOf("Create", "{\"id\":\"https://peer.example/n/1\",\"type\":\"Note\",\"content\":\"hi\"}"))
                .isEqualTo(ObjectKind.REMOTE_OBJECT);
        assertThat(kindOf("Undo", "\"https://peer.example/f/1\"")).isEqualTo(ObjectKind.REMOTE_REFERENCE);
    }

    private ObjectKind kindOf(String type, String object) {
        String json = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://peer.example/x/" + type
                + "\",\"type\":\"" + type + "\",\"actor\":\"https://peer.example/users/a\",\"object\":" + object + "}";
        try {
            return kinds.apply((Activity)
                    ((Decoded.Read) codec.read(codec.parse(json.getBytes(StandardCharsets.UTF_8)))).object());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

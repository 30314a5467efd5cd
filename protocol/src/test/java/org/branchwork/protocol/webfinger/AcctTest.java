package org.branchwork.protocol.webfinger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcctTest {

    @Test
    void acceptsTheUsualSpellingsAndNormalisesTheHost() {
        assertThat(Acct.parse("acct:stockport@Stockport.Example.ORG"))
                .isEqualTo(new Acct("stockport", "stockport.example.org"));
        assertThat(Acct.parse("@stockport@stockport.example.org"))
                .isEqualTo(new Acct("stockport", "stockport.example.org"));
        assertThat(Acct.parse("stockport@localhost:8081")).isEqualTo(new Acct("stockport", "localhost:8081"));
        assertThat(Acct.parse("zürich@bücher.example").host()).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "stockport",
                "@stockport",
                "stockport@",
                "a@b@c.example",
                "user@evil.example/@good.example",
                "user@good.example%2F@evil.example",
                "user@good.example?x=@evil.example",
                "user@good.example#@evil.example",
                "user@good.example:99999",
                "user@good.example:",
                "us er@good.example",
                "user@.example",
                "user@exa mple.org",
                "user:pass@good.example",
                "user@good.example\\@evil.example"
            })
    void refusesHandlesThatCouldNameTwoHosts(String handle) {
        assertThatThrownBy(() -> Acct.parse(handle)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsTheWebFingerQuery() {
        assertThat(Acct.parse("stockport@stockport.example").webFingerUrl("https"))
                .isEqualTo(
                        URI.create(
                                "https://stockport.example/.well-known/webfinger?resource=acct%3Astockport%40stockport.example"));
    }

    @Test
    void jrdRoundTripsAndFindsTheActor() {
        Jrd jrd = new Jrd(
                "acct:stockport@stockport.example",
                List.of("https://stockport.example/actor"),
                List.of(
                        new Jrd.JrdLink(
                                "http://webfinger.net/rel/profile-page",
                                "text/html",
                                "https://stockport.example/",
                                null),
                        new Jrd.JrdLink("self", "application/activity+json", "https://stockport.example/actor", null)));

        Jrd back = Jrd.parse(jrd.toJson().getBytes(StandardCharsets.UTF_8));

        assertThat(back).isEqualTo(jrd);
        assertThat(back.actorId()).contains(URI.create("https://stockport.example/actor"));
        assertThatThrownBy(() -> Jrd.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("JSON object");
    }
}

package org.branchwork.bench;

/** Typical documents, as Mastodon sends them. */
final class Payloads {

    static final String CREATE_NOTE = """
            {"@context":["https://www.w3.org/ns/activitystreams",{"ostatus":"http://ostatus.org#","atomUri":"ostatus:atomUri",
            "inReplyToAtomUri":"ostatus:inReplyToAtomUri","conversation":"ostatus:conversation","sensitive":"as:sensitive",
            "toot":"http://joinmastodon.org/ns#","votersCount":"toot:votersCount","Hashtag":"as:Hashtag"}],
            "id":"https://mastodon.example/users/alice/statuses/1/activity","type":"Create","actor":"https://mastodon.example/users/alice",
            "published":"2026-11-22T12:00:00Z","to":["https://www.w3.org/ns/activitystreams#Public"],
            "cc":["https://mastodon.example/users/alice/followers"],
            "object":{"id":"https://mastodon.example/users/alice/statuses/1","type":"Note","summary":null,"inReplyTo":null,
            "published":"2026-11-22T12:00:00Z","url":"https://mastodon.example/@alice/1","attributedTo":"https://mastodon.example/users/alice",
            "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["https://mastodon.example/users/alice/followers"],
            "sensitive":false,"atomUri":"https://mastodon.example/users/alice/statuses/1","inReplyToAtomUri":null,
            "conversation":"tag:mastodon.example,2026-11-22:objectId=1:objectType=Conversation",
            "content":"<p>Street stall on Saturday outside the library, 11:00 to 14:00. Bring leaflets! <a href=\\"https://mastodon.example/tags/NHS\\" class=\\"mention hashtag\\" rel=\\"tag\\">#<span>NHS</span></a></p>",
            "contentMap":{"en":"<p>Street stall on Saturday outside the library, 11:00 to 14:00. Bring leaflets!</p>"},
            "attachment":[],"tag":[{"type":"Hashtag","href":"https://mastodon.example/tags/nhs","name":"#nhs"}],
            "replies":{"id":"https://mastodon.example/users/alice/statuses/1/replies","type":"Collection",
            "first":{"type":"CollectionPage","next":"https://mastodon.example/users/alice/statuses/1/replies?only_other_accounts=true&page=true",
            "partOf":"https://mastodon.example/users/alice/statuses/1/replies","items":[]}}}}
            """;

    private Payloads() {}
}

package org.branchwork.protocol.vocab;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The properties every ActivityStreams object may carry. Each typed record holds one and adds its own.
 *
 * @param id           the object's IRI, or null for a transient object
 * @param types        the {@code type} values as sent (canonical term names); the first is the primary one
 * @param name         {@code name} / {@code nameMap}
 * @param content      {@code content} / {@code contentMap}
 * @param summary      {@code summary} / {@code summaryMap} (Mastodon shows it as a content warning)
 * @param mediaType    {@code mediaType}
 * @param published    {@code published}
 * @param updated      {@code updated}
 * @param attributedTo {@code attributedTo}
 * @param audience     addressing
 * @param url          {@code url}: IRIs or {@code Link}s
 * @param tag          {@code tag}: hashtags, mentions and others
 * @param attachment   {@code attachment}
 * @param inReplyTo    {@code inReplyTo}, or null
 * @param context      {@code context}, or null (a campaign, for Branchwork events)
 * @param icon         {@code icon}, or null
 * @param image        {@code image}, or null
 * @param extensions   everything else the peer sent
 */
public record ObjectCore(
        URI id,
        List<String> types,
        LanguageText name,
        LanguageText content,
        LanguageText summary,
        String mediaType,
        Instant published,
        Instant updated,
        List<Ref> attributedTo,
        Audience audience,
        List<Ref> url,
        List<Tag> tag,
        List<Ref> attachment,
        Ref inReplyTo,
        Ref context,
        Ref icon,
        Ref image,
        Extensions extensions) {

    public ObjectCore {
        types = List.copyOf(types);
        name = name == null ? LanguageText.of(null) : name;
        content = content == null ? LanguageText.of(null) : content;
        summary = summary == null ? LanguageText.of(null) : summary;
        attributedTo = List.copyOf(attributedTo);
        audience = audience == null ? Audience.NONE : audience;
        url = List.copyOf(url);
        tag = List.copyOf(tag);
        attachment = List.copyOf(attachment);
        extensions = extensions == null ? Extensions.NONE : extensions;
    }

    /** A core with only an id and a type, to build on with the {@code with*} methods. */
    public static ObjectCore of(URI id, String type) {
        return new ObjectCore(
                id,
                List.of(type),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null);
    }

    public String type() {
        return types.isEmpty() ? "Object" : types.get(0);
    }

    public Optional<URI> optionalId() {
        return Optional.ofNullable(id);
    }

    public ObjectCore withName(String value) {
        Copy c = new Copy(this);
        c.name = LanguageText.of(value);
        return c.build();
    }

    public ObjectCore withContent(String value, String contentMediaType) {
        Copy c = new Copy(this);
        c.content = LanguageText.of(value);
        c.mediaType = contentMediaType;
        return c.build();
    }

    public ObjectCore withSummary(String value) {
        Copy c = new Copy(this);
        c.summary = LanguageText.of(value);
        return c.build();
    }

    public ObjectCore withTimes(Instant newPublished, Instant newUpdated) {
        Copy c = new Copy(this);
        c.published = newPublished;
        c.updated = newUpdated;
        return c.build();
    }

    public ObjectCore withAttribution(URI actor, Audience newAudience) {
        Copy c = new Copy(this);
        c.attributedTo = List.of(Ref.to(actor));
        c.audience = newAudience;
        return c.build();
    }

    public ObjectCore withLinks(List<Ref> newUrl, List<Tag> newTag, List<Ref> newAttachment, Ref newContext) {
        Copy c = new Copy(this);
        c.url = newUrl;
        c.tag = newTag;
        c.attachment = newAttachment;
        c.context = newContext;
        return c.build();
    }

    /** In reply to {@code parent} (an event's RSVP poll answers the event, so it shows under it). */
    public ObjectCore withInReplyTo(Ref parent) {
        Copy c = new Copy(this);
        c.inReplyTo = parent;
        return c.build();
    }

    /** Also of the given types (the first stays the primary type): an {@code Article} that is a {@code bw:Campaign}. */
    public ObjectCore withTypes(List<String> newTypes) {
        Copy c = new Copy(this);
        c.types = newTypes;
        return c.build();
    }

    public ObjectCore withExtensions(Extensions newExtensions) {
        Copy c = new Copy(this);
        c.extensions = newExtensions;
        return c.build();
    }

    /**
     * The one place that lists every field, besides the record header: each {@code with*} copies,
     * changes what it changes and builds, so that a new field is added here and nowhere else.
     */
    private static final class Copy {
        private URI id;
        private List<String> types;
        private LanguageText name;
        private LanguageText content;
        private LanguageText summary;
        private String mediaType;
        private Instant published;
        private Instant updated;
        private List<Ref> attributedTo;
        private Audience audience;
        private List<Ref> url;
        private List<Tag> tag;
        private List<Ref> attachment;
        private Ref inReplyTo;
        private Ref context;
        private Ref icon;
        private Ref image;
        private Extensions extensions;

        Copy(ObjectCore from) {
            id = from.id;
            types = from.types;
            name = from.name;
            content = from.content;
            summary = from.summary;
            mediaType = from.mediaType;
            published = from.published;
            updated = from.updated;
            attributedTo = from.attributedTo;
            audience = from.audience;
            url = from.url;
            tag = from.tag;
            attachment = from.attachment;
            inReplyTo = from.inReplyTo;
            context = from.context;
            icon = from.icon;
            image = from.image;
            extensions = from.extensions;
        }

        ObjectCore build() {
            return new ObjectCore(
                    id,
                    types,
                    name,
                    content,
                    summary,
                    mediaType,
                    published,
                    updated,
                    attributedTo,
                    audience,
                    url,
                    tag,
                    attachment,
                    inReplyTo,
                    context,
                    icon,
                    image,
                    extensions);
        }
    }
}

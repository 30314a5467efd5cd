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
        return new ObjectCore(
                id,
                types,
                LanguageText.of(value),
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

    public ObjectCore withContent(String value, String contentMediaType) {
        return new ObjectCore(
                id,
                types,
                name,
                LanguageText.of(value),
                summary,
                contentMediaType,
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

    public ObjectCore withSummary(String value) {
        return new ObjectCore(
                id,
                types,
                name,
                content,
                LanguageText.of(value),
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

    public ObjectCore withTimes(Instant newPublished, Instant newUpdated) {
        return new ObjectCore(
                id,
                types,
                name,
                content,
                summary,
                mediaType,
                newPublished,
                newUpdated,
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

    public ObjectCore withAttribution(URI actor, Audience newAudience) {
        return new ObjectCore(
                id,
                types,
                name,
                content,
                summary,
                mediaType,
                published,
                updated,
                List.of(Ref.to(actor)),
                newAudience,
                url,
                tag,
                attachment,
                inReplyTo,
                context,
                icon,
                image,
                extensions);
    }

    public ObjectCore withLinks(List<Ref> newUrl, List<Tag> newTag, List<Ref> newAttachment, Ref newContext) {
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
                newUrl,
                newTag,
                newAttachment,
                inReplyTo,
                newContext,
                icon,
                image,
                extensions);
    }

    public ObjectCore withExtensions(Extensions newExtensions) {
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
                newExtensions);
    }
}

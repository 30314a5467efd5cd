package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The branch a node hosts: its handle (the {@code Group} actor's preferred username) and display name.
 */
public record Branch(String slug, String name, Instant createdAt) {
    public Branch {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}

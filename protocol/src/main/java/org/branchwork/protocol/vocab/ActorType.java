package org.branchwork.protocol.vocab;

/** The five ActivityStreams actor types. A branch is a {@code Group}; a node's instance actor an {@code Application}. */
public enum ActorType {
    PERSON("Person"),
    GROUP("Group"),
    APPLICATION("Application"),
    SERVICE("Service"),
    ORGANIZATION("Organization");

    private final String term;

    ActorType(String term) {
        this.term = term;
    }

    public String term() {
        return term;
    }

    public static java.util.Optional<ActorType> fromTerm(String term) {
        for (ActorType t : values()) {
            if (t.term.equals(term)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}

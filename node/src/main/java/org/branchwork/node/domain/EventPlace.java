package org.branchwork.node.domain;

/** Where an event happens in person: a name ("Mechanics' Institute"), a postal address, optional coordinates. */
public record EventPlace(String name, String address, Double latitude, Double longitude) {}

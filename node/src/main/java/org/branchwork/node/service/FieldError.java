package org.branchwork.node.service;

/** A form or API field that failed validation, with a message a person can act on. */
public record FieldError(String field, String message) {}

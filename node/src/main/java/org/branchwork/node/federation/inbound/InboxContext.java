package org.branchwork.node.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.Verification;
import org.branchwork.protocol.vocab.Activity;

/** One inbox POST on its way through the pipeline; each stage fills in what it established. */
public final class InboxContext {

    private final SignableRequest request;
    private final byte[] body;
    private JsonNode document;
    private Activity activity;
    private Verification.Verified signature;

    public InboxContext(SignableRequest request, byte[] body) {
        this.request = request;
        this.body = body;
    }

    public SignableRequest request() {
        return request;
    }

    public byte[] body() {
        return body;
    }

    /** The body as parsed, kept for the handler (it reads embedded proofs on the document as received). */
    public JsonNode document() {
        return document;
    }

    public Activity activity() {
        return activity;
    }

    void activity(JsonNode parsed, Activity read) {
        this.document = parsed;
        this.activity = read;
    }

    public Verification.Verified signature() {
        return signature;
    }

    void signature(Verification.Verified verified) {
        this.signature = verified;
    }
}

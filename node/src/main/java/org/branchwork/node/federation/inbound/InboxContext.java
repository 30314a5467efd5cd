package org.branchwork.node.federation.inbound;

import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.Verification;
import org.branchwork.protocol.vocab.Activity;

/** One inbox POST on its way through the pipeline; each stage fills in what it established. */
public final class InboxContext {

    private final SignableRequest request;
    private final byte[] body;
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

    public Activity activity() {
        return activity;
    }

    void activity(Activity parsed) {
        this.activity = parsed;
    }

    public Verification.Verified signature() {
        return signature;
    }

    void signature(Verification.Verified verified) {
        this.signature = verified;
    }
}

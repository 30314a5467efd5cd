// Signs or verifies one HTTP request with an independent implementation of RFC 9421 and
// draft-cavage-12 (the npm package http-message-signatures), so that Branchwork's Java code can
// be checked against it in both directions.
//
// Input (stdin, JSON): { "op": "sign"|"verify", "spec": "rfc9421"|"cavage",
//   "request": { "method", "url", "headers": {name: value} }, "body": string|null,
//   "alg": "rsa-v1_5-sha256"|"ed25519", "keyId": string, "keyPem": string (private to sign, public to verify) }
// Output (stdout, JSON): { "headers": {...} } after sign, { "verified": true|false, "error"? } after verify.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { httpbis, cavage, createSigner, createVerifier } from 'http-message-signatures';

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk) => { data += chunk; });
  process.stdin.on('end', () => resolve(data));
}));

const { op, spec, request, body, alg, keyId, keyPem } = input;
const lib = spec === 'rfc9421' ? httpbis : cavage;

if (op === 'sign') {
  const headers = { ...request.headers };
  headers['Host'] = new URL(request.url).host;
  headers['Date'] = new Date().toUTCString();
  const fields = spec === 'rfc9421' ? ['@method', '@target-uri', '@authority', 'date'] : ['@request-target', 'host', 'date'];
  if (body !== null && body !== undefined) {
    const sha256 = createHash('sha256').update(body).digest('base64');
    if (spec === 'rfc9421') {
      headers['Content-Digest'] = `sha-256=:${sha256}:`;
      fields.push('content-digest');
    } else {
      headers['Digest'] = `SHA-256=${sha256}`;
      fields.push('digest');
    }
  }
  const key = createSigner(createPrivateKey(keyPem), alg, keyId);
  const params = spec === 'rfc9421' ? ['keyid', 'alg', 'created'] : ['keyid', 'algorithm', 'created'];
  const signed = await lib.signMessage({ key, fields, params }, { method: request.method, url: request.url, headers });
  process.stdout.write(JSON.stringify({ headers: signed.headers }));
} else {
  try {
    const verified = await lib.verifyMessage({
      keyLookup: async () => ({ id: keyId, algs: [alg], verify: createVerifier(createPublicKey(keyPem), alg) }),
      tolerance: 3600,
    }, { method: request.method, url: request.url, headers: request.headers });
    process.stdout.write(JSON.stringify({ verified: verified === true }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ verified: false, error: String(e && e.message || e) }));
  }
}

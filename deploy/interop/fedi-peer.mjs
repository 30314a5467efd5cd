// A minimal ActivityPub peer that shares no code with Branchwork: Node.js's own HTTP and crypto,
// and the npm package http-message-signatures for RFC 9421 / draft-cavage. It looks a branch up
// by handle, follows it, verifies every signed activity the branch delivers to it, and RSVPs
// (Join) to each event the branch announces.
//
// Usage: node fedi-peer.mjs <handle, e.g. stockport@localhost:8081> [scheme=http]
// Prints one JSON object per line: listening, resolved, follow-sent, received (with verified), join-sent.
import { createServer } from 'node:http';
import { createHash, generateKeyPairSync, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { httpbis, cavage, createSigner, createVerifier } from 'http-message-signatures';

const [handle, scheme = 'http'] = process.argv.slice(2);
const say = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const AS = 'application/activity+json';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
let origin = '';
const actorPath = '/users/alice';

async function verifyIncoming(req, body) {
  const url = origin + req.url;
  const headers = req.headers;
  // Digest of the body, which the signature libraries leave to the caller.
  const digest = headers['content-digest'] || headers['digest'] || '';
  const sha256 = createHash('sha256').update(body).digest('base64');
  if (!digest.includes(sha256)) return { verified: false, why: 'digest does not match the body' };
  const lib = headers['signature-input'] ? httpbis : cavage;
  let owner = null;
  try {
    const verified = await lib.verifyMessage({
      keyLookup: async (params) => {
        const keyId = params.keyid;
        const res = await fetch(keyId.split('#')[0], { headers: { accept: AS } });
        const actor = await res.json();
        if (actor.publicKey?.id !== keyId) return null;
        owner = actor.id;
        return { id: keyId, algs: ['rsa-v1_5-sha256'], verify: createVerifier(createPublicKey(actor.publicKey.publicKeyPem), 'rsa-v1_5-sha256') };
      },
      tolerance: 300,
    }, { method: req.method, url, headers });
    return { verified: verified === true, owner };
  } catch (e) {
    return { verified: false, why: String(e.message || e) };
  }
}

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  if (req.method === 'GET' && req.url === actorPath) {
    res.writeHead(200, { 'content-type': AS });
    res.end(JSON.stringify({
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id: origin + actorPath, type: 'Person', preferredUsername: 'alice', inbox: origin + actorPath + '/inbox',
      outbox: origin + actorPath + '/outbox',
      publicKey: { id: origin + actorPath + '#main-key', owner: origin + actorPath, publicKeyPem: publicPem },
    }));
    return;
  }
  if (req.method === 'POST' && req.url === actorPath + '/inbox') {
    const check = await verifyIncoming(req, body);
    let activity = {};
    try { activity = JSON.parse(body.toString('utf8')); } catch { /* reported below */ }
    res.writeHead(check.verified ? 202 : 401);
    res.end();
    const verified = check.verified && check.owner === activity.actor;
    say({ event: 'received', type: activity.type, id: activity.id, actor: activity.actor, owner: check.owner,
          verified, why: check.why, objectType: activity.object?.type,
          object: typeof activity.object === 'string' ? activity.object : activity.object?.id });
    // An event from the branch: RSVP to it, as Mobilizon does, with a Join to the branch's inbox.
    if (verified && activity.type === 'Create' && activity.object?.type === 'Event' && groupInbox) {
      const join = JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${origin}/joins/${randomUUID()}`,
        type: 'Join', actor: origin + actorPath, object: activity.object.id });
      const sent = await sendSigned(groupInbox, join);
      say({ event: 'join-sent', status: sent.status, id: JSON.parse(join).id, object: activity.object.id });
    }
    return;
  }
  res.writeHead(404);
  res.end();
});

let groupInbox = null;

// POSTs an activity signed with RFC 9421 over method, target, authority, date and the body's digest.
async function sendSigned(inbox, body) {
  const headers = { 'content-type': AS, 'content-digest': `sha-256=:${createHash('sha256').update(body).digest('base64')}:`,
    date: new Date().toUTCString() };
  const signed = await httpbis.signMessage({
    key: createSigner(createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })), 'rsa-v1_5-sha256', origin + actorPath + '#main-key'),
    fields: ['@method', '@target-uri', '@authority', 'date', 'content-digest'], params: ['keyid', 'alg', 'created'],
  }, { method: 'POST', url: inbox, headers });
  return fetch(inbox, { method: 'POST', headers: signed.headers, body });
}

server.listen(0, '127.0.0.1', async () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  say({ event: 'listening', actor: origin + actorPath });
  try {
    const [user, host] = handle.replace(/^@/, '').split('@');
    const wf = await fetch(`${scheme}://${host}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${user}@${host}`)}`);
    const jrd = await wf.json();
    const self = jrd.links.find((l) => l.rel === 'self' && (l.type || '').includes('activity+json'));
    const group = await (await fetch(self.href, { headers: { accept: AS } })).json();
    say({ event: 'resolved', subject: jrd.subject, actor: group.id, type: group.type, inbox: group.inbox });

    groupInbox = group.inbox;
    const follow = JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${origin}/follows/${randomUUID()}`,
      type: 'Follow', actor: origin + actorPath, object: group.id });
    const sent = await sendSigned(group.inbox, follow);
    say({ event: 'follow-sent', status: sent.status, id: JSON.parse(follow).id });
  } catch (e) {
    say({ event: 'error', message: String(e.message || e) });
  }
});

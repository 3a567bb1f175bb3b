/**
 * Many workspaces (OAuth mode), end to end over HTTP: two app instances sharing one database file,
 * a local fake Web API that answers oauth.v2.access per code and auth.test per token and records
 * the token every call was made with. Installs through /slack/install → /slack/oauth_redirect (the
 * second finishing on the other instance), answers and digests with each workspace's own token,
 * bad states and reused codes that store nothing, uninstalls in either order, and a database with
 * no token in it afterwards.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDigest, type Digest } from '../../src/digest/service.js';
import { createPeelApp, type PeelApp } from '../../src/slack/app.js';
import { createLogger } from '../../src/logger.js';
import { BOT_SCOPES, installationStore } from '../../src/slack/oauth.js';
import { openStore } from '../../src/store/open.js';
import type { PeelStore } from '../../src/store/store.js';
import { realKnowledge, sign } from './harness.js';

const SECRET = 'oauth-test-signing-secret';
const STATE_SECRET = 'oauth-test-state-secret-0123456789';
const KEY = 'ab'.repeat(32);
const CLIENT_SECRET = 'oauth-test-client-secret';
const WORKSPACES = {
  T1: { code: 'code-for-T1', token: 'xoxb-t1-bot-token-aaaa', name: 'Cleveland PCC' },
  T2: { code: 'code-for-T2', token: 'xoxb-t2-bot-token-bbbb', name: 'Durham Council' },
} as const;

interface FakeCall {
  method: string;
  token: string | null;
  body: Record<string, unknown>;
}

/** The fake Web API: oauth.v2.access per code (each code once), auth.test per token, everything recorded. */
async function startFake(): Promise<{ server: Server; apiUrl: string; base: string; calls: FakeCall[] }> {
  const calls: FakeCall[] = [];
  const used = new Set<string>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/(api\/)?/, '');
      const body = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (typeof body.token === 'string' ? body.token : null);
      calls.push({ method, token, body });
      const reply = (o: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(o));
      };
      if (method === 'oauth.v2.access') {
        const entry = Object.entries(WORKSPACES).find(([, w]) => w.code === body.code);
        if (!entry || used.has(String(body.code))) return reply({ ok: false, error: 'invalid_code' });
        used.add(String(body.code));
        const [team, w] = entry;
        return reply({
          ok: true, app_id: 'A1', access_token: w.token, token_type: 'bot', scope: BOT_SCOPES.join(','), bot_user_id: `UBOT${team}`,
          team: { id: team, name: w.name }, enterprise: null, is_enterprise_install: false, authed_user: { id: 'UINSTALLER' },
        });
      }
      if (method === 'auth.test') {
        const team = Object.entries(WORKSPACES).find(([, w]) => w.token === token)?.[0];
        return reply(team ? { ok: true, team_id: team, user_id: `UBOT${team}`, bot_id: `B${team}` } : { ok: false, error: 'invalid_auth' });
      }
      return reply({ ok: true, ts: `${Date.now() / 1000}`, channel: body.channel });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, apiUrl: `${base}/api/`, base, calls };
}

let fake: Awaited<ReturnType<typeof startFake>>;
const path = join(mkdtempSync(join(tmpdir(), 'peel-oauth-')), 'peel.sqlite');
const logs: string[] = [];
interface Instance {
  peel: PeelApp;
  store: PeelStore;
  digest: Digest;
  url: string;
}
let a: Instance;
let b: Instance;

async function instance(): Promise<Instance> {
  const config = loadConfig({
    SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, TOKEN_ENCRYPTION_KEY: KEY,
    SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', DATABASE_PATH: path, LOG_LEVEL: 'info',
  }, join(import.meta.dirname, '../..'));
  const logger = createLogger({ level: 'info', secrets: [SECRET, CLIENT_SECRET, STATE_SECRET, KEY], sink: (_l, line) => logs.push(line) });
  const store = await openStore(config, { tokenEncryptionKey: KEY });
  const installations = installationStore(store, logger);
  const digest = createDigest({ config, kb: realKnowledge(), store, logger, tokenFor: (t) => installations.botToken(t) });
  const peel = createPeelApp({ config, kb: realKnowledge(), store, logger, installations, digest: digest.command, retryConfig: { retries: 0 } });
  const { port } = await peel.start();
  return { peel, store, digest, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  fake = await startFake();
  a = await instance();
  b = await instance();
});

afterAll(async () => {
  for (const i of [a, b]) {
    await i?.peel.stop();
    await i?.store.close();
  }
  await new Promise((r) => fake.server.close(r));
});

/** GET /slack/install on one instance: the redirect to Slack and the state cookie. */
async function beginInstall(at: Instance): Promise<{ location: URL; state: string; cookie: string }> {
  const res = await fetch(`${at.url}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { location, state: location.searchParams.get('state')!, cookie };
}

async function finishInstall(at: Instance, code: string, state: string, cookie: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${at.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  return { status: res.status, text: await res.text() };
}

async function signed(at: Instance, body: string, contentType: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${at.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts, SECRET) }, body });
  await res.text();
  return res.status;
}

const event = (team: string, ev: Record<string, unknown>, id = `Ev${team}${Math.random()}`) =>
  JSON.stringify({ type: 'event_callback', team_id: team, api_app_id: 'A1', event_id: id, event_time: Math.floor(Date.now() / 1000), event: ev, authorizations: [{ team_id: team, user_id: `UBOT${team}`, is_bot: true }] });

const command = (team: string, text: string) =>
  new URLSearchParams({ team_id: team, channel_id: 'CSAME', user_id: 'U1', command: '/peel', text, api_app_id: 'A1', response_url: `${fake.base}/response/${team}`, trigger_id: '1.2.3' }).toString();

const until = async (ok: () => boolean, ms = 4000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A state signed like @slack/oauth's (an HS256 JWT of the install options and a time), made `ageS` seconds ago. */
function stateMadeAgo(ageS: number, secret = STATE_SECRET): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const made = Math.floor(Date.now() / 1000) - ageS;
  const body = enc({ installOptions: { scopes: [...BOT_SCOPES] }, now: new Date(made * 1000).toJSON(), iat: made });
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

describe('many workspaces through OAuth', () => {
  it('installs two workspaces, the second finishing on the other instance, with a page that says how to use the bot', async () => {
    const first = await beginInstall(a);
    expect(`${first.location.origin}${first.location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(first.location.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(first.location.searchParams.get('client_id')).toBe('111.222');
    const done = await finishInstall(a, WORKSPACES.T1.code, first.state, first.cookie);
    expect(done.status).toBe(200);
    expect(done.text).toContain('peel-bot is installed in Cleveland PCC');
    expect(done.text).toMatch(/\/peel digest on/);

    const second = await beginInstall(a);
    const elsewhere = await finishInstall(b, WORKSPACES.T2.code, second.state, second.cookie);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.text).toContain('Durham Council');
    expect(await a.store.installationKeys()).toEqual([{ keyId: expect.stringMatching(/^[0-9a-f]{8}$/), count: 2 }]);
  });

  it('a forged state, an expired one and a reused code each show a failure page and store nothing', async () => {
    const { cookie } = await beginInstall(a);
    const forged = await finishInstall(a, WORKSPACES.T1.code, stateMadeAgo(0, 'not-the-state-secret-at-all-000'), cookie);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('peel-bot was not installed');
    const old = stateMadeAgo(11 * 60);
    const expired = await finishInstall(a, WORKSPACES.T1.code, old, `slack-app-oauth-state=${old}`);
    expect(expired.status).toBe(400);
    const again = await beginInstall(b);
    const reused = await finishInstall(b, WORKSPACES.T1.code, again.state, again.cookie);
    expect(reused.status).toBe(400);
    expect(reused.text).toMatch(/Slack did not complete the installation \(\w+\)/);
    expect(logs.some((l) => /oauth: an install did not complete: .*invalid_code/.test(l))).toBe(true);
    for (const page of [forged.text, expired.text, reused.text]) expect(page).not.toMatch(/at \w+ \(|xoxb-|oauth-test-client-secret/);
    expect(await a.store.installationKeys()).toEqual([{ keyId: expect.any(String), count: 2 }]);
  });

  it('answers a mention, a button and /peel digest in each workspace with that workspace’s token, on either instance', async () => {
    const before = fake.calls.length;
    await signed(a, event('T1', { type: 'app_mention', user: 'U1', text: '<@UBOTT1> what grade overall?', ts: '1.1', channel: 'CSAME' }), 'application/json');
    await signed(b, event('T2', { type: 'app_mention', user: 'U1', text: '<@UBOTT2> what grade overall?', ts: '1.1', channel: 'CSAME' }), 'application/json');
    await until(() => fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage').length === 2);
    const posts = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => p.token).sort()).toEqual([WORKSPACES.T1.token, WORKSPACES.T2.token]);

    // Show source on T2's answer, clicked through the other instance, opens the modal with T2's token
    const t2Post = posts.find((p) => p.token === WORKSPACES.T2.token)!;
    const blocks = typeof t2Post.body.blocks === 'string' ? t2Post.body.blocks : JSON.stringify(t2Post.body.blocks);
    const source = blocks.match(/"action_id":"peel_show_source","value":"([^"]+)"/)![1]!;
    const payload = { type: 'block_actions', user: { id: 'U1' }, team: { id: 'T2' }, api_app_id: 'A1', container: { type: 'message', channel_id: 'CSAME', is_ephemeral: false, message_ts: '1.2' }, channel: { id: 'CSAME' }, trigger_id: '9.8.7', response_url: `${fake.base}/response/T2`, actions: [{ type: 'button', action_id: 'peel_show_source', block_id: 'b', value: source, action_ts: '1' }] };
    await signed(a, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    await until(() => fake.calls.some((c) => c.method === 'views.open'));
    expect(fake.calls.find((c) => c.method === 'views.open')!.token).toBe(WORKSPACES.T2.token);
    // the same answer id is not T1's: a click from T1 finds nothing
    const t1Click = { ...payload, team: { id: 'T1' }, response_url: `${fake.base}/response/T1-click` };
    await signed(a, new URLSearchParams({ payload: JSON.stringify(t1Click) }).toString(), 'application/x-www-form-urlencoded');
    await until(() => fake.calls.some((c) => c.method === 'response/T1-click'));
    expect(JSON.stringify(fake.calls.find((c) => c.method === 'response/T1-click')!.body)).toMatch(/too old to act on/);

    // /peel digest on in the same channel id of both workspaces: two subscriptions, announced with each token
    const beforeCommands = fake.calls.length;
    await signed(a, command('T1', 'digest on 08:30 UTC'), 'application/x-www-form-urlencoded');
    await signed(b, command('T2', 'digest on 09:30 UTC'), 'application/x-www-form-urlencoded');
    await until(() => fake.calls.filter((c) => c.method.startsWith('response/T')).length >= 3);
    expect((await a.store.subscriptions()).map((s) => `${s.teamId}/${s.channelId}/${s.time}`)).toEqual(['T1/CSAME/08:30', 'T2/CSAME/09:30']);
    const announced = fake.calls.slice(beforeCommands).filter((c) => c.method === 'chat.postMessage');
    expect(announced.map((c) => c.token).sort()).toEqual([WORKSPACES.T1.token, WORKSPACES.T2.token]);
  });

  it('posts each workspace’s due digest with its own token', async () => {
    const before = fake.calls.length;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const report = await a.digest.runDue(Date.parse(`${tomorrow}T09:31:00Z`));
    expect(report.results.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    const digests = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(digests.map((d) => d.token)).toEqual([WORKSPACES.T1.token, WORKSPACES.T2.token]);
  });

  it('uninstall in either order deletes the installation and pauses the workspace’s digests; its events then post nothing', async () => {
    expect(await signed(a, event('T1', { type: 'app_uninstalled' }), 'application/json')).toBe(200);
    expect(await signed(b, event('T1', { type: 'tokens_revoked', tokens: { bot: ['UBOTT1'] } }), 'application/json')).toBe(200);
    expect(await signed(b, event('T2', { type: 'tokens_revoked', tokens: { bot: ['UBOTT2'] } }), 'application/json')).toBe(200);
    expect(await signed(a, event('T2', { type: 'app_uninstalled' }), 'application/json')).toBe(200);
    await until(() => logs.filter((l) => /oauth: (app_uninstalled|tokens_revoked) for workspace/.test(l)).length === 4);
    expect(await a.store.installationKeys()).toEqual([]);
    expect((await a.store.subscriptions()).map((s) => s.pausedReason)).toEqual(['app_uninstalled', 'tokens_revoked']);

    const before = fake.calls.length;
    expect(await signed(b, event('T1', { type: 'app_mention', user: 'U1', text: '<@UBOTT1> hello?', ts: '2.1', channel: 'CSAME' }), 'application/json')).toBe(200);
    expect(await signed(a, event('T9', { type: 'app_mention', user: 'U1', text: '<@UBOTT9> hello?', ts: '2.2', channel: 'C9' }), 'application/json')).toBe(200);
    await until(() => logs.filter((l) => /with no installation/.test(l)).length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(logs.filter((l) => /workspace T9 with no installation: acknowledged, not answered/.test(l))).toHaveLength(1);
    expect(logs.join('\n')).not.toMatch(/Authorization of incoming event did not succeed/);
  });

  it('leaves no token in the database file or its log, nor in any log line', async () => {
    await a.store.close();
    await b.store.close();
    const bytes = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).not.toMatch(/xoxb-|xoxp-/);
    expect(logs.join('\n')).not.toMatch(/xoxb-t|oauth-test-client-secret|oauth-test-state-secret|abababab/);
    // reopened for afterAll
    a.store = await openStore({ databasePath: path }, { tokenEncryptionKey: KEY });
    b.store = await openStore({ databasePath: path }, { tokenEncryptionKey: KEY });
  });
});

describe('a wrong TOKEN_ENCRYPTION_KEY', () => {
  it('stops start-up naming the key the installations were sealed with', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'peel-oauth-key-')), 'peel.sqlite');
    const store = await openStore({ databasePath: file }, { tokenEncryptionKey: KEY });
    await store.saveInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false }, { bot: { token: 'xoxb-sealed' } });
    const keyId = (await store.installationKeys())[0]!.keyId;
    await store.close();
    await expect(openStore({ databasePath: file }, { tokenEncryptionKey: 'cd'.repeat(32) })).rejects.toThrow(
      new RegExp(`Store: 1 stored installation\\(s\\) were sealed with key ${keyId}, but TOKEN_ENCRYPTION_KEY is key [0-9a-f]{8}: they cannot be decrypted`),
    );
  });
});

describe('slack/manifest.json', () => {
  it('asks for the scopes the installer asks for, has the redirect path, and subscribes to uninstalls', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../slack/manifest.json'), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
      settings: { event_subscriptions: { bot_events: string[] } };
    };
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.redirect_urls.every((u) => u.endsWith('/slack/oauth_redirect'))).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
  });
});

describe('an installation that cannot be read', () => {
  it('is logged as such, with the reason the store gave, not as a workspace with no installation', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'peel-oauth-unread-')), 'peel.sqlite');
    const sealed = await openStore({ databasePath: file }, { tokenEncryptionKey: KEY });
    await sealed.saveInstallation({ teamId: 'T5', enterpriseId: null, isEnterpriseInstall: false }, { team: { id: 'T5' }, bot: { token: 'xoxb-t5', userId: 'UBOTT5', id: 'B5' } });
    await sealed.close();
    // the same file opened without its key (main's start-up check stops this; a store can still fail at run time)
    const config = loadConfig({ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, TOKEN_ENCRYPTION_KEY: 'cd'.repeat(32), SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', DATABASE_PATH: file }, join(import.meta.dirname, '../..'));
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: [], sink: (_l, line) => lines.push(line) });
    const store = await openStore({ databasePath: file });
    const peel = createPeelApp({ config, kb: realKnowledge(), store, logger, installations: installationStore(store, logger), retryConfig: { retries: 0 } });
    const { port } = await peel.start();
    const at = { url: `http://127.0.0.1:${port}` } as Instance;
    await signed(at, event('T5', { type: 'app_mention', user: 'U1', text: '<@UBOTT5> hi', ts: '3.1', channel: 'C5' }), 'application/json');
    await until(() => lines.some((l) => /workspace T5/.test(l)));
    expect(lines.find((l) => /workspace T5/.test(l))).toMatch(/ERROR .*Slack: a request from workspace T5 could not be authorised: Store: installations need TOKEN_ENCRYPTION_KEY/);
    await peel.stop();
    await store.close();
  });
});

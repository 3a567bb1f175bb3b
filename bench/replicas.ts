import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { type FakeCall, signSlackRequest, startFakeSlack } from '../slack/try-local.js';
import { type AppProcess, BOT_TOKEN, ensureBuilt, ROOT, SECRET, startApp } from './app-process.js';

/**
 * `npm run replicas [-- --events 1000 --rate 100 --channels 300 --kills 20]`
 *
 * The check that several replicas on one PostgreSQL database do each thing exactly once. It starts
 * two replicas of the built app (node dist/src/main.js, HTTP mode) on a fresh database of its own
 * (made at DATABASE_URL's server, else TEST_DATABASE_URL's, and dropped at the end) and a fake Web
 * API on 127.0.0.1, then:
 *   1. events: each app_mention is delivered to both replicas at once and once more, half a second
 *      later, as Slack's retry (X-Slack-Retry-Num: 1) to either; exactly one chat.postMessage each;
 *   2. digests: subscribes the channels through replica A (`/peel digest on`), checks each one's
 *      status through B, then at the due minute both replicas' own schedules race 8 concurrent
 *      `digest --run-due --now …` runs: exactly one digest per channel;
 *   3. kills: the fake holds chat.postMessage for 2 s; an event reaches A (and B), and A is killed
 *      with SIGKILL during the hold, then Slack's retry reaches B; a digest run is killed the same
 *      way and run again. Never two posts for one event or one channel-day, and B answers a new
 *      event every round. A is restarted for the next round.
 * The same events are first sent to one replica on SQLite, for the ack latency beside it. Prints
 * the ack p50/p99 per replica and every count; exits 1 when a count is wrong.
 */

interface Args {
  events: number;
  rate: number;
  channels: number;
  kills: number;
}

const USAGE = `usage: npm run replicas -- [--events 1000] [--rate 100] [--channels 300] [--kills 20]
  two replicas of the built app on a fresh PostgreSQL database (at DATABASE_URL's server, else
  TEST_DATABASE_URL's): every event and every digest exactly once; exits 1 on any wrong count`;

function usage(problem: string): never {
  process.stderr.write(`replicas: ${problem}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { events: 1000, rate: 100, channels: 300, kills: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const key = a.replace(/^--/, '') as keyof Args;
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (!(key in args) || !a.startsWith('--')) usage(`unknown argument ${a}`);
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n <= 0) usage(`${a} takes a whole number above 0`);
    args[key] = n;
  }
  return args;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
};
const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(1)} ms`);

/** A fresh database on the server of `baseUrl`, and a way to drop it. */
async function freshDatabase(baseUrl: string): Promise<{ url: string; admin: pg.Client; drop(): Promise<void> }> {
  const name = `peel_replicas_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const inDb = new pg.Client({ connectionString: url.toString() });
  await inDb.connect();
  return {
    url: url.toString(),
    admin: inDb,
    async drop() {
      await inDb.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Where the fake saw each kind of post. */
class Ledger {
  /** chat.postMessage answers per event, by the event's ts (the answer's thread_ts) */
  readonly answers = new Map<string, number>();
  /** digest posts per channel (one local date per phase) */
  readonly digests = new Map<string, number>();
  /** response_url replies, by path */
  readonly responses = new Map<string, FakeCall[]>();
  readonly waiters: { ts: string; done: () => void }[] = [];

  record(call: FakeCall): void {
    if (call.path.startsWith('/response/')) {
      const list = this.responses.get(call.path) ?? [];
      list.push(call);
      this.responses.set(call.path, list);
      return;
    }
    if (call.path !== '/api/chat.postMessage') return;
    const blocks = call.body.blocks as { type?: string; text?: { text?: string } }[] | undefined;
    if (blocks?.[0]?.type === 'header' && blocks[0].text?.text?.startsWith('PEEL digest')) {
      const channel = String(call.body.channel);
      this.digests.set(channel, (this.digests.get(channel) ?? 0) + 1);
      return;
    }
    if (typeof call.body.thread_ts === 'string') {
      const ts = call.body.thread_ts;
      this.answers.set(ts, (this.answers.get(ts) ?? 0) + 1);
      for (const w of this.waiters.filter((x) => x.ts === ts)) w.done();
    }
  }

  /** Resolves when the answer to the event with `ts` reaches the fake (or after `timeoutMs`). */
  answered(ts: string, timeoutMs: number): Promise<boolean> {
    if (this.answers.has(ts)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push({ ts, done: () => (clearTimeout(timer), resolve(true)) });
    });
  }
}

/** Posts a signed request; returns the HTTP status and the ack time. */
async function send(baseUrl: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<{ status: number; ackMs: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signSlackRequest(body, timestamp, SECRET), ...headers },
      body,
      signal: AbortSignal.timeout(3000),
    });
    await res.arrayBuffer();
    return { status: res.status, ackMs: performance.now() - started };
  } catch {
    return { status: 0, ackMs: performance.now() - started };
  }
}

const QUESTIONS = ['what grade did Cleveland get overall?', 'how many crimes per 1,000 people?', 'what should the force improve on anti-social behaviour?', 'how well does it protect vulnerable people?'];

function mentionBody(eventId: string, ts: string, question: string): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${question}`, ts, channel: 'C1', event_ts: ts },
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
  });
}

function commandBody(channel: string, text: string, responseUrl: string): string {
  return new URLSearchParams({ token: 'legacy', team_id: 'T1', channel_id: channel, user_id: 'U1', command: '/peel', text, api_app_id: 'A1', response_url: responseUrl, trigger_id: '1.2.3' }).toString();
}

/** events sent, at this many a second for one second, before the measured ones */
const WARMUP = 50;

const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

/**
 * Sends `count` events at `rate` per second; each to every replica in `targets` at once and, half a
 * second later, as a retry to one of them. Returns the ack times per replica.
 */
async function sendEvents(prefix: string, count: number, rate: number, targets: AppProcess[]): Promise<{ acks: number[][]; failures: number; ts: string[] }> {
  const acks = targets.map(() => [] as number[]);
  let failures = 0;
  const all: Promise<void>[] = [];
  const ts: string[] = [];
  const base = Math.floor(Date.now() / 1000);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    while (performance.now() < due) await sleep(1);
    const eventTs = `${base}.${prefix}${String(i).padStart(5, '0')}`;
    ts.push(eventTs);
    const body = mentionBody(`Ev${prefix}${base}x${i}`, eventTs, QUESTIONS[i % QUESTIONS.length]!);
    const deliver = (k: number, headers?: Record<string, string>) =>
      send(targets[k]!.baseUrl, body, 'application/json', headers).then((r) => {
        if (r.status !== 200) failures++;
        else acks[k]!.push(r.ackMs);
      });
    all.push(...targets.map((_, k) => deliver(k)));
    all.push(sleep(500).then(() => deliver(i % targets.length, RETRY)));
  }
  await Promise.all(all);
  return { acks, failures, ts };
}

/** Waits until `ok()` holds or `timeoutMs` passes; true when it held. */
async function until(ok: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

/** `npm run digest -- --run-due --now …` as a process (the built CLI, the same code without tsx's start-up). */
function digestRun(env: Record<string, string>, nowIso: string): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/digest.js'), '--run-due', '--now', nowIso], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, done };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const baseUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!baseUrl) usage('needs a PostgreSQL server: set DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  ensureBuilt(log);

  const ledger = new Ledger();
  let hold = 0;
  const fake = await startFakeSlack({ onCall: (call) => ledger.record(call), holdPostMs: () => hold });
  const db = await freshDatabase(baseUrl);
  const replicaEnv = { DATABASE_URL: db.url };
  const cliEnv = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: db.url,
    CORPUS_DIR: join(ROOT, 'corpus'),
    INTENTS_DIR: join(ROOT, 'intents'),
    LOG_LEVEL: 'warn',
  };
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    log(`replicas: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) problems.push(what);
  };
  const apps: AppProcess[] = [];
  try {
    // 0. the same events at one replica on SQLite, for the latency beside PostgreSQL
    log(`replicas: baseline, ${args.events} events at ${args.rate}/s to one replica on SQLite (each twice + a retry)`);
    const solo = await startApp({ apiUrl: fake.apiUrl });
    // a new process compiles and loads lazily on its first requests (~1 s): warm up, unmeasured
    await sendEvents('ws', WARMUP, WARMUP, [solo, solo]);
    const base = await sendEvents('s', args.events, args.rate, [solo, solo]);
    await until(() => base.ts.every((t) => ledger.answers.has(t)), 15_000);
    await solo.stop();
    const soloAcks = base.acks.flat();
    const soloTwice = base.ts.filter((t) => (ledger.answers.get(t) ?? 0) > 1).length;
    check(base.ts.every((t) => ledger.answers.get(t) === 1), `SQLite, one replica: ${base.ts.filter((t) => ledger.answers.get(t) === 1).length} of ${args.events} events answered exactly once (${soloTwice} twice)`);

    // 1. two replicas on PostgreSQL
    const a = await startApp({ apiUrl: fake.apiUrl, env: replicaEnv });
    const b = await startApp({ apiUrl: fake.apiUrl, env: replicaEnv });
    apps.push(a, b);
    await sendEvents('wp', WARMUP, WARMUP, [a, b]);
    log(`replicas: A on :${a.port}, B on :${b.port}, one PostgreSQL database; ${args.events} events at ${args.rate}/s, each to both and once more as a retry`);
    const run = await sendEvents('p', args.events, args.rate, [a, b]);
    await until(() => run.ts.every((t) => ledger.answers.has(t)), 20_000);
    await sleep(1000); // time for a duplicate to show
    const once = run.ts.filter((t) => ledger.answers.get(t) === 1).length;
    const twice = run.ts.filter((t) => (ledger.answers.get(t) ?? 0) > 1).length;
    check(once === args.events && run.failures === 0, `events: ${once} of ${args.events} answered exactly once, ${twice} more than once, ${run.ts.length - once - twice} never; ${run.failures} deliveries not acked 200`);

    // 2. digests: subscribe through A, status through B, then everyone races at the due minute
    const now = Date.now();
    const due = Math.ceil((now + 75_000) / 60_000) * 60_000; // a minute boundary at least 75 s away
    const hhmm = new Date(due).toISOString().slice(11, 16);
    const channels = Array.from({ length: args.channels }, (_, i) => `CD${String(i).padStart(5, '0')}`);
    log(`replicas: subscribing ${args.channels} channels through A at ${hhmm} UTC, status through B`);
    let subscribed = 0;
    for (let i = 0; i < channels.length; i += 20) {
      await Promise.all(
        channels.slice(i, i + 20).map(async (c) => {
          const r = await send(a.baseUrl, commandBody(c, `digest on ${hhmm} UTC`, `http://127.0.0.1:${fake.port}/response/on/${c}`), 'application/x-www-form-urlencoded');
          if (r.status === 200) subscribed++;
        }),
      );
    }
    await until(() => channels.every((c) => ledger.responses.has(`/response/on/${c}`)), 20_000);
    for (let i = 0; i < channels.length; i += 20) {
      await Promise.all(channels.slice(i, i + 20).map((c) => send(b.baseUrl, commandBody(c, 'digest status', `http://127.0.0.1:${fake.port}/response/status/${c}`), 'application/x-www-form-urlencoded')));
    }
    await until(() => channels.every((c) => ledger.responses.has(`/response/status/${c}`)), 20_000);
    const statusOn = channels.filter((c) => JSON.stringify(ledger.responses.get(`/response/status/${c}`)?.[0]?.body ?? '').includes(`every day at ${hhmm}`)).length;
    check(subscribed === args.channels && statusOn === args.channels, `subscriptions: ${subscribed} made through A; B's status shows ${statusOn} of ${args.channels} on at ${hhmm}`);

    const wait = due - Date.now();
    log(`replicas: waiting ${(wait / 1000).toFixed(0)} s for ${hhmm} UTC, when both schedules and 8 digest --run-due runs race`);
    await sleep(Math.max(0, wait + 500));
    const runs = Array.from({ length: 8 }, () => digestRun(cliEnv, new Date(due + 500).toISOString()));
    const results = await Promise.all(runs.map((r) => r.done));
    await until(() => channels.every((c) => ledger.digests.has(c)), 60_000);
    await sleep(3000); // a schedule still posting would show a duplicate now
    const digestOnce = channels.filter((c) => ledger.digests.get(c) === 1).length;
    const digestTwice = channels.filter((c) => (ledger.digests.get(c) ?? 0) > 1).length;
    const runFailures = results.filter((r) => r.code !== 0);
    check(
      digestOnce === args.channels && runFailures.length === 0,
      `digests: ${digestOnce} of ${args.channels} channels got exactly one, ${digestTwice} more than one, ${args.channels - digestOnce - digestTwice} none; ${runFailures.length} of 8 digest runs failed${runFailures[0] ? ` (${runFailures[0].output.trim().split('\n')[0]})` : ''}`,
    );
    // the kill rounds use their own channels and day
    await db.admin.query(`DELETE FROM digest_subscriptions WHERE channel_id LIKE 'CD%'`);

    // 3. kills during a held chat.postMessage
    log(`replicas: ${args.kills} rounds of SIGKILL during a 2 s hold of chat.postMessage`);
    hold = 2000;
    let eventDoubles = 0;
    let eventLost = 0;
    let bAnswered = 0;
    let digestDoubles = 0;
    let digestPosted = 0;
    const killDay = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < args.kills; k++) {
      const replicaA = apps[0]!;
      const ts = `${Math.floor(Date.now() / 1000)}.k${String(k).padStart(5, '0')}`;
      const body = mentionBody(`EvKill${k}x${Date.now()}`, ts, QUESTIONS[k % QUESTIONS.length]!);
      // a channel whose digest is due on killDay, and a digest run that will be killed mid-post
      const channel = `CK${String(k).padStart(4, '0')}`;
      await send(b.baseUrl, commandBody(channel, 'digest on 03:00 UTC', `http://127.0.0.1:${fake.port}/response/kill/${channel}`), 'application/x-www-form-urlencoded');
      await until(() => ledger.responses.has(`/response/kill/${channel}`), 5000);
      const doomedRun = digestRun(cliEnv, `${killDay}T03:00:30Z`);
      // the event reaches A first (and B a moment later, as Slack may deliver twice)
      void send(replicaA.baseUrl, body, 'application/json');
      void sleep(50).then(() => send(b.baseUrl, body, 'application/json'));
      await ledger.answered(ts, 5000); // the post is at the fake, held
      await until(() => ledger.digests.has(channel), 8000);
      await sleep(300);
      replicaA.child.kill('SIGKILL');
      doomedRun.child.kill('SIGKILL');
      await doomedRun.done;
      // Slack's retry reaches B; a second digest run takes over the day
      await send(b.baseUrl, body, 'application/json', RETRY);
      const rerun = digestRun(cliEnv, `${killDay}T03:00:30Z`);
      // B keeps answering new events
      const freshTs = `${Math.floor(Date.now() / 1000)}.f${String(k).padStart(5, '0')}`;
      await send(b.baseUrl, mentionBody(`EvAfterKill${k}x${Date.now()}`, freshTs, 'what grade overall?'), 'application/json');
      if (await ledger.answered(freshTs, 6000)) bAnswered++;
      await rerun.done;
      await sleep(hold + 200);
      const posts = ledger.answers.get(ts) ?? 0;
      if (posts > 1) eventDoubles++;
      if (posts === 0) eventLost++;
      const dPosts = ledger.digests.get(channel) ?? 0;
      if (dPosts > 1) digestDoubles++;
      if (dPosts === 1) digestPosted++;
      // A comes back on its port for the next round
      apps[0] = await startApp({ apiUrl: fake.apiUrl, env: replicaEnv, port: replicaA.port });
    }
    hold = 0;
    check(eventDoubles === 0 && digestDoubles === 0, `kills: ${args.kills} rounds; events posted twice ${eventDoubles}, lost ${eventLost}; digests posted twice ${digestDoubles}, posted once ${digestPosted}`);
    check(bAnswered === args.kills, `kills: B answered ${bAnswered} of ${args.kills} new events while A was down`);

    const aAcks = run.acks[0]!;
    const bAcks = run.acks[1]!;
    console.log(
      [
        `replicas: ${args.events} events at ${args.rate}/s, each to both replicas and once more as a retry; ${args.channels} digest channels; ${args.kills} kill rounds`,
        `ack latency  A (PostgreSQL): p50 ${ms(percentile(aAcks, 0.5))}, p99 ${ms(percentile(aAcks, 0.99))} (${aAcks.length} acks)`,
        `ack latency  B (PostgreSQL): p50 ${ms(percentile(bAcks, 0.5))}, p99 ${ms(percentile(bAcks, 0.99))} (${bAcks.length} acks)`,
        `ack latency  one replica on SQLite, same load: p50 ${ms(percentile(soloAcks, 0.5))}, p99 ${ms(percentile(soloAcks, 0.99))} (${soloAcks.length} acks)`,
        `events answered exactly once: ${once} of ${args.events}; digests exactly once: ${digestOnce} of ${args.channels}; kill rounds: ${eventDoubles + digestDoubles} double posts, B answered ${bAnswered} of ${args.kills}`,
        problems.length === 0 ? 'replicas: every count right' : `replicas: WRONG: ${problems.join('; ')}`,
      ].join('\n'),
    );
  } finally {
    await Promise.all(apps.map((x) => x.stop().catch(() => undefined)));
    await fake.close();
    await db.drop().catch((err: unknown) => log(`replicas: could not drop the database: ${err instanceof Error ? err.message : String(err)}`));
  }
  if (problems.length > 0) process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`replicas: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

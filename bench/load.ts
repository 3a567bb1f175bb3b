import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Expectation } from '../src/answer/evaluate.js';
import { type FakeCall, signSlackRequest, startFakeSlack } from '../slack/try-local.js';
import { ensureBuilt, ROOT, SECRET, startApp } from './app-process.js';

/**
 * `npm run load [-- --rate 200 --seconds 20 --out FILE --check]`
 *
 * Starts the built app (node dist/src/main.js, HTTP mode) against a fake Slack Web API on
 * 127.0.0.1, sends signed /peel commands and app_mention events alternately at a fixed rate
 * (open loop: a slow answer does not slow the sender down, as Slack would not), and reports ack
 * latency, errors, and whether every request was answered exactly once — counted at the fake:
 * chat.postMessage per mention (by its thread_ts) and response_url posts per command (each
 * command gets its own response_url). Stops by itself; sends nothing anywhere but 127.0.0.1.
 * Nothing is sent until /readyz says ready, as a load balancer would wait: the app answers a few
 * questions of its own first (src/answer/warm.ts), which loads the report and WordNet. The first
 * --warmup-s seconds (default 2) then run at the same rate before the measured seconds (the Slack
 * client's first calls and the rest of the code still run cold there). Warm-up requests count
 * for errors and exactly-once, not latency.
 * --samples FILE writes every request's send time, ack and answer latency.
 * --cpu-prof DIR writes the app's CPU profile there (node --cpu-prof) to see where the time goes.
 * --check exits 1 when a target of issue 6 is missed (ack p99 ≤ 50 ms, no errors, each once).
 */

interface Args {
  rate: number;
  seconds: number;
  out: string | null;
  check: boolean;
  drainS: number;
  cpuProf: string | null;
  warmupS: number;
  samples: string | null;
}

const USAGE = 'usage: npm run load -- [--rate 200] [--seconds 20] [--warmup-s 2] [--drain-s 15] [--out FILE] [--samples FILE] [--check] [--cpu-prof DIR]';

function usage(problem: string): never {
  process.stderr.write(`load: ${problem}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { rate: 200, seconds: 20, out: null, check: false, drainS: 15, cpuProf: null, warmupS: 2, samples: null };
  const num = (v: string | undefined, what: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) usage(`${what} takes a positive number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    switch (a) {
      case '--rate': args.rate = num(v, '--rate'); i++; break;
      case '--seconds': args.seconds = num(v, '--seconds'); i++; break;
      case '--warmup-s': args.warmupS = Number(v); if (!(args.warmupS >= 0)) usage('--warmup-s takes a number ≥ 0'); i++; break;
      case '--drain-s': args.drainS = num(v, '--drain-s'); i++; break;
      case '--out': if (!v) usage('--out takes a file'); args.out = v; i++; break;
      case '--samples': if (!v) usage('--samples takes a file'); args.samples = v; i++; break;
      case '--check': args.check = true; break;
      case '--cpu-prof': if (!v) usage('--cpu-prof takes a folder'); args.cpuProf = v; i++; break;
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0);
      // falls through: exit ends the process
      default: usage(`unknown argument ${a}`);
    }
  }
  return args;
}

/** Slack gives up on an ack after 3 s; a slower one counts as an error. */
const ACK_DEADLINE_MS = 3000;
const percentile = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!);
const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+\//;

interface Sent {
  warmup: boolean;
  kind: 'command' | 'mention';
  sentAt: number;
  ackMs: number | null;
  status: number | null;
  error: string | null;
  answers: number;
  firstAnswerMs: number | null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const questions = (JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/questions.json'), 'utf8')) as Expectation[]).map((q) => q.q);
  const warmup = Math.round(args.rate * args.warmupS);
  const total = warmup + Math.round(args.rate * args.seconds);
  const run = `${Date.now().toString(36)}`;
  // a per-run prefix for the mentions' ts, so a thread_ts maps back to its request
  const runTs = `${Math.floor(Date.now() / 1000)}`;
  const sent: Sent[] = [];
  let stray = 0;

  const onCall = (call: FakeCall) => {
    const at = performance.now();
    let i: number | null = null;
    const response = call.path.match(/^\/response\/T1\/(\d+)\//);
    if (response) i = Number(response[1]);
    else if (call.path === '/api/chat.postMessage' && typeof call.body.thread_ts === 'string') {
      const m = call.body.thread_ts.match(/\.(\d{6})$/);
      if (m && String(call.body.thread_ts).startsWith(runTs)) i = Number(m[1]);
    }
    const s = i === null ? undefined : sent[i];
    if (!s) {
      stray++;
      return;
    }
    s.answers++;
    s.firstAnswerMs ??= at - s.sentAt;
  };

  ensureBuilt(log);
  const fake = await startFakeSlack({ onCall });
  const app = await startApp({ apiUrl: fake.apiUrl, logLevel: 'warn', nodeArgs: args.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', args.cpuProf] : [] });
  for (const url of [fake.apiUrl, fake.responseUrl, `${app.baseUrl}/`]) {
    if (!LOOPBACK.test(url)) throw new Error(`load: refusing to send to ${url} (loopback only)`);
  }
  // as a load balancer would: nothing is sent until /readyz says ready (the answerer warmed up)
  const readyMs = await app.waitReady();
  log(`load: app up in ${app.startMs.toFixed(0)} ms, ready in ${readyMs.toFixed(0)} ms on ${app.baseUrl}; sending ${total} signed requests at ${args.rate}/s for ${args.warmupS} s warm-up + ${args.seconds} s`);

  const send = (i: number) => {
    const question = questions[i % questions.length]!;
    const kind: Sent['kind'] = i % 2 === 0 ? 'command' : 'mention';
    let body: string;
    let contentType: string;
    if (kind === 'command') {
      contentType = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'load',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: 'U1',
        user_name: 'analyst',
        command: '/peel',
        text: question,
        api_app_id: 'A1',
        response_url: `http://127.0.0.1:${fake.port}/response/T1/${i}/load`,
        trigger_id: `${i}.1.2`,
      }).toString();
    } else {
      contentType = 'application/json';
      const ts = `${runTs}.${String(i).padStart(6, '0')}`;
      body = JSON.stringify({
        token: 'legacy',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `EvLoad${run}x${i}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${question}`, ts, channel: 'C1', event_ts: ts },
        authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
      });
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const s: Sent = { warmup: i < warmup, kind, sentAt: performance.now(), ackMs: null, status: null, error: null, answers: 0, firstAnswerMs: null };
    sent[i] = s;
    return fetch(`${app.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signSlackRequest(body, timestamp, SECRET) },
      body,
      signal: AbortSignal.timeout(ACK_DEADLINE_MS),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        s.ackMs = performance.now() - s.sentAt;
        s.status = res.status;
        if (res.status < 200 || res.status > 299) s.error = `HTTP ${res.status}`;
      })
      .catch((err: unknown) => {
        s.error = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : `connection: ${err instanceof Error ? (err.cause as Error | undefined)?.message ?? err.message : String(err)}`;
      });
  };

  // open loop at a fixed rate: request i leaves at start + i / rate, whatever the app is doing
  const inflight: Promise<void>[] = [];
  const appCpuBefore = app.cpuSeconds();
  const ownCpuBefore = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * args.rate) / 1000) + 1);
    while (next < due) inflight.push(send(next++));
    await new Promise((r) => setTimeout(r, 1));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(inflight);

  // answers arrive after the ack; wait for all of them (bounded), then a little more to see duplicates
  const drainUntil = performance.now() + args.drainS * 1000;
  while (sent.some((s) => s.answers === 0 && s.error === null) && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 500));
  const wallS = (performance.now() - start) / 1000;
  const appCpuAfter = app.cpuSeconds();
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const appRssMb = app.rssMb();
  const heap = await heapOf(app.baseUrl);
  const crashed = app.child.exitCode !== null;
  await app.stop();
  await fake.close();

  const measured = sent.filter((s) => !s.warmup);
  // a request Slack gave up on counts at the deadline, not as a missing sample
  const ackOf = (s: Sent) => (s.error === 'timeout' ? ACK_DEADLINE_MS : s.ackMs);
  const acks = measured.map(ackOf).filter((ms) => ms !== null).sort((a, b) => a - b);
  const warmAcks = sent.filter((s) => s.warmup).map(ackOf).filter((ms) => ms !== null).sort((a, b) => a - b);
  const answersMs = measured.filter((s) => s.firstAnswerMs !== null).map((s) => s.firstAnswerMs!).sort((a, b) => a - b);
  const errors = sent.filter((s) => s.error !== null);
  const summary = {
    rate: args.rate,
    seconds: args.seconds,
    warmup_seconds: args.warmupS,
    /** every request, warm-up included */
    sent: sent.length,
    measured: measured.length,
    commands: sent.filter((s) => s.kind === 'command').length,
    mentions: sent.filter((s) => s.kind === 'mention').length,
    achieved_rate: Number((sent.length / sendSeconds).toFixed(1)),
    ack_p50_ms: Number(percentile(acks, 0.5).toFixed(2)),
    ack_p99_ms: Number(percentile(acks, 0.99).toFixed(2)),
    ack_max_ms: Number((acks.at(-1) ?? NaN).toFixed(2)),
    warmup_ack_p99_ms: Number(percentile(warmAcks, 0.99).toFixed(2)),
    errors: {
      total: errors.length,
      non_2xx: errors.filter((s) => s.error!.startsWith('HTTP')).length,
      connection: errors.filter((s) => s.error!.startsWith('connection')).length,
      timeout: errors.filter((s) => s.error === 'timeout').length,
      first: errors[0]?.error ?? null,
    },
    answered_once: sent.filter((s) => s.answers === 1).length,
    unanswered: sent.filter((s) => s.answers === 0).length,
    answered_more_than_once: sent.filter((s) => s.answers > 1).length,
    stray_calls: stray,
    answer_p50_ms: Number(percentile(answersMs, 0.5).toFixed(2)),
    answer_p99_ms: Number(percentile(answersMs, 0.99).toFixed(2)),
    app_start_ms: Math.round(app.startMs),
    app_rss_mb: appRssMb === null ? null : Number(appRssMb.toFixed(1)),
    app_crashed: crashed,
    /** share of one core each process used from the first request until the answers were in */
    app_cpu_pct: appCpuAfter === null || appCpuBefore === null ? null : Math.round(((appCpuAfter - appCpuBefore) / wallS) * 100),
    /** the app's CPU time per request (ack, answer, store, reply): what a quieter machine cannot change */
    app_cpu_ms_per_request: appCpuAfter === null || appCpuBefore === null ? null : Number((((appCpuAfter - appCpuBefore) * 1000) / sent.length).toFixed(2)),
    load_generator_cpu_pct: Math.round(((ownCpu.user + ownCpu.system) / 1e6 / wallS) * 100),
  };
  const targets = {
    ack_p99_le_50ms: summary.ack_p99_ms <= 50,
    no_errors: summary.errors.total === 0,
    each_answered_once: summary.answered_once === summary.sent && summary.stray_calls === 0,
  };

  const f = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(1)} ms`);
  console.log(
    [
      `load: ${summary.sent} signed requests (${summary.commands} /peel commands, ${summary.mentions} app_mention events) at ${args.rate}/s for ${args.warmupS} s warm-up + ${args.seconds} s measured (achieved ${summary.achieved_rate}/s) to node dist/src/main.js on 127.0.0.1`,
      `ack latency (${summary.measured} measured requests, a timeout counted as ${ACK_DEADLINE_MS} ms): p50 ${f(summary.ack_p50_ms)}, p99 ${f(summary.ack_p99_ms)}, max ${f(summary.ack_max_ms)}; warm-up p99 ${f(summary.warmup_ack_p99_ms)}`,
      `errors: ${summary.errors.total} (non-2xx ${summary.errors.non_2xx}, connection ${summary.errors.connection}, timeout > ${ACK_DEADLINE_MS} ms ${summary.errors.timeout})${summary.errors.first ? `; first: ${summary.errors.first}` : ''}`,
      `answered exactly once: ${summary.answered_once} of ${summary.sent}; unanswered ${summary.unanswered}; more than once ${summary.answered_more_than_once}; stray calls at the fake API ${summary.stray_calls}`,
      `answer latency (sent → reply at the fake API): p50 ${f(summary.answer_p50_ms)}, p99 ${f(summary.answer_p99_ms)}`,
      `app: started in ${summary.app_start_ms} ms, RSS ${summary.app_rss_mb ?? 'n/a'} MB at the end (heap used ${heap ? `${heap.usedMb} of ${heap.totalMb} MB held, ${heap.externalMb} MB outside the heap, GC ${heap.gcS} s in all` : 'n/a'}), CPU ${summary.app_cpu_pct ?? 'n/a'}% of a core (${summary.app_cpu_ms_per_request ?? 'n/a'} ms CPU per request); load generator + fake API CPU ${summary.load_generator_cpu_pct}%${crashed ? '; CRASHED during the run' : ''}`,
      `targets (issue 6): ack p99 ≤ 50 ms ${targets.ack_p99_le_50ms ? 'met' : 'MISSED'}; no errors ${targets.no_errors ? 'met' : 'MISSED'}; each answered once ${targets.each_answered_once ? 'met' : 'MISSED'}`,
    ].join('\n'),
  );
  if (crashed) process.stderr.write(`load: the app exited during the run:\n${app.output()}\n`);
  if (args.samples) {
    // one row per request, to see when in the run the slow acks happened
    const rows = sent.map((x) => ({ sent_ms: Math.round(x.sentAt - start), kind: x.kind, warmup: x.warmup, ack_ms: x.ackMs, answer_ms: x.firstAnswerMs, answers: x.answers, error: x.error }));
    writeFileSync(args.samples, `${JSON.stringify(rows)}\n`);
  }
  if (args.out) {
    writeFileSync(args.out, `${JSON.stringify({ ...summary, targets }, null, 2)}\n`);
    log(`load: wrote ${args.out}`);
  }
  if (crashed || (args.check && !Object.values(targets).every(Boolean))) process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

/**
 * The app's heap in use, the heap V8 holds (committed), memory outside the heap (buffers), and
 * its time in garbage collection so far, from its own /metrics (prom-client's defaults): RSS less
 * these is code, native libraries and malloc's arenas.
 */
async function heapOf(baseUrl: string): Promise<{ usedMb: number; totalMb: number; externalMb: number; gcS: number } | null> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const mb = (name: string): number => Math.round(Number(text.match(new RegExp(`^peel_nodejs_${name} (\\S+)$`, 'm'))?.[1]) / 1048576);
    const used = mb('heap_size_used_bytes');
    const gc = [...text.matchAll(/^peel_nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    return Number.isFinite(used) ? { usedMb: used, totalMb: mb('heap_size_total_bytes'), externalMb: mb('external_memory_bytes'), gcS: Number(gc.toFixed(2)) } : null;
  } catch {
    return null;
  }
}

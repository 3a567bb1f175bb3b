/**
 * `npm run digest -- --preview [--channel C] [--date YYYY-MM-DD] [--json]`: the digest a channel
 * gets on a date (from its history in the store when there is one; no Slack token needed).
 * `npm run digest -- --run-due [--now ISO-8601]`: one tick of due digests against the configured
 * Web API (SLACK_API_URL honoured), sharing the store and the exactly-once rule with the app —
 * for cron or a Kubernetes CronJob instead of the in-process schedule. Exits 0 after a tick.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadKnowledge } from '../answer/knowledge.js';
import { type Config, type Env, loadConfig, readEnvironment, secretsOf } from '../config.js';
import { chooseItem, historyNeeded } from '../digest/compose.js';
import { createDigest } from '../digest/service.js';
import { addDays, describeDate, isIsoDate, localDateTime } from '../digest/time.js';
import { renderDigest } from '../render/digest.js';
import { createLogger } from '../slack/logger.js';
import { openStore } from '../store/open.js';
import type { PeelStore } from '../store/store.js';

const USAGE = `usage: npm run digest -- --preview [--channel C] [--team T] [--date YYYY-MM-DD] [--json]
       npm run digest -- --run-due [--now ISO-8601]`;

export interface DigestCliArgs {
  mode: 'preview' | 'run-due';
  channel: string;
  /** the channel's workspace; by default the one workspace that has the channel subscribed */
  team: string | null;
  date: string | null;
  now: number | null;
  json: boolean;
}

/** Parses the arguments, or throws an Error whose message names the bad one and shows the usage. */
export function parseDigestArgs(argv: string[]): DigestCliArgs {
  const out: DigestCliArgs = { mode: 'preview', channel: 'CPREVIEW', team: null, date: null, now: null, json: false };
  let mode: DigestCliArgs['mode'] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`digest: ${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--preview' || a === '--run-due') {
      if (mode !== null && mode !== a.slice(2)) throw new Error(`digest: choose one of --preview and --run-due\n${USAGE}`);
      mode = a.slice(2) as DigestCliArgs['mode'];
    } else if (a === '--channel') out.channel = value();
    else if (a === '--team') out.team = value();
    else if (a === '--date') {
      const d = value();
      if (!isIsoDate(d)) throw new Error(`digest: --date ${d} is not a date: write YYYY-MM-DD, e.g. 2026-05-12\n${USAGE}`);
      out.date = d;
    } else if (a === '--now') {
      const n = value();
      const t = Date.parse(n);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(n) || Number.isNaN(t)) throw new Error(`digest: --now ${n} is not an ISO-8601 time such as 2026-05-12T08:31:00Z\n${USAGE}`);
      out.now = t;
    } else if (a === '--json') out.json = true;
    else throw new Error(`digest: unknown argument ${a}\n${USAGE}`);
  }
  if (mode === null) throw new Error(`digest: say --preview or --run-due\n${USAGE}`);
  out.mode = mode;
  return out;
}

/** Preview needs no Slack credentials: placeholders satisfy the schema, every other variable is checked as usual. */
function previewConfig(env: Env): Config {
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  return loadConfig({
    ...env,
    SLACK_BOT_TOKEN: blank(env.SLACK_BOT_TOKEN) ? 'xoxb-preview' : env.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: blank(env.SLACK_SIGNING_SECRET) ? 'preview' : env.SLACK_SIGNING_SECRET,
  });
}

/** The preview: the item the channel gets on `date`, assuming one digest a day from its next one on. */
async function preview(args: DigestCliArgs, env: Env, write: (s: string) => void): Promise<void> {
  const config = previewConfig(env);
  const kb = loadKnowledge({ corpusDir: config.corpusDir, intentsDir: config.intentsDir });
  const logger = createLogger({ level: 'warn', secrets: [] });
  // read the history only when the database exists: a preview must not create an SQLite file
  const store: PeelStore | null = config.databaseUrl || existsSync(config.databasePath) ? await openStore(config) : null;
  try {
    const digest = createDigest({ config, kb, store: store ?? nullStore(), logger });
    const subscribed = store ? (await store.subscriptions()).filter((s) => s.channelId === args.channel && (args.team === null || s.teamId === args.team)) : [];
    const channel = { teamId: args.team ?? subscribed[0]?.teamId ?? '', channelId: args.channel };
    const sub = subscribed.find((s) => s.teamId === channel.teamId) ?? null;
    const zone = sub?.zone ?? config.digest.zone;
    const today = localDateTime(Date.now(), zone).date;
    const date = args.date ?? today;
    const sent = store ? await store.delivery(channel, date) : null;
    let item = sent?.itemKey ? digest.items.find((i) => i.key === sent.itemKey) : undefined;
    if (!item) {
      const shown = store ? await store.shownItemKeys(channel, historyNeeded(digest.items)) : [];
      const start = store && (await store.delivery(channel, today)) ? addDays(today, 1) : today;
      for (let d = start; ; d = addDays(d, 1)) {
        item = chooseItem(digest.items, args.channel, shown) ?? undefined;
        if (!item || d >= date) break;
        shown.unshift(item.key);
      }
    }
    if (!item) throw new Error('digest: the reports give nothing to show (no judgments, areas for improvement or headline metrics)');
    const rendered = renderDigest({ item, dateLabel: describeDate(date) });
    if (args.json) {
      write(`${JSON.stringify({ channel: args.channel, date, item: item.key, ...rendered }, null, 2)}\n`);
      return;
    }
    write(
      [
        `Digest for ${args.channel} on ${describeDate(date)} (item ${item.key}; ${digest.items.length} items in the rotation)`,
        '',
        rendered.text,
        '',
        `> ${item.quote.replace(/\s+/g, ' ').trim()}`,
        `  ${item.citation.section} · p. ${item.citation.page}`,
        `Ask more: ${item.ask}`,
        '',
      ].join('\n'),
    );
  } finally {
    await store?.close();
  }
}

/** A store with no subscriptions and no history, for a preview without a database. */
function nullStore(): PeelStore {
  const none = async () => null;
  return {
    subscription: none,
    subscriptions: async () => [],
    delivery: none,
    lastSent: none,
    shownItemKeys: async () => [],
  } as unknown as PeelStore;
}

async function runDue(args: DigestCliArgs, env: Env, write: (s: string) => void): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), format: config.logFormat });
  const kb = loadKnowledge({ corpusDir: config.corpusDir, intentsDir: config.intentsDir });
  const store = await openStore(config);
  try {
    const now = args.now ?? Date.now();
    const report = await createDigest({ config, kb, store, logger }).runDue(now);
    const lines = report.results.map((r) => `${r.outcome.padEnd(9)} ${r.channelId} ${r.localDate} ${r.itemKey}${r.ts ? ` ts ${r.ts}` : ''}${r.error ? ` (${r.error})` : ''}`);
    for (const c of report.missed) lines.push(`missed    ${c} (beyond DIGEST_CATCHUP_HOURS=${config.digest.catchupHours}; next digest tomorrow)`);
    write(`digest --run-due at ${new Date(now).toISOString()}: ${report.results.filter((r) => r.outcome === 'sent').length} posted\n${lines.map((l) => `  ${l}\n`).join('')}`);
  } finally {
    await store.close();
  }
}

/** Runs the CLI; returns the exit code. */
export async function runDigestCli(argv: string[], env: Env, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  try {
    const args = parseDigestArgs(argv);
    if (args.mode === 'preview') await preview(args, env, io.out);
    else await runDue(args, env, io.out);
    return 0;
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDigestCli(process.argv.slice(2), readEnvironment(), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
    (code) => process.exit(code),
  );
}

/**
 * `npm run digest -- --preview [--channel C] [--team T] [--date YYYY-MM-DD] [--json]`: the digest a
 * channel gets on a date, or got on a past one (from its history in the store; no Slack token needed).
 * `npm run digest -- --run-due [--now ISO-8601]`: one tick of due digests against the configured
 * Web API (SLACK_API_URL honoured), sharing the store and the exactly-once rule with the app —
 * for cron or a Kubernetes CronJob instead of the in-process schedule. Exits 0 after a tick.
 */
import { existsSync } from 'node:fs';
import { loadKnowledge } from '../library/knowledge.js';
import { type Config, type Env, loadConfig, secretsOf } from '../config.js';
import { chooseItem, historyNeeded } from '../digest/compose.js';
import { createDigest } from '../digest/service.js';
import { addDays, describeDate, isIsoDate, localDateTime } from '../digest/time.js';
import { renderDigest } from '../render/digest.js';
import { pageLabel } from '../corpus/page-span.js';
import { createLogger } from '../logger.js';
import { openStore } from '../store/open.js';
import type { PeelStore } from '../store/store.js';
import { type CliIo, readArgs, runProgram, UsageExit, withUsage } from './program.js';

const USAGE = `usage: npm run digest -- --preview [--channel C] [--team T] [--date YYYY-MM-DD] [--now ISO-8601] [--json]
       npm run digest -- --run-due [--now ISO-8601]
  --preview  the digest a channel gets on a date (or got, on a past one); --now sets "today"
  --run-due  one tick of due digests, as the app's minute schedule runs it`;

export interface DigestCliArgs {
  mode: 'preview' | 'run-due';
  channel: string;
  /** the channel's workspace; by default the one workspace that has the channel subscribed */
  team: string | null;
  date: string | null;
  now: number | null;
  json: boolean;
}

/** Parses the arguments: a usage exit for --help or an unknown flag, an Error naming a bad value. */
export function parseDigestArgs(argv: string[]): DigestCliArgs {
  const { values } = readArgs(argv, 'digest', USAGE, {
    preview: { type: 'boolean' },
    'run-due': { type: 'boolean' },
    channel: { type: 'string' },
    team: { type: 'string' },
    date: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.preview && values['run-due']) throw new Error(`digest: choose one of --preview and --run-due\n${USAGE}`);
  if (!values.preview && !values['run-due']) throw new Error(`digest: say --preview or --run-due\n${USAGE}`);
  const out: DigestCliArgs = {
    mode: values.preview ? 'preview' : 'run-due',
    channel: typeof values.channel === 'string' ? values.channel : 'CPREVIEW',
    team: typeof values.team === 'string' ? values.team : null,
    date: null,
    now: null,
    json: values.json === true,
  };
  if (typeof values.date === 'string') {
    if (!isIsoDate(values.date)) throw new Error(`digest: --date ${values.date} is not a date: write YYYY-MM-DD, e.g. 2026-05-12\n${USAGE}`);
    out.date = values.date;
  }
  if (typeof values.now === 'string') {
    const t = Date.parse(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(t)) throw new Error(`digest: --now ${values.now} is not an ISO-8601 time such as 2026-05-12T08:31:00Z\n${USAGE}`);
    out.now = t;
  }
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
  const logger = createLogger({ level: 'warn', secrets: [] });
  const kb = loadKnowledge({ corpusDir: config.corpusDir, intentsDir: config.intentsDir, compiledDir: config.compiledDir, onWarn: (m) => logger.warn(m) });
  // read the history only when the database exists: a preview must not create an SQLite file
  const store: PeelStore | null = config.databaseUrl || existsSync(config.databasePath) ? await openStore(config) : null;
  try {
    const digest = createDigest({ config, kb, store: store ?? nullStore(), logger });
    const subscribed = store ? (await store.subscriptions()).filter((s) => s.channelId === args.channel && (args.team === null || s.teamId === args.team)) : [];
    const channel = { teamId: args.team ?? subscribed[0]?.teamId ?? '', channelId: args.channel };
    const sub = subscribed.find((s) => s.teamId === channel.teamId) ?? null;
    const zone = sub?.zone ?? config.digest.zone;
    const today = localDateTime(args.now ?? Date.now(), zone).date;
    const date = args.date ?? today;
    const sent = store ? await store.delivery(channel, date) : null;
    let item = sent?.itemKey ? digest.items.find((i) => i.key === sent.itemKey) : undefined;
    // a past day shows what was posted that day; with nothing posted there is nothing to show
    if (!item && date < today) throw new Error(`digest: nothing was posted in ${args.channel} on ${date}; a preview shows what was posted on a past day, or today's or a later day's item`);
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
        `  ${item.citation.section} · ${pageLabel(item.citation)}`,
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
  const kb = loadKnowledge({ corpusDir: config.corpusDir, intentsDir: config.intentsDir, compiledDir: config.compiledDir, onWarn: (m) => logger.warn(m) });
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
export function runDigestCli(argv: string[], io: CliIo): Promise<number> {
  return withUsage(io, async () => {
    try {
      const args = parseDigestArgs(argv);
      if (args.mode === 'preview') await preview(args, io.env, io.out);
      else await runDue(args, io.env, io.out);
      return 0;
    } catch (err) {
      if (err instanceof UsageExit) throw err;
      io.err(`${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  });
}

runProgram(import.meta.url, runDigestCli);

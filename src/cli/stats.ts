/**
 * `npm run stats`: what maintainers need from the store — questions by intent, the questions the
 * report did not answer, and the feedback. Reads DATABASE_URL, else DATABASE_PATH (no Slack token
 * needed).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DATABASE_PATH, readEnvironment } from '../config.js';
import { openStore } from '../store/open.js';
import type { Stats } from '../store/store.js';

/** Stats as the text a maintainer reads in a terminal. */
export function formatStats(stats: Stats): string {
  const lines: string[] = [];
  const total = stats.byIntent.reduce((n, r) => n + r.asked, 0);
  lines.push(`Questions asked: ${total}`);
  for (const r of stats.byIntent) {
    lines.push(`  ${r.intent.padEnd(12)} ${String(r.asked).padStart(6)}${r.unanswered > 0 ? `  (${r.unanswered} unanswered)` : ''}`);
  }
  lines.push('', `Unanswered questions (most asked first): ${stats.unanswered.length === 0 ? 'none' : ''}`);
  for (const u of stats.unanswered) {
    lines.push(`  ${String(u.times).padStart(4)} × ${u.question}  (last ${new Date(u.last).toISOString().slice(0, 16).replace('T', ' ')})`);
  }
  lines.push('', `Feedback: 👍 ${stats.feedback.up}  👎 ${stats.feedback.down}`);
  for (const f of stats.feedback.recent) {
    lines.push(`  ${f.vote === 'up' ? '👍' : '👎'} [${f.intent}] ${f.question || '(no question: a command such as /peel judgment)'}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const env = readEnvironment();
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const raw = env.DATABASE_PATH && env.DATABASE_PATH.trim() !== '' ? env.DATABASE_PATH.trim() : DEFAULT_DATABASE_PATH;
  const path = isAbsolute(raw) ? raw : resolve(process.cwd(), raw);
  if (!databaseUrl && !existsSync(path)) {
    process.stderr.write(`stats: no database at ${path} yet (it is created when the bot starts; DATABASE_PATH sets it)\n`);
    process.exit(1);
  }
  let store;
  try {
    store = await openStore({ databaseUrl, databasePath: path });
  } catch (err) {
    process.stderr.write(`stats: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  try {
    // the whole, then each workspace on its own when there is more than one
    const all = await store.stats(null);
    const teams = await store.workspaces();
    const each = teams.length > 1 ? await Promise.all(teams.map(async (t) => [t, await store.stats(t)] as const)) : [];
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ all, workspaces: Object.fromEntries(each) }, null, 2)}\n`);
    } else {
      const parts = [teams.length > 1 ? `All ${teams.length} workspaces\n${formatStats(all)}` : formatStats(all)];
      for (const [team, stats] of each) parts.push(`Workspace ${team || '(before workspaces were kept)'}\n${formatStats(stats)}`);
      process.stdout.write(`${parts.join('\n\n')}\n`);
    }
  } finally {
    await store.close();
  }
}

// run only as a program, so tests can import formatStats
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();

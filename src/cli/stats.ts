/**
 * `npm run stats`: what maintainers need from the store — questions by intent, the questions the
 * report did not answer, and the feedback. Reads DATABASE_URL, else DATABASE_PATH (no Slack token
 * needed).
 */
import { existsSync } from 'node:fs';
import { readStoreLocation } from '../config.js';
import { openStore } from '../store/open.js';
import type { Stats } from '../store/store.js';
import { type CliIo, readArgs, runProgram, withUsage } from './program.js';

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

const USAGE = `usage: npm run stats -- [--json]
  questions by intent, the questions the report did not answer, and the feedback, in all and per
  workspace, from DATABASE_URL or else DATABASE_PATH
  --json   the same as one JSON object: { all, workspaces }`;

/** Runs the command; returns the exit code. */
export function runStatsCli(argv: string[], io: CliIo): Promise<number> {
  return withUsage(io, async () => {
    const { values } = readArgs(argv, 'stats', USAGE, { json: { type: 'boolean' } });
    let store;
    try {
      const { databaseUrl, databasePath } = readStoreLocation(io.env);
      if (!databaseUrl && !existsSync(databasePath)) {
        io.err(`stats: no database at ${databasePath} yet (it is created when the bot starts; DATABASE_PATH sets it)\n`);
        return 1;
      }
      store = await openStore({ databaseUrl, databasePath });
    } catch (err) {
      io.err(`stats: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    try {
      // the whole, then each workspace on its own when there is more than one
      const all = await store.stats(null);
      const teams = await store.workspaces();
      const each = teams.length > 1 ? await Promise.all(teams.map(async (t) => [t, await store.stats(t)] as const)) : [];
      if (values.json) {
        io.out(`${JSON.stringify({ all, workspaces: Object.fromEntries(each) }, null, 2)}\n`);
      } else {
        const parts = [teams.length > 1 ? `All ${teams.length} workspaces\n${formatStats(all)}` : formatStats(all)];
        for (const [team, stats] of each) parts.push(`Workspace ${team || '(before workspaces were kept)'}\n${formatStats(stats)}`);
        io.out(`${parts.join('\n\n')}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  });
}

runProgram(import.meta.url, runStatsCli);

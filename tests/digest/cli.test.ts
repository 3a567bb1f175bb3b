import { afterEach, describe, expect, it } from 'vitest';
import { parseDigestArgs, runDigestCli } from '../../src/cli/digest.js';
import { API, digestWorld, type DigestWorld, subscribe } from './helpers.js';

let world: DigestWorld;
afterEach(() => world?.close());

async function cli(w: DigestWorld, ...argv: string[]) {
  let out = '';
  let err = '';
  const env = { SLACK_BOT_TOKEN: 'xoxb-digest-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: `${API}/api/`, DATABASE_PATH: w.config.databasePath };
  const code = await runDigestCli(argv, { out: (s) => (out += s), err: (s) => (err += s), env });
  return { code, out, err };
}

describe('npm run digest', () => {
  it('--run-due twice at the same --now posts once, sharing the store with the app', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    await subscribe(world, 'C1', '08:30', 'Europe/London');
    await world.store.close(); // the app is stopped; the CLI opens the file itself
    const first = await cli(world, '--run-due', '--now', '2026-05-12T07:31:00Z');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('1 posted');
    const second = await cli(world, '--run-due', '--now', '2026-05-12T07:31:00Z');
    expect(second.code).toBe(0);
    expect(second.out).toContain('0 posted');
    expect(world.posts).toHaveLength(1);
    await world.restart();
  });

  it('--preview prints the digest a channel gets on a date, with its page', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    const now = ['--now', '2026-05-12T06:00:00Z']; // "today" for the preview
    const a = await cli(world, '--preview', '--channel', 'C9', '--date', '2026-05-12', ...now);
    const b = await cli(world, '--preview', '--channel', 'C9', '--date', '2026-05-13', ...now);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/Digest for C9 on Tuesday,? 12 May 2026/);
    expect(a.out).toMatch(/· p\. \d+/);
    expect(b.out.split('\n')[0]).not.toBe(a.out.split('\n')[0]);
    const json = JSON.parse((await cli(world, '--preview', '--channel', 'C9', '--date', '2026-05-12', '--json', ...now)).out) as { blocks: unknown[] };
    expect(json.blocks.length).toBeGreaterThan(3);
    expect(world.posts).toHaveLength(0);
    // a past day shows what was posted then; with nothing posted, it says so rather than relabel today's item
    const past = await cli(world, '--preview', '--channel', 'C9', '--date', '2026-05-01', ...now);
    expect(past.code).toBe(1);
    expect(past.err).toBe("digest: nothing was posted in C9 on 2026-05-01; a preview shows what was posted on a past day, or today's or a later day's item\n");
  });

  it('answers --help with the usage and exit 0, and an unknown flag with the usage and exit 2', async () => {
    world = digestWorld('2026-05-12T06:00:00Z');
    const help = await cli(world, '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: npm run digest -- --preview/);
    const bad = await cli(world, '--preview', '--colour');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^digest: Unknown option '--colour'\nusage: /);
  });

  it('names a bad argument', () => {
    expect(() => parseDigestArgs(['--run-due', '--now', 'tomorrow'])).toThrowError('digest: --now tomorrow is not an ISO-8601 time');
    expect(() => parseDigestArgs(['--preview', '--date', '2026-02-30'])).toThrowError('digest: --date 2026-02-30 is not a date: write YYYY-MM-DD');
    expect(() => parseDigestArgs([])).toThrowError('digest: say --preview or --run-due');
  });
});

/**
 * The command-line programs behave alike: --help is the usage and exit 0, an unknown flag the
 * usage and exit 2, they read CORPUS_DIR / INTENTS_DIR / DATABASE_PATH as the app does, and a
 * closed output pipe ends them quietly. The interactive prompt greets, follows up and leaves.
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runAskCli } from '../../src/cli/ask.js';
import { runCorpusCli } from '../../src/cli/corpus.js';
import { runDigestCli } from '../../src/cli/digest.js';
import { runEvalCli } from '../../src/cli/eval.js';
import type { CliIo } from '../../src/cli/program.js';
import { runStatsCli } from '../../src/cli/stats.js';
import { ROOT } from '../slack/harness.js';

function io(env: Record<string, string> = {}): CliIo & { output: () => string; errors: () => string } {
  let out = '';
  let err = '';
  return { out: (s) => (out += s), err: (s) => (err += s), env, output: () => out, errors: () => err };
}

const PROGRAMS: [string, (argv: string[], io: CliIo) => Promise<number>][] = [
  ['ask', (argv, i) => runAskCli(argv, i, new PassThrough(), false)],
  ['corpus', runCorpusCli],
  ['digest', runDigestCli],
  ['eval', runEvalCli],
  ['stats', runStatsCli],
];

describe('every program', () => {
  for (const [name, run] of PROGRAMS) {
    it(`${name}: --help prints the usage and exits 0; an unknown flag prints it on stderr and exits 2`, async () => {
      const help = io();
      expect(await run(['--help'], help)).toBe(0);
      expect(help.output()).toMatch(new RegExp(`^usage: npm run ${name} -- `));
      expect(help.errors()).toBe('');
      const bad = io();
      expect(await run(['--no-such-flag'], bad)).toBe(2);
      expect(bad.errors()).toMatch(new RegExp(`^${name}: Unknown option '--no-such-flag'\\nusage: npm run ${name} -- `));
      expect(bad.output()).toBe('');
    });
  }

  it('ask and corpus read CORPUS_DIR as the app does', async () => {
    const ask = io({ CORPUS_DIR: '/no/such/corpus' });
    expect(await runAskCli(['what grade overall?'], ask, new PassThrough(), false)).toBe(1);
    expect(ask.errors()).toMatch(/\/no\/such\/corpus/);
    const corpus = io({ CORPUS_DIR: '/no/such/corpus' });
    expect(await runCorpusCli([], corpus)).toBe(1);
    expect(corpus.errors()).toBe('corpus: /no/such/corpus is not a folder\n');
  });

  it('stats checks DATABASE_URL as the app does, without echoing it', async () => {
    const stats = io({ DATABASE_URL: 'mysql://user:hunter2@db/peel' });
    expect(await runStatsCli([], stats)).toBe(1);
    expect(stats.errors()).toBe('stats: Config: DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/peel\n');
  });

  it('stats reads DATABASE_PATH as the app does', async () => {
    const stats = io({ DATABASE_PATH: '/no/such/folder/peel.sqlite' });
    expect(await runStatsCli([], stats)).toBe(1);
    expect(stats.errors()).toBe('stats: no database at /no/such/folder/peel.sqlite yet (it is created when the bot starts; DATABASE_PATH sets it)\n');
  });

  it('a reader that stops early (| head) ends corpus, ask and eval quietly', () => {
    for (const command of ['src/cli/corpus.ts --json', 'src/cli/ask.ts --json "what grade overall?"', 'src/cli/eval.ts tests/fixtures/questions.json']) {
      const run = spawnSync('sh', ['-c', `node --import tsx ${command} | head -c 20`], { cwd: ROOT, encoding: 'utf8' });
      expect(run.status, command).toBe(0);
      expect(run.stderr, command).toBe('');
      expect(run.stdout.length, command).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('the interactive prompt', () => {
  it('greets with the reports loaded and how to leave, follows up on the last answer, and leaves on exit', async () => {
    const input = new PassThrough();
    const prompt = io();
    const done = runAskCli([], prompt, input, true);
    input.write('How many crimes per 1,000 population were recorded in Cleveland?\n');
    input.write('which page?\n');
    input.write('exit\n');
    input.write('what grade overall?\n'); // after exit: never answered
    expect(await done).toBe(0);
    const out = prompt.output();
    expect(out).toMatch(/^peel-bot: 1 report\(s\) loaded \(PEEL: Police effectiveness 2015 – [^)]*Cleveland Police\)\. Ask a question; follow-ups follow the last answer\. exit, quit or Ctrl-D leaves\.\n/);
    expect(out).toMatch(/per 1,000 population/);
    // "which page?" is answered from the previous answer's citation, as in a Slack thread
    expect(out).toMatch(/78\.7 per 1,000 population[\s\S]*, p\. 11\n/);
    // the follow-up names the section and quote the first answer cited, which only the thread's context gives it
    expect(out).toMatch(/^Preventing crime and anti-social behaviour.*: “Recorded crime \(excluding fraud\) 78\.7 63\.0”$/m);
    expect(out).not.toMatch(/Overall, Cleveland Police requires improvement/);
  });

  it('leaves on Ctrl-D (end of input)', async () => {
    const input = new PassThrough();
    const done = runAskCli([], io(), input, true);
    input.end();
    expect(await done).toBe(0);
  });
});

/**
 * The production install, as the Dockerfile makes it, outside Docker (these machines have no
 * Docker engine): the run stage's COPY list into an empty folder, the deps stage's
 * `npm ci --omit=dev`, then its CMD, which must answer /healthz and /readyz with no dev dependency
 * present. The one shortcut: the install skips scripts and takes better-sqlite3's compiled addon
 * from this checkout (the same Node), because compiling it takes minutes.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../slack/try-local.js';
import { MALLOC_ARENA_MAX, NODE_ARGS } from '../../bench/app-process.js';
import { compileAll } from '../../src/library/compiled.js';
import { ROOT } from '../slack/harness.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
/** The instructions of one stage of the Dockerfile. */
function stage(name: string): string[] {
  const body = dockerfile.split(/^FROM /m).find((s) => new RegExp(`^\\S+ AS ${name}$`, 'm').test(s.split('\n')[0]!)) ?? '';
  return body.split('\n').slice(1).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

let folder: string;
let fake: FakeSlack;
let child: ChildProcess | undefined;

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  folder = mkdtempSync(join(tmpdir(), 'peel-production-'));
}, 120_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await fake?.close();
});

describe('the Dockerfile, outside Docker', () => {
  it('builds in one stage with the dev dependencies and installs the production ones alone in another', () => {
    expect(stage('build')).toEqual(expect.arrayContaining(['RUN npm ci --no-audit --no-fund', 'RUN npm run build']));
    expect(stage('deps')).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    expect(stage('run')).toEqual(expect.arrayContaining(['USER node', 'CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/src/main.js"]']));
    // npm start runs the app with the image's flags, and the benches measure it with them
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node scripts/built.mjs && MALLOC_ARENA_MAX=2 exec node --max-old-space-size=128 --max-semi-space-size=4 dist/src/main.js');
    expect(NODE_ARGS).toEqual(['--max-old-space-size=128', '--max-semi-space-size=4']);
    // two malloc arenas, in the image, npm start and the benches alike
    expect(stage('run')).toContain('ENV MALLOC_ARENA_MAX=2');
    expect(MALLOC_ARENA_MAX).toBe(process.env.MALLOC_ARENA_MAX ?? '2');
    expect(stage('run').some((l) => l.startsWith('HEALTHCHECK'))).toBe(true);
  });

  it('builds from the build stage’s files alone (with the dev dependencies)', () => {
    const buildDir = mkdtempSync(join(tmpdir(), 'peel-build-stage-'));
    for (const line of stage('build').filter((l) => l.startsWith('COPY '))) {
      const parts = line.split(/\s+/).slice(1);
      const target = join(buildDir, parts.at(-1)!);
      for (const source of parts.slice(0, -1)) cpSync(join(ROOT, source), target.endsWith('/') ? join(target, basename(source)) : target, { recursive: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(buildDir, 'node_modules'));
    const build = spawnSync('npm', ['run', 'build'], { cwd: buildDir, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    expect(readFileSync(join(buildDir, 'dist/src/main.js'), 'utf8')).not.toMatch(/from ["']\.\.?\//);
    rmSync(buildDir, { recursive: true, force: true });
  }, 60_000);

  it('shares compiled reports between the source (npm run ask, eval) and the build (npm start)', () => {
    const compiledDir = join(folder, 'shared-compiled');
    expect(compileAll({ corpusDir: join(ROOT, 'corpus'), intentsDir: join(ROOT, 'intents'), compiledDir })).toEqual([expect.objectContaining({ state: 'missing', compiled: true })]);
    const built = spawnSync(process.execPath, ['dist/src/cli/corpus.js'], { cwd: ROOT, env: { ...process.env, COMPILED_DIR: compiledDir }, encoding: 'utf8' });
    expect(built.stdout).toContain(`\n  Compiled  fresh — ${join(compiledDir, 'cleveland-effectiveness-2015.json')}\n`);
  });

  it('starts from the run stage’s files and the production dependencies, and answers /healthz and /readyz', async () => {
    // the run stage's COPY lines: from this checkout, from the build stage (dist/) or the deps stage (node_modules/, installed below)
    for (const line of stage('run').filter((l) => l.startsWith('COPY '))) {
      const parts = line.split(/\s+/).slice(1);
      const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : null;
      const sources = parts.slice(0, -1).map((p) => p.replace(/^\/app\//, ''));
      if (from === 'deps') continue;
      for (const source of sources) cpSync(join(ROOT, source), join(folder, source), { recursive: true });
    }
    expect(existsSync(join(folder, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(join(folder, 'src'))).toBe(false);
    const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], { cwd: folder, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(folder, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(folder, 'node_modules/vitest'))).toBe(false);
    cpSync(join(ROOT, 'node_modules/better-sqlite3/build'), join(folder, 'node_modules/better-sqlite3/build'), { recursive: true });

    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|PEEL_|DATABASE_|PORT$|LOG_|CORPUS_DIR|INTENTS_DIR|COMPILED_DIR|DIGEST_|TOKEN_)/.test(k)));
    // the run stage compiles each report once, with the built code
    const compile = stage('run').find((l) => l.startsWith('RUN node dist/src/cli/corpus.js --compile'))!;
    expect(compile).toBeDefined();
    const compiled = spawnSync(process.execPath, ['dist/src/cli/corpus.js', '--compile'], { cwd: folder, env: { ...inherited, COMPILED_DIR: join(folder, 'compiled') }, encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe(`cleveland-effectiveness-2015  missing → compiled  ${join(folder, 'compiled/cleveland-effectiveness-2015.json')}\n`);

    // what runs is one bundle (scripts/bundle.mjs): it imports none of the other built files
    expect(readFileSync(join(folder, 'dist/src/main.js'), 'utf8')).not.toMatch(/from ["']\.\.?\//);
    const entry = join(folder, 'compiled/cleveland-effectiveness-2015.json');
    const compiledAt = statSync(entry).mtimeMs;

    fake = await startFakeSlack();
    let output = '';
    child = spawn(process.execPath, [...NODE_ARGS, 'dist/src/main.js'], {
      cwd: folder,
      env: { ...inherited, NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-production-test', SLACK_SIGNING_SECRET: 'production-secret', SLACK_API_URL: fake.apiUrl, PORT: '0', DATABASE_PATH: join(folder, 'data/peel.sqlite'), COMPILED_DIR: join(folder, 'compiled') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const end = Date.now() + 20_000;
    let port: string | undefined;
    while (!(port = output.match(/HTTP mode on port (\d+)/)?.[1])) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`the production install did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // ready once the answerer has warmed up, which main does after the port is bound
    let ready: unknown;
    while ((ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) && (ready as { status: string }).status === 'starting') {
      if (Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toEqual({ status: 'ready', slack: 'ok', store: 'ok' });
    expect(output).toMatch(/peel-bot: ready \(answerer warmed up with 6 questions in \d+ ms\)/);
    // the bundle hashes the same built code as the CLI that compiled the entry, so it loads it as it is
    expect(statSync(entry).mtimeMs).toBe(compiledAt);
  }, 120_000);
});

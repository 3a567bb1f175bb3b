import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The built app as a child process, the way it runs in production (node dist/src/main.js, HTTP
 * mode), pointed at a local fake Web API. Shared by the cold-start bench and the load test, so
 * both measure the same thing people deploy and neither can reach anything but 127.0.0.1.
 */

export const ROOT = resolve(import.meta.dirname, '..');
export const ENTRY = join(ROOT, 'dist/src/main.js');
export const SECRET = 'bench-signing-secret';
/**
 * node's flags as the image runs the app (the Dockerfile's CMD), so benches measure what is
 * deployed; BENCH_NODE_ARGS (space-separated) measures other flags without editing the Dockerfile.
 */
export const NODE_ARGS: string[] = process.env.BENCH_NODE_ARGS !== undefined ? process.env.BENCH_NODE_ARGS.split(/\s+/).filter(Boolean) : imageNodeArgs();

function imageNodeArgs(): string[] {
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
  const words = cmd ? (JSON.parse(cmd) as unknown) : null;
  if (!Array.isArray(words) || words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') {
    throw new Error('bench: the Dockerfile has no CMD ["node", …flags, "dist/src/main.js"] to take node\'s flags from');
  }
  return words.slice(1, -1) as string[];
}
/** The image's MALLOC_ARENA_MAX (an ENV of the Dockerfile), so benches measure the memory it runs with; the environment's own wins. */
export const MALLOC_ARENA_MAX: string | null = process.env.MALLOC_ARENA_MAX ?? /^ENV MALLOC_ARENA_MAX=(\S+)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1] ?? null;
export const BOT_TOKEN = 'xoxb-bench-token';

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Runs `npm run build` when dist/src/main.js is missing or older than a file under src/ (or the build config). */
export function ensureBuilt(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'tsconfig.json')), newestMtime(join(ROOT, 'tsconfig.build.json')));
  if (existsSync(ENTRY) && statSync(ENTRY).mtimeMs >= sources) return;
  log(existsSync(ENTRY) ? 'bench: dist is older than src/, running npm run build' : 'bench: no dist/src/main.js, running npm run build');
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) {
    // tsc still emits on type errors; a tree others are editing may be briefly inconsistent
    if (existsSync(ENTRY)) log(`bench: npm run build failed (exit ${run.status}); measuring the JavaScript it emitted:\n${run.stdout}${run.stderr}`);
    else throw new Error(`bench: npm run build failed:\n${run.stdout}${run.stderr}`);
  }
}

/** A free TCP port on 127.0.0.1 (the app needs it before start, so /healthz can be polled from launch). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface AppProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** stdout and stderr so far */
  output(): string;
  /** ms from spawn until /healthz answered 200 */
  startMs: number;
  /** resident set size of the app process, from /proc (null where there is no /proc) */
  rssMb(): number | null;
  /** CPU seconds (user + system) the app process has used, from /proc (null where there is no /proc) */
  cpuSeconds(): number | null;
  /** waits until GET /readyz answers 200 (token checked, answerer warmed up, store answering), as a load balancer would; ms from spawn */
  waitReady(timeoutMs?: number): Promise<number>;
  stop(): Promise<number | null>;
}

/** Spawns the built app in HTTP mode on 127.0.0.1 and waits until GET /healthz answers 200. */
export async function startApp(options: {
  apiUrl: string;
  corpusDir?: string;
  /** where the reports are compiled (COMPILED_DIR); by default a folder of the app's own */
  compiledDir?: string;
  timeoutMs?: number;
  logLevel?: string;
  nodeArgs?: string[];
  /** more variables (DATABASE_URL for a replica on PostgreSQL), over the defaults */
  env?: Record<string, string>;
  /** a port to listen on (a replica restarted in place); a free one otherwise */
  port?: number;
}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  // only what the app needs: no SLACK_* or PORT inherited from the machine, no .env read (cwd has none of ours)
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|PEEL_|DATABASE_PATH$|DATABASE_URL$|PORT$|CORPUS_DIR$|INTENTS_DIR$|COMPILED_DIR$|LOG_LEVEL$)/.test(k)));
  const env = {
    ...inherited,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: options.apiUrl,
    PORT: String(port),
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'peel-bench-db-')), 'peel.sqlite'),
    CORPUS_DIR: options.corpusDir ?? join(ROOT, 'corpus'),
    INTENTS_DIR: join(ROOT, 'intents'),
    COMPILED_DIR: options.compiledDir ?? join(mkdtempSync(join(tmpdir(), 'peel-bench-compiled-')), 'compiled'),
    LOG_LEVEL: options.logLevel ?? 'warn',
    ...(MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX } : {}),
    ...options.env,
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const launched = performance.now();
  const child = spawn(process.execPath, [...NODE_ARGS, ...(options.nodeArgs ?? []), ENTRY], { cwd: mkdtempSync(join(tmpdir(), 'peel-bench-cwd-')), env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done((exited = code))));

  const deadline = launched + (options.timeoutMs ?? 60_000);
  let startMs = -1;
  while (startMs < 0) {
    if (exited !== undefined) throw new Error(`bench: the app exited (${exited}) before /healthz answered:\n${output}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bench: /healthz did not answer within ${options.timeoutMs ?? 60_000} ms:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) startMs = performance.now() - launched;
    } catch {
      await new Promise((r) => setTimeout(r, 2)); // not listening yet
    }
  }

  return {
    child,
    port,
    baseUrl,
    output: () => output,
    startMs,
    rssMb() {
      try {
        const kb = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)?.[1];
        return kb ? Number(kb) / 1024 : null;
      } catch {
        return null;
      }
    },
    cpuSeconds() {
      try {
        // fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return null;
      }
    },
    async waitReady(timeoutMs = 30_000) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        const res = await fetch(`${baseUrl}/readyz`).catch(() => null);
        await res?.arrayBuffer();
        if (res?.status === 200) return performance.now() - launched;
        if (exited !== undefined || performance.now() > until) throw new Error(`bench: /readyz did not answer 200 within ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      if (exited === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => exited === undefined && child.kill('SIGKILL'), 5000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

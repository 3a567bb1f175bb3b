import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answer.js';
import type { Expectation } from '../src/answer/evaluate.js';
import { compileAll } from '../src/library/compiled.js';
import { DEFAULT_REPORT_CACHE } from '../src/config.js';
import { buildKnowledge, corpusIndex, type Knowledge, loadKnowledge } from '../src/library/knowledge.js';
import { parseReport } from '../src/corpus/parse.js';
import { extractFacts } from '../src/facts/index.js';
import { loadVocabulary } from '../src/search/vocabulary.js';
import { type FakeSlack, sendToBot, startFakeSlack } from '../slack/try-local.js';
import { type AppProcess, ensureBuilt, ROOT, SECRET, startApp } from './app-process.js';
import { readSeedReports, syntheticCorpus, writeCorpus } from './synthetic.js';

/**
 * `npm run bench [-- --out FILE] [--scales 1,10,100] [--rounds N] [--budget-s S] [--warmup-s S] [--cold N]`
 *
 * Per scale (1× the seed corpus, then synthetic 10× and 100×), in a fresh process each so one
 * scale's garbage does not count in the next one's memory: parse + facts, index build, answer
 * latency over the question set beside a bare default MiniSearch over the same passages (each
 * timed once warm, and apart while warming up: see `measure`), heap and
 * RSS after start. Then cold start: a fresh `node dist/src/main.js` from launch until /healthz
 * answers (HTTP mode, local fake Web API) at 1× and 100×. Prints a table; --out writes JSON;
 * --cpu-prof DIR writes a CPU profile of every measuring process and app start there.
 */

interface Args {
  out: string | null;
  scales: number[];
  rounds: number;
  budgetS: number;
  /** how long answering is warmed up before it is timed (measureScale) */
  warmupS: number;
  cold: number;
  coldScales: number[];
  child: number | null;
  /** with --child: measure the app's lazy way instead of all reports indexed */
  app: boolean;
  cpuProf: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { out: null, scales: [1, 10, 100], rounds: 50, budgetS: 20, warmupS: 3, cold: 3, coldScales: [], child: null, app: false, cpuProf: null };
  let coldScales: number[] | null = null;
  const list = (v: string | undefined, what: string) => {
    const xs = (v ?? '').split(',').filter(Boolean).map(Number);
    if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x < 1)) usage(`${what} takes whole numbers ≥ 1, comma-separated`);
    return xs;
  };
  const count = (v: string | undefined, what: string, min = 1) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) usage(`${what} takes a number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    switch (a) {
      case '--out': if (!v) usage('--out takes a file'); args.out = v; i++; break;
      case '--scales': args.scales = list(v, '--scales'); i++; break;
      case '--rounds': args.rounds = count(v, '--rounds'); i++; break;
      case '--budget-s': args.budgetS = count(v, '--budget-s', 0); i++; break;
      case '--warmup-s': args.warmupS = count(v, '--warmup-s', 0); i++; break;
      case '--cold': args.cold = count(v, '--cold', 0); i++; break;
      case '--cold-scales': coldScales = list(v, '--cold-scales'); i++; break;
      case '--cpu-prof': if (!v) usage('--cpu-prof takes a folder'); args.cpuProf = v; i++; break;
      case '--child': args.child = count(v, '--child'); i++; break;
      case '--app': args.app = true; break;
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0);
      // falls through: exit ends the process
      default: usage(`unknown argument ${a}`);
    }
  }
  // cold start is measured at 1× and 100× (the issue's JSON), or at whichever of them is benched
  args.coldScales = coldScales ?? args.scales.filter((s) => s === 1 || s === 100);
  if (args.cold === 0) args.coldScales = [];
  return args;
}

const USAGE = 'usage: npm run bench -- [--out FILE] [--scales 1,10,100] [--rounds 50] [--budget-s 20] [--warmup-s 3] [--cold 3] [--cold-scales 1,100] [--cpu-prof DIR]';

function usage(problem: string): never {
  process.stderr.write(`bench: ${problem}\n${USAGE}\n`);
  process.exit(2);
}

/** Nearest-rank percentile of sorted times. */
const percentile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
const mb = (bytes: number) => bytes / 1024 / 1024;
const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The app's way: reports indexed when first asked about, a bounded cache of them. */
interface AppFigures {
  /** the first answer for a force not yet loaded, its report compiled (library/compiled.ts) */
  app_miss_ms: number;
  /** the same when the report must be parsed and indexed (no compiled entry) */
  app_miss_parse_ms: number;
  /** compiling every report of the corpus once */
  compile_ms: number;
  app_p50_ms: number;
  app_p99_ms: number;
  app_rss_mb: number;
}

export interface ScaleResult extends Partial<AppFigures> {
  scale: number;
  reports: number;
  passages: number;
  parse_facts_ms: number;
  index_ms: number;
  build_ms: number;
  answer_p50_ms: number;
  answer_p99_ms: number;
  answer_samples: number;
  /** p99 over the warm-up passes (null when --warmup-s 0) */
  answer_warming_p99_ms: number | null;
  answer_warming_samples: number;
  minisearch_p50_ms: number;
  minisearch_p99_ms: number;
  minisearch_samples: number;
  minisearch_warming_p99_ms: number | null;
  heap_mb: number;
  rss_mb: number;
}

/** Latencies of one way of answering, sorted: once warm, and while it was warming up. */
interface Timed {
  times: number[];
  warming: number[];
}

/** One scale, measured in this process (run as `--child SCALE`). */
function measureScale(scale: number, rounds: number, budgetS: number, warmupS: number): ScaleResult {
  const questions = (JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/questions.json'), 'utf8')) as Expectation[]).map((q) => q.q);
  const vocabulary = loadVocabulary(join(ROOT, 'intents'));
  const sources = syntheticCorpus(readSeedReports(join(ROOT, 'corpus')), scale);
  const gc = (globalThis as { gc?: () => void }).gc;

  gc?.();
  let t = performance.now();
  const reports = sources.map((s) => parseReport(s.text, s.manifest));
  const parseMs = performance.now() - t;
  // facts are extracted again inside buildKnowledge; timing them alone splits its time into facts and index
  t = performance.now();
  for (const r of reports) extractFacts(r);
  const factsMs = performance.now() - t;
  t = performance.now();
  const kb = buildKnowledge(reports, vocabulary);
  const knowledgeMs = performance.now() - t;
  gc?.();
  const memory = process.memoryUsage();

  const passages = [...corpusIndex(kb).passages.values()];
  const bare = new MiniSearch({ fields: ['text'] });
  bare.addAll(passages.map((p) => ({ id: p.id, text: p.text })));

  const measure = (fn: (q: string) => unknown): Timed => {
    for (const q of questions) fn(q); // the first pass fills lazy caches and is not timed
    // then warm-up passes for warmupS, timed apart: V8 goes on optimising (and re-optimising) the
    // answerer for some thousands of answers (about 40 passes at 1×), and answers meanwhile take
    // up to 4 ms in the slowest 1 % where a warm process takes 0.5 ms. A long-running app is warm,
    // so the warm figure is the headline; the warming one says what a fresh process costs.
    const pass = (into: number[]) => {
      for (const q of questions) {
        const s = performance.now();
        fn(q);
        into.push(performance.now() - s);
      }
    };
    const warming: number[] = [];
    const warmUntil = performance.now() + warmupS * 1000;
    while (performance.now() < warmUntil) pass(warming);
    const times: number[] = [];
    const until = performance.now() + budgetS * 1000;
    for (let r = 0; r < rounds; r++) {
      pass(times);
      if (performance.now() > until) break; // big scales: fewer rounds, still every question
    }
    return { times: times.sort((a, b) => a - b), warming: warming.sort((a, b) => a - b) };
  };
  // with several reports a question names its force (without one the bot asks which force):
  // each question is asked of a force of the corpus in turn, so every scale measures real answers
  const forces = kb.reports.map((r) => r.force);
  let asked = 0;
  const ours = measure((q) => answerQuestion(kb, forces.length > 1 ? `${q} (${forces[asked++ % forces.length]})` : q));
  const base = measure((q) => bare.search(q));
  const warmingP99 = (t: Timed) => (t.warming.length > 0 ? round(percentile(t.warming, 0.99), 4) : null);

  return {
    scale,
    reports: kb.reports.length,
    passages: corpusIndex(kb).passages.size,
    parse_facts_ms: round(parseMs + factsMs, 1),
    index_ms: round(Math.max(0, knowledgeMs - factsMs), 1),
    build_ms: round(parseMs + knowledgeMs, 1),
    answer_p50_ms: round(percentile(ours.times, 0.5), 4),
    answer_p99_ms: round(percentile(ours.times, 0.99), 4),
    answer_samples: ours.times.length,
    answer_warming_p99_ms: warmingP99(ours),
    answer_warming_samples: ours.warming.length,
    minisearch_p50_ms: round(percentile(base.times, 0.5), 4),
    minisearch_p99_ms: round(percentile(base.times, 0.99), 4),
    minisearch_samples: base.times.length,
    minisearch_warming_p99_ms: warmingP99(base),
    heap_mb: round(mb(memory.heapUsed), 1),
    rss_mb: round(mb(memory.rss), 1),
  };
}

/**
 * As the app runs: reports listed at start and indexed when a question first names their force,
 * the newest DEFAULT_REPORT_CACHE kept. Measures the answer time for a force not yet indexed (a
 * miss), then over as many forces as the cache holds (hits), and RSS after that.
 */
function measureApp(scale: number): AppFigures {
  const questions = (JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/questions.json'), 'utf8')) as Expectation[]).map((q) => q.q);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const dir = mkdtempSync(join(tmpdir(), 'peel-bench-app-'));
  try {
    writeCorpus(join(dir, 'corpus'), syntheticCorpus(readSeedReports(join(ROOT, 'corpus')), scale));
    const where = { corpusDir: join(dir, 'corpus'), intentsDir: join(ROOT, 'intents'), compiledDir: join(dir, 'compiled') };
    const firstAnswers = (kb: Knowledge) => {
      const forces = kb.reports.map((r) => r.force);
      const times: number[] = [];
      // the first force warms the code up (parser, loader and answerer alike) and is not counted, so neither way is timed cold
      if (forces.length > 1) answerQuestion(kb, `${questions[0]!} (${forces[0]})`);
      for (let i = forces.length > 1 ? 1 : 0; i < Math.min(forces.length, 21); i++) {
        const s = performance.now();
        answerQuestion(kb, forces.length > 1 ? `${questions[i % questions.length]!} (${forces[i]})` : questions[i % questions.length]!);
        times.push(performance.now() - s);
      }
      return times.sort((a, b) => a - b);
    };
    const parsedMisses = firstAnswers(loadKnowledge({ corpusDir: where.corpusDir, intentsDir: where.intentsDir }));
    gc?.();
    const t = performance.now();
    compileAll(where);
    const compileMs = performance.now() - t;
    gc?.();
    const kb = loadKnowledge(where);
    const misses = firstAnswers(kb);
    const forces = kb.reports.map((r) => r.force);
    const named = (q: string, i: number, among: number) => (forces.length > 1 ? `${q} (${forces[i % among]})` : q);
    const among = Math.min(forces.length, DEFAULT_REPORT_CACHE);
    questions.forEach((q, i) => answerQuestion(kb, named(q, i, among))); // index the forces asked about
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      questions.forEach((q, i) => {
        const s = performance.now();
        answerQuestion(kb, named(q, i, among));
        times.push(performance.now() - s);
      });
    }
    times.sort((a, b) => a - b);
    gc?.();
    return {
      app_miss_ms: round(percentile(misses, 0.5), 1),
      app_miss_parse_ms: round(percentile(parsedMisses, 0.5), 1),
      compile_ms: round(compileMs, 0),
      app_p50_ms: round(percentile(times, 0.5), 4),
      app_p99_ms: round(percentile(times, 0.99), 4),
      app_rss_mb: round(mb(process.memoryUsage().rss), 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MARK = 'BENCH-RESULT ';

/** Runs one scale in a fresh node (with --expose-gc, so memory is measured after a collection). */
function runScale(scale: number, args: Args): ScaleResult {
  // the all-indexed measurement and the app's lazy one each in a fresh process: memory a process
  // once used is not given back, so one would inflate the other's RSS
  const child = (extra: string[]) => {
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', ...(args.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', args.cpuProf] : []), '--import', 'tsx', join(ROOT, 'bench/bench.ts'), '--child', String(scale), '--rounds', String(args.rounds), '--budget-s', String(args.budgetS), '--warmup-s', String(args.warmupS), ...extra],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const line = run.stdout.split('\n').find((l) => l.startsWith(MARK));
    if (run.status !== 0 || !line) throw new Error(`bench: scale ${scale}× failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    return JSON.parse(line.slice(MARK.length)) as object;
  };
  return { ...(child([]) as ScaleResult), ...(child(['--app']) as AppFigures) };
}

interface ColdStart {
  scale: number;
  ms: number[];
  median: number;
  rssMb: number | null;
  /** RSS once the app's cache of indexed reports is full (scales above 1) */
  rssAfterMb: number | null;
}

/** A fresh app process from launch until /healthz answers, `times` times; the median counts. */
async function coldStart(scale: number, times: number, cpuProf: string | null): Promise<ColdStart> {
  const fake = await startFakeSlack();
  let corpusDir = join(ROOT, 'corpus');
  const tmp = mkdtempSync(join(tmpdir(), `peel-bench-corpus-${scale}x-`));
  if (scale > 1) {
    corpusDir = join(tmp, 'corpus');
    writeCorpus(corpusDir, syntheticCorpus(readSeedReports(join(ROOT, 'corpus')), scale));
  }
  // the reports compiled once beforehand, as the image build does (Dockerfile)
  const compiledDir = join(tmp, 'compiled');
  compileAll({ corpusDir, intentsDir: join(ROOT, 'intents'), compiledDir });
  const ms: number[] = [];
  let rssMb: number | null = null;
  let rssAfterMb: number | null = null;
  try {
    for (let i = 0; i < times; i++) {
      const app = await startApp({ apiUrl: fake.apiUrl, corpusDir, compiledDir, nodeArgs: cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : [] });
      ms.push(app.startMs);
      rssMb = app.rssMb();
      const health = (await (await fetch(`${app.baseUrl}/healthz`)).json()) as { reports?: number };
      if (i === times - 1 && scale > 1) rssAfterMb = await rssAfterQuestions(app, fake, scale);
      await app.stop();
      if (health.reports !== scale * readSeedReports(join(ROOT, 'corpus')).length) {
        throw new Error(`bench: the app at ${scale}× loaded ${health.reports} reports`);
      }
    }
  } finally {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { scale, ms, median: sorted[Math.floor((sorted.length - 1) / 2)]!, rssMb, rssAfterMb };
}

/** How many forces the memory figure asks about (issue 14's measure): more than the cache holds, so it fills and turns over. */
const ASKED_FORCES = 32;

/**
 * The app's RSS once its cache of loaded reports is full: a signed /peel question naming each of
 * ASKED_FORCES forces, one after another (each answered before the next).
 */
async function rssAfterQuestions(app: AppProcess, fake: FakeSlack, scale: number): Promise<number | null> {
  const forces = syntheticCorpus(readSeedReports(join(ROOT, 'corpus')), scale).map((r) => r.manifest.force);
  const asked = Math.min(forces.length, ASKED_FORCES);
  for (let i = 0; i < asked; i++) {
    const before = fake.calls.length;
    await sendToBot(app.baseUrl, SECRET, { kind: 'command', text: `how good is ${forces[(i * 7) % forces.length]} at investigating crime?`, responseUrl: fake.responseUrl });
    for (let w = 0; w < 500 && fake.calls.length === before; w++) await new Promise((r) => setTimeout(r, 10));
  }
  return app.rssMb();
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.child !== null) {
    const result = args.app ? measureApp(args.child) : measureScale(args.child, args.rounds, args.budgetS, args.warmupS);
    process.stdout.write(`${MARK}${JSON.stringify(result)}\n`);
    return;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const runs: ScaleResult[] = [];
  for (const scale of args.scales) {
    log(`bench: ${scale}× …`);
    runs.push(runScale(scale, args));
  }
  const cold: ColdStart[] = [];
  if (args.coldScales.length > 0) {
    ensureBuilt(log);
    for (const scale of args.coldScales) {
      log(`bench: cold start at ${scale}× …`);
      cold.push(await coldStart(scale, args.cold, args.cpuProf));
    }
  }

  const f = (n: number, d = 3) => n.toFixed(d);
  console.log(
    table([
      ['scale', 'reports', 'passages', 'parse+facts ms', 'index ms', 'build ms', 'answer p50 ms', 'answer p99 ms (warming)', 'MiniSearch p50 ms', 'MiniSearch p99 ms (warming)', 'p50 ratio', 'samples', 'heap MB', 'RSS all indexed MB', 'app: first question for a force ms (compiled / parsed)', 'compile all ms', 'app p50 / p99 ms', 'app RSS MB'],
      ...runs.map((r) => [
        `${r.scale}×`,
        String(r.reports),
        String(r.passages),
        f(r.parse_facts_ms, 1),
        f(r.index_ms, 1),
        f(r.build_ms, 1),
        f(r.answer_p50_ms),
        `${f(r.answer_p99_ms)} (${r.answer_warming_p99_ms === null ? '-' : f(r.answer_warming_p99_ms)})`,
        f(r.minisearch_p50_ms),
        `${f(r.minisearch_p99_ms)} (${r.minisearch_warming_p99_ms === null ? '-' : f(r.minisearch_warming_p99_ms)})`,
        `${f(r.answer_p50_ms / r.minisearch_p50_ms, 1)}×`,
        String(r.answer_samples),
        f(r.heap_mb, 1),
        f(r.rss_mb, 1),
        `${f(r.app_miss_ms ?? NaN, 1)} / ${f(r.app_miss_parse_ms ?? NaN, 1)}`,
        f(r.compile_ms ?? NaN, 0),
        `${f(r.app_p50_ms ?? NaN)} / ${f(r.app_p99_ms ?? NaN)}`,
        f(r.app_rss_mb ?? NaN, 1),
      ]),
    ]),
  );
  for (const c of cold) {
    console.log(
      `cold start ${c.scale}×: ${f(c.median, 0)} ms median of ${c.ms.length} (${c.ms.map((m) => f(m, 0)).join(', ')} ms), app RSS at /healthz ${c.rssMb === null ? 'n/a' : `${f(c.rssMb, 1)} MB`}${c.rssAfterMb ? `, after questions on ${ASKED_FORCES} forces (cache of ${DEFAULT_REPORT_CACHE} loaded reports full) ${f(c.rssAfterMb, 1)} MB` : ''}`,
    );
  }
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs; answer and MiniSearch latencies over ${runs[0]?.answer_samples ?? 0} samples at ${runs[0]?.scale ?? '-'}× (${args.rounds} rounds max, ${args.budgetS} s budget per measurement), timed after ${args.warmupS} s of warm-up (${runs[0]?.answer_warming_samples ?? 0} answers; their p99 in brackets)`);

  if (args.out) {
    const json = {
      runs: runs.map((r) => ({
        scale: r.scale,
        passages: r.passages,
        build_ms: r.build_ms,
        answer_p50_ms: r.answer_p50_ms,
        answer_p99_ms: r.answer_p99_ms,
        minisearch_p50_ms: r.minisearch_p50_ms,
        minisearch_p99_ms: r.minisearch_p99_ms,
        // the app's memory: reports listed at start, the newest few indexed (bench's table has the all-indexed figure)
        rss_mb: r.app_rss_mb ?? r.rss_mb,
      })),
      cold_start_ms: Object.fromEntries(cold.map((c) => [String(c.scale), Math.round(c.median)])),
    };
    writeFileSync(args.out, `${JSON.stringify(json, null, 2)}\n`);
    log(`bench: wrote ${args.out}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

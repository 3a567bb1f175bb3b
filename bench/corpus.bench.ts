import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseReport } from '../src/corpus/parse.js';
import { ManifestSchema } from '../src/corpus/schema.js';
import { extractFacts } from '../src/facts/index.js';

/**
 * `npm run bench:corpus`: parse + fact extraction of the seed report, timed in memory (file reads
 * and manifest validation happen once, outside the loop) so the number is the engine's own.
 */

const dir = fileURLToPath(new URL('../corpus/cleveland-effectiveness-2015/', import.meta.url));
const text = readFileSync(`${dir}report.txt`, 'utf8');
const manifest = ManifestSchema.parse(JSON.parse(readFileSync(`${dir}report.json`, 'utf8')));

const WARMUP = 50;
const RUNS = Number(process.argv[2] ?? 500);

function once(): number {
  const start = process.hrtime.bigint();
  const report = parseReport(text, manifest);
  const facts = extractFacts(report);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // keep the result alive so the work cannot be skipped
  if (facts.judgments.length !== 5 || report.pages.length !== 35) throw new Error('bench: the seed no longer parses as expected');
  return ms;
}

for (let i = 0; i < WARMUP; i++) once();
const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const fmt = (ms: number) => ms.toFixed(2);
console.log(
  `parse + facts, seed report (${text.length} chars, ${RUNS} runs after ${WARMUP} warm-up, node ${process.version}): ` +
    `mean ${fmt(mean)} ms · p50 ${fmt(at(0.5))} ms · p99 ${fmt(at(0.99))} ms · min ${fmt(times[0]!)} ms · max ${fmt(times.at(-1)!)} ms`,
);

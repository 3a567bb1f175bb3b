import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answer.js';
import type { Expectation } from '../src/answer/evaluate.js';
import { corpusIndex, loadKnowledge } from '../src/library/knowledge.js';

/** Answer latency over the question set, beside a bare default MiniSearch search of the same passages (same run). */
const questions = (JSON.parse(readFileSync('tests/fixtures/questions.json', 'utf8')) as Expectation[]).map((q) => q.q);
const rounds = Number(process.argv[2] ?? 50);
const t0 = performance.now();
const kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
// reports are indexed when first needed: reading every passage here indexes them within the timing
const passages = [...corpusIndex(kb).passages.values()];
const loadMs = performance.now() - t0;
const bare = new MiniSearch({ fields: ['text'] });
bare.addAll(passages.map((p) => ({ id: p.id, text: p.text })));

function measure(fn: (q: string) => unknown): { p50: number; p99: number } {
  for (const q of questions) fn(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const s = performance.now();
      fn(q);
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

const ours = measure((q) => answerQuestion(kb, q));
const base = measure((q) => bare.search(q));
const f = (n: number) => n.toFixed(3);
console.log(`load + parse + facts + index: ${loadMs.toFixed(1)} ms; ${passages.length} passages, ${corpusIndex(kb).metrics.size} metrics`);
console.log(`answerQuestion   p50 ${f(ours.p50)} ms  p99 ${f(ours.p99)} ms  (${questions.length} questions × ${rounds})`);
console.log(`bare MiniSearch  p50 ${f(base.p50)} ms  p99 ${f(base.p99)} ms  (ratio p50 ${(ours.p50 / base.p50).toFixed(1)}×)`);

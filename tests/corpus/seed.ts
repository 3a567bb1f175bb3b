import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReport } from '../../src/corpus/load.js';
import type { Block, Report } from '../../src/corpus/schema.js';
import { extractFacts } from '../../src/facts/index.js';
import type { Facts } from '../../src/facts/schema.js';

/** The seed report, parsed once per test file: tests assert on the real text, never on a mock of it. */
export const SEED_ID = 'cleveland-effectiveness-2015';
export const SEED_DIR = fileURLToPath(new URL(`../../corpus/${SEED_ID}`, import.meta.url));
export const SEED_TEXT = readFileSync(`${SEED_DIR}/report.txt`, 'utf8');
/** report.txt's lines; SEED_LINES[n - 1] is line n */
export const SEED_LINES = SEED_TEXT.split('\n');

let cached: { report: Report; facts: Facts } | null = null;

export function seed(): { report: Report; facts: Facts } {
  if (!cached) {
    const report = loadReport(SEED_DIR);
    cached = { report, facts: extractFacts(report) };
  }
  return cached;
}

/** The one block whose text starts with `prefix` (fails loudly when none or several do). */
export function blockStarting(report: Report, prefix: string): Block {
  const found = report.blocks.filter((b) => b.text.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one block starting "${prefix}", found ${found.length}`);
  return found[0]!;
}

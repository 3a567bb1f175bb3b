import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { heapAdvice, loadKnowledge, ReportEntries } from '../../src/library/knowledge.js';

// A corpus of three forces (the seed under three names): start-up parses nothing; a question
// parses and indexes only the report of the force it names; the cache keeps the newest few.
const dir = mkdtempSync(join(tmpdir(), 'peel-lazy-'));
const seed = 'corpus/cleveland-effectiveness-2015';
const manifest = JSON.parse(readFileSync(join(seed, 'report.json'), 'utf8')) as Record<string, unknown>;
for (const force of ['Cleveland', 'Durham', 'Kent']) {
  const id = `${force.toLowerCase()}-effectiveness-2015`;
  cpSync(seed, join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'report.json'), JSON.stringify({ ...manifest, id, force: `${force} Police` }));
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ids a ReportEntries has parsed and indexed (Map's own view, not the lazy one). */
const loaded = (entries: ReportEntries) => [...Map.prototype.keys.call(entries)].sort();

describe('reports loaded when first needed', () => {
  it('parses no report at start, and only the named force on a question', () => {
    const kb = loadKnowledge({ corpusDir: dir, intentsDir: 'intents', reportCache: 2 });
    const entries = kb.byId as ReportEntries;
    expect(kb.reports.map((r) => r.force)).toEqual(['Cleveland Police', 'Durham Police', 'Kent Police']);
    expect(loaded(entries)).toEqual([]);
    const a = answerQuestion(kb, 'how good is kent at investigating crime?');
    expect(a.judgments).toEqual([expect.objectContaining({ report: 'kent-effectiveness-2015', grade: 'good' })]);
    expect(loaded(entries)).toEqual(['kent-effectiveness-2015']);
  });

  it('keeps only the most recently used reports', () => {
    const kb = loadKnowledge({ corpusDir: dir, intentsDir: 'intents', reportCache: 2 });
    const entries = kb.byId as ReportEntries;
    for (const force of ['kent', 'durham', 'cleveland']) answerQuestion(kb, `${force} grades`);
    expect(loaded(entries)).toEqual(['cleveland-effectiveness-2015', 'durham-effectiveness-2015']);
    expect([...kb.byId.keys()]).toHaveLength(3);
    expect(kb.byId.size).toBe(3);
  });

  it('loads a report once while it stays in the cache', () => {
    let loads = 0;
    const entries = new ReportEntries([], [{ id: 'x', entry: () => (loads++, { report: { id: 'x' }, facts: {} } as never), facts: () => ({}) as never }], 2);
    entries.get('x');
    entries.get('x');
    expect(loads).toBe(1);
    expect(entries.get('missing')).toBeUndefined();
  });

  it('warns at start when the reports kept loaded may not fit the heap node was given', () => {
    // the image: --max-old-space-size=128 --max-semi-space-size=4 (a heap limit of 140 MB), 8 reports by default
    expect(heapAdvice(8, 140)).toBeNull();
    expect(heapAdvice(40, 140)).toBe(
      "REPORT_CACHE=40 keeps up to 40 reports loaded, about 148 MB of heap, near or past node's limit of 140 MB: give node --max-old-space-size=185 or keep fewer reports",
    );
    expect(heapAdvice(40, 4144)).toBeNull();
  });
});

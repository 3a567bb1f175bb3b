import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCorpus, loadCorpus, loadReport } from '../../src/corpus/load.js';
import { isPeelError, PeelError } from '../../src/errors.js';
import { SEED_DIR, SEED_ID } from './seed.js';

const GOOD_MANIFEST = {
  id: 'demo-report',
  title: 'PEEL: Police effectiveness 2015 – Demo Police',
  force: 'Demo Police',
  inspectorate: 'HMIC',
  pillar: 'effectiveness',
  year: 2015,
  inspectionPeriod: 'between September and November 2015',
  published: null,
};
const GOOD_TEXT = ' Introduction\n\nThe public expects their local police force to keep people safe.\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'peel-corpus-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A report folder under the temp corpus; `null` leaves a file out, a string is written as is. */
function folder(name: string, files: { json?: unknown; text?: string | null }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const json = files.json === undefined ? { ...GOOD_MANIFEST, id: name } : files.json;
  if (json !== null) writeFileSync(join(dir, 'report.json'), typeof json === 'string' ? json : JSON.stringify(json));
  const text = files.text === undefined ? GOOD_TEXT : files.text;
  if (text !== null) writeFileSync(join(dir, 'report.txt'), text);
  return dir;
}

/** Runs `load`, expecting a CORPUS_INVALID PeelError; returns its message. */
function corpusError(load: () => unknown): string {
  let caught: unknown;
  let model: unknown;
  try {
    model = load();
  } catch (err) {
    caught = err;
  }
  expect(model, 'a bad corpus must not yield a model, whole or half').toBeUndefined();
  expect(caught).toBeInstanceOf(PeelError);
  expect(isPeelError(caught, 'CORPUS_INVALID')).toBe(true);
  const message = (caught as PeelError).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('loadReport on good input', () => {
  it('loads a minimal valid folder (so the failures below fail for their one reason)', () => {
    const report = loadReport(folder('demo-report', {}));
    expect(report.id).toBe('demo-report');
    expect(report.pages).toHaveLength(1);
    expect(report.sections.map((s) => s.title)).toEqual(['Introduction']);
  });
});

describe('loadReport on bad input: one message naming the file and what is wrong', () => {
  it('a manifest failing validation names report.json and the field', () => {
    const dir = folder('demo-report', { json: { ...GOOD_MANIFEST, pillar: 'happiness' } });
    const message = corpusError(() => loadReport(dir));
    expect(message).toContain(join(dir, 'report.json'));
    expect(message).toMatch(/pillar: /);
  });

  it('a manifest missing a field and carrying an unknown one lists both', () => {
    const { force: _force, ...rest } = GOOD_MANIFEST;
    const dir = folder('demo-report', { json: { ...rest, colour: 'blue' } });
    const message = corpusError(() => loadReport(dir));
    expect(message).toContain(join(dir, 'report.json'));
    expect(message).toMatch(/force: /);
    expect(message).toMatch(/colour/);
  });

  it('a missing report.txt names report.txt', () => {
    const dir = folder('demo-report', { text: null });
    const message = corpusError(() => loadReport(dir));
    expect(message).toBe(`corpus: ${join(dir, 'report.txt')}: file is missing`);
  });

  it('a missing report.json names report.json', () => {
    const dir = folder('demo-report', { json: null });
    const message = corpusError(() => loadReport(dir));
    expect(message).toBe(`corpus: ${join(dir, 'report.json')}: file is missing`);
  });

  it('invalid JSON names report.json', () => {
    const dir = folder('demo-report', { json: '{ "id": "demo-report", ' });
    const message = corpusError(() => loadReport(dir));
    expect(message).toContain(`corpus: ${join(dir, 'report.json')}: not valid JSON`);
  });

  it('a text with no page start names report.txt', () => {
    const dir = folder('demo-report', { text: 'Introduction\n\nNo line of this text starts with one space.\n' });
    const message = corpusError(() => loadReport(dir));
    expect(message).toBe(`corpus: ${join(dir, 'report.txt')}: no page found (a page starts on a line with one leading space)`);
  });

  it('listing the corpus finds a first page past the head of the text, and names a text with none', () => {
    const late = join(root, 'listing-late');
    mkdirSync(late, { recursive: true });
    // the first page starts after 20,000 characters of furniture, past the 16 KB start-up reads first
    folder('listing-late/late-page', { json: { ...GOOD_MANIFEST, id: 'late-page' }, text: `${'Cover text.\n'.repeat(2000)}\n Introduction\n` });
    expect(listCorpus(late).map((e) => e.manifest.id)).toEqual(['late-page']);
    const none = join(root, 'listing-none');
    mkdirSync(none, { recursive: true });
    const dir = folder('listing-none/no-page', { json: { ...GOOD_MANIFEST, id: 'no-page' }, text: 'Cover text.\n'.repeat(2000) });
    expect(corpusError(() => listCorpus(none))).toBe(`corpus: ${join(dir, 'report.txt')}: no page found (a page starts on a line with one leading space)`);
  });

  it('a text with pages but no heading names report.txt', () => {
    const dir = folder('demo-report', { text: ' Some running text on a page.\nMore of it.\n\n A second page, still no heading.\n' });
    const message = corpusError(() => loadReport(dir));
    expect(message).toBe(`corpus: ${join(dir, 'report.txt')}: no heading found (no "Overview", "Introduction" or main question)`);
  });

  it('an empty text names report.txt', () => {
    const dir = folder('demo-report', { text: '' });
    const message = corpusError(() => loadReport(dir));
    expect(message).toContain(join(dir, 'report.txt'));
  });

  it('an id differing from its folder name names report.json and both names', () => {
    const dir = folder('other-name', { json: GOOD_MANIFEST });
    const message = corpusError(() => loadReport(dir));
    expect(message).toBe(`corpus: ${join(dir, 'report.json')}: id "demo-report" differs from its folder "other-name"`);
  });
});

describe('loadCorpus', () => {
  it('loads every report folder, sorted', () => {
    folder('b-report', {});
    folder('a-report', {});
    expect(loadCorpus(root).map((r) => r.id)).toEqual(['a-report', 'b-report']);
  });

  it('fails whole when one report of several is bad: never a half corpus', () => {
    cpSync(SEED_DIR, join(root, SEED_ID), { recursive: true });
    const bad = folder('zz-report', { text: 'no page here\n' });
    const message = corpusError(() => loadCorpus(root));
    expect(message).toContain(join(bad, 'report.txt'));
  });

  it('a folder that does not exist, or holds no report, is named', () => {
    expect(corpusError(() => loadCorpus(join(root, 'nope')))).toBe(`corpus: ${join(root, 'nope')} is not a folder`);
    expect(corpusError(() => loadCorpus(root))).toBe(`corpus: ${root} holds no report folder`);
  });
});

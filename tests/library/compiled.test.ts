import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { runCorpusCli } from '../../src/cli/corpus.js';
import { type CorpusEntry, listCorpus } from '../../src/corpus/load.js';
import { compileAll, Compiler, compiledStatus } from '../../src/library/compiled.js';
import { extractFacts } from '../../src/facts/index.js';
import { loadKnowledge } from '../../src/library/knowledge.js';
import { loadVocabulary } from '../../src/search/vocabulary.js';

// Reports compiled once: written at first use, read back instead of parsed, rebuilt when stale or damaged.
const root = mkdtempSync(join(tmpdir(), 'peel-compiled-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A fresh corpus (the seed), intents and compiled folder of its own. */
function workspace() {
  const dir = join(root, String(n++));
  cpSync('corpus', join(dir, 'corpus'), { recursive: true });
  cpSync('intents', join(dir, 'intents'), { recursive: true });
  return { corpusDir: join(dir, 'corpus'), intentsDir: join(dir, 'intents'), compiledDir: join(dir, 'compiled') };
}

const ID = 'cleveland-effectiveness-2015';
const fileOf = (w: ReturnType<typeof workspace>) => join(w.compiledDir, `${ID}.json`);

/** The seed's corpus entry with its parses counted. */
function counted(w: ReturnType<typeof workspace>): { entry: CorpusEntry; parses: () => number } {
  const entry = listCorpus(w.corpusDir)[0]!;
  let parses = 0;
  const parse = entry.parse;
  return { entry: { ...entry, parse: (t) => (parses++, parse(t)) }, parses: () => parses };
}

describe('compiled reports', () => {
  it('compiles a report at first use and reads it back after, without parsing it again', () => {
    const w = workspace();
    const first = counted(w);
    const compiled = new Compiler(w.compiledDir, loadVocabulary(w.intentsDir));
    expect(compiled.state(first.entry)).toBe('missing');
    const built = compiled.entry(first.entry);
    expect(first.parses()).toBe(1);
    expect(compiled.state(first.entry)).toBe('fresh');

    const second = counted(w);
    const loaded = new Compiler(w.compiledDir, loadVocabulary(w.intentsDir)).entry(second.entry);
    expect(second.parses()).toBe(0);
    expect(loaded.report).toEqual(built.report);
    expect(loaded.facts).toEqual(built.facts);
    expect([...loaded.search.passages.keys()]).toEqual([...built.search.passages.keys()]);
    expect(loaded.search.terms).toEqual(built.search.terms);
    expect(loaded.search.common).toEqual(built.search.common);
    expect(loaded.termsByLength).toEqual(built.termsByLength);
  });

  it('answers every question of the team set and a blind set exactly as a report parsed in memory does', () => {
    const w = workspace();
    const parsed = loadKnowledge({ corpusDir: w.corpusDir, intentsDir: w.intentsDir });
    loadKnowledge({ ...w }).byId.get(ID); // compiles
    const compiled = loadKnowledge({ ...w });
    const questions = ['questions.json', 'blind-fresh4.json'].flatMap((f) => (JSON.parse(readFileSync(join('tests/fixtures', f), 'utf8')) as { q: string }[]).map((x) => x.q));
    expect(questions.length).toBeGreaterThan(250);
    for (const q of questions) expect(answerQuestion(compiled, q), q).toEqual(answerQuestion(parsed, q));
  });

  it('rebuilds an entry made from another manifest or other intents, never reading it', () => {
    const w = workspace();
    const vocabulary = loadVocabulary(w.intentsDir);
    new Compiler(w.compiledDir, vocabulary).entry(counted(w).entry);

    const manifestFile = join(w.corpusDir, ID, 'report.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, title: `${String(manifest.title)} (revised)` }));
    const renamed = counted(w);
    const compiler = new Compiler(w.compiledDir, vocabulary);
    expect(compiler.state(renamed.entry)).toBe('stale');
    expect(compiler.entry(renamed.entry).report.manifest.title).toMatch(/\(revised\)$/);
    expect(renamed.parses()).toBe(1);
    expect(compiler.state(renamed.entry)).toBe('fresh');

    const vocabularyFile = join(w.intentsDir, 'vocabulary.json');
    const words = JSON.parse(readFileSync(vocabularyFile, 'utf8')) as { stopwords: string[] };
    writeFileSync(vocabularyFile, JSON.stringify({ ...words, stopwords: [...words.stopwords, 'zzzz'] }));
    const other = new Compiler(w.compiledDir, loadVocabulary(w.intentsDir));
    expect(other.state(counted(w).entry)).toBe('stale');
  });

  it('rebuilds a damaged entry: a changed byte, a cut file, a broken header, a forged body', () => {
    const w = workspace();
    const vocabulary = loadVocabulary(w.intentsDir);
    new Compiler(w.compiledDir, vocabulary).entry(counted(w).entry);
    const good = readFileSync(fileOf(w), 'utf8');
    const [header, body] = [good.slice(0, good.indexOf('\n')), good.slice(good.indexOf('\n') + 1)];
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    const forged = body.replace(/"passageTerms":\[\["[^"]+",\[[^\]]*\]\],/, '"passageTerms":[');
    expect(forged).not.toBe(body);
    const damaged = {
      'a changed byte': good.replace('requires improvement', 'requires improvemenT'),
      'a cut file': good.slice(0, good.length / 2),
      'a broken header': good.replace('"key":"', '"key:"'),
      'a header that is not an object': `null\n${body}`,
      'a header naming another report': good.replace(`"report":"${ID}"`, '"report":"another-report"'),
      'no header line at all': body,
      // a body whose hash was recomputed: its passages no longer match the report's text when loaded
      'a forged body with one passage fewer': `${header.replace(/"body":"[0-9a-f]+"/, `"body":"${sha(forged)}"`)}\n${forged}`,
    };
    for (const [what, text] of Object.entries(damaged)) {
      writeFileSync(fileOf(w), text);
      const c = counted(w);
      const entry = new Compiler(w.compiledDir, vocabulary).entry(c.entry);
      expect(c.parses(), what).toBe(1);
      expect(entry.facts.judgments[0]?.grade, what).toBe('requires improvement');
      expect(readFileSync(fileOf(w), 'utf8'), what).toBe(good);
    }
  });

  it('still answers when the compiled folder cannot be written, and says so once', () => {
    const w = workspace();
    writeFileSync(join(w.compiledDir + '-file'), 'not a folder');
    const warnings: string[] = [];
    const kb = loadKnowledge({ ...w, compiledDir: join(w.compiledDir + '-file', 'compiled'), onWarn: (m) => warnings.push(m) });
    expect(answerQuestion(kb, 'how good is cleveland at investigating crime?').judgments).toEqual([expect.objectContaining({ grade: 'good' })]);
    kb.facts(ID);
    expect(warnings).toEqual([expect.stringMatching(/^Compiled reports: cannot write .*-file\/compiled \(ENOTDIR\); a report that cannot be saved there is parsed each time it is loaded$/)]);
  });

  it('tells which entries are fresh, and compiles those that do not load', () => {
    const w = workspace();
    expect(compiledStatus(w)).toEqual([{ id: ID, file: fileOf(w), state: 'missing' }]);
    expect(compileAll(w)).toEqual([{ id: ID, file: fileOf(w), state: 'missing', compiled: true }]);
    expect(compileAll(w)).toEqual([{ id: ID, file: fileOf(w), state: 'fresh', compiled: false }]);
    // whole and of this key, but not the index of this report: fresh by its header, compiled again all the same
    const good = readFileSync(fileOf(w), 'utf8');
    const body = good.slice(good.indexOf('\n') + 1).replace(/"passageTerms":\[\["[^"]+",\[[^\]]*\]\],/, '"passageTerms":[');
    writeFileSync(fileOf(w), `${good.slice(0, good.indexOf('\n')).replace(/"body":"[0-9a-f]+"/, `"body":"${createHash('sha256').update(body).digest('hex')}"`)}\n${body}`);
    expect(compileAll(w)).toEqual([{ id: ID, file: fileOf(w), state: 'fresh', compiled: true }]);
    expect(readFileSync(fileOf(w), 'utf8')).toBe(good);
  });

  it('gives the facts of a fresh entry without loading its index, the same facts parsing gives', () => {
    const w = workspace();
    compileAll(w);
    const c = counted(w);
    expect(new Compiler(w.compiledDir, loadVocabulary(w.intentsDir)).facts(c.entry)).toEqual(extractFacts(listCorpus(w.corpusDir)[0]!.load()));
    expect(c.parses()).toBe(0);
  });

  it('rebuilds an entry when the report text changes', () => {
    const w = workspace();
    compileAll(w);
    const textFile = join(w.corpusDir, ID, 'report.txt');
    writeFileSync(textFile, readFileSync(textFile, 'utf8').replace('Overall, Cleveland Police requires improvement', 'Overall, Cleveland Police requires  improvement'));
    const c = counted(w);
    const compiler = new Compiler(w.compiledDir, loadVocabulary(w.intentsDir));
    expect(compiler.state(c.entry)).toBe('stale');
    compiler.entry(c.entry);
    expect(c.parses()).toBe(1);
    expect(compiler.state(c.entry)).toBe('fresh');
  });

  it('npm run corpus says whether each entry is fresh, and --compile compiles what is not', async () => {
    const w = workspace();
    const env = { CORPUS_DIR: w.corpusDir, INTENTS_DIR: w.intentsDir, COMPILED_DIR: w.compiledDir };
    const run = async (argv: string[]) => {
      let out = '';
      expect(await runCorpusCli(argv, { out: (t) => (out += t), err: (t) => (out += t), env })).toBe(0);
      return out;
    };
    expect(await run([])).toContain(`\n  Compiled  not yet compiled: compiled at first use — ${fileOf(w)}\n`);
    expect(await run(['--compile'])).toBe(`${ID}  missing → compiled  ${fileOf(w)}\n`);
    expect(await run([])).toContain(`\n  Compiled  fresh — ${fileOf(w)}\n`);
    writeFileSync(join(w.intentsDir, 'vocabulary.json'), readFileSync(join(w.intentsDir, 'vocabulary.json'), 'utf8').replace('"stopwords": [', '"stopwords": ["zzzz", '));
    expect(await run([])).toContain(`\n  Compiled  stale (made from another text, manifest, intents or code): compiled again at first use — ${fileOf(w)}\n`);
    expect(await run(['--compile'])).toBe(`${ID}  stale → compiled  ${fileOf(w)}\n`);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CorpusEntry, listCorpus } from '../corpus/load.js';
import type { Report } from '../corpus/schema.js';
import { extractFacts, type Facts } from '../facts/index.js';
import { buildSearchIndex, loadSearchIndex, type SearchIndex, searchIndexToJson, type SearchIndexJson } from '../search/index.js';
import { termsByLength } from '../search/query.js';
import { loadVocabulary, type Vocabulary } from '../search/vocabulary.js';
import { PeelError } from '../errors.js';

/**
 * Reports compiled once. A report's parsed model, facts and search indexes are written to the
 * compiled folder as one file, `<report id>.json`, and read back with MiniSearch.loadJS instead of
 * parsed and indexed again (about 5 ms against 70 ms for the seed).
 *
 * The file's first line is a header: the format, the report id, the **key** — a SHA-256 of
 * everything the entry is made from (the report's text, its manifest, the intents files and the
 * code version) — and a SHA-256 of the body on the second line. An entry whose key differs is
 * stale; one whose body does not hash to its header, does not parse or does not match its report
 * is damaged. Either is rebuilt and overwritten, never trusted.
 */

const FORMAT = 1;

/** The parts of a compiled entry: what `buildEntry` makes, in JSON. */
interface CompiledBody {
  report: Report;
  facts: Facts;
  search: SearchIndexJson;
}

interface Header {
  format: number;
  report: string;
  key: string;
  body: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let codeVersionMemo: string | null = null;

/**
 * The version of the code that compiles a report: a hash of the source of the rooms that read it
 * (words, corpus, facts, search, library — `.ts` or built `.js`) and of package.json, whose exact
 * dependency versions pin MiniSearch and the word lists. Changing any of them makes every entry stale.
 */
function codeVersion(): string {
  if (codeVersionMemo) return codeVersionMemo;
  const src = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  for (const room of ['words', 'corpus', 'facts', 'search', 'library']) {
    for (const file of sourceFiles(join(src, room))) hash.update(relative(src, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const pkg = packageJson(src);
  if (pkg) hash.update(readFileSync(pkg));
  codeVersionMemo = hash.digest('hex').slice(0, 16);
  return codeVersionMemo;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(?:ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
}

/** The nearest package.json above the source (src/ in development, dist/src/ when built). */
function packageJson(from: string): string | null {
  for (let dir = from, i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return file;
  }
  return null;
}

/** The key of a report's compiled entry: what it is made from, hashed. */
function compiledKey(text: string, manifestJson: string, vocabulary: Vocabulary): string {
  return sha256(JSON.stringify([FORMAT, codeVersion(), vocabulary.fingerprint, sha256(manifestJson), sha256(text)]));
}

export type CompiledState = 'fresh' | 'stale' | 'damaged' | 'missing';

/** Reads a compiled entry: its body when the file is there, of this key and whole; else why not. */
function readCompiled(dir: string, reportId: string, key: string): { state: 'fresh'; body: CompiledBody } | { state: Exclude<CompiledState, 'fresh'> } {
  const file = join(dir, `${reportId}.json`);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return { state: 'missing' };
  }
  const newline = raw.indexOf('\n');
  let header: Header;
  try {
    header = JSON.parse(raw.slice(0, newline)) as Header;
  } catch {
    return { state: 'damaged' };
  }
  if (header.format !== FORMAT || header.report !== reportId || header.key !== key) return { state: 'stale' };
  const text = raw.slice(newline + 1);
  if (newline < 0 || sha256(text) !== header.body) return { state: 'damaged' };
  try {
    return { state: 'fresh', body: JSON.parse(text) as CompiledBody };
  } catch {
    return { state: 'damaged' };
  }
}

/** Writes a compiled entry whole (a temporary file renamed over the old one), so a reader never sees half of one. */
function writeCompiled(dir: string, reportId: string, key: string, entry: { report: Report; facts: Facts; search: SearchIndex }): void {
  const body = JSON.stringify({ report: entry.report, facts: entry.facts, search: searchIndexToJson(entry.search) } satisfies CompiledBody);
  const header: Header = { format: FORMAT, report: reportId, key, body: sha256(body) };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${reportId}.json`);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(header)}\n${body}`);
  renameSync(tmp, file);
}

/** One report with its facts and its own search index: a question about one force searches only its reports. */
export interface ReportEntry {
  report: Report;
  facts: Facts;
  search: SearchIndex;
  /** the report's terms by length, for typo correction */
  termsByLength: Map<number, string[]>;
}

/** Builds a report's entry: facts, search index and terms (pure). */
export function buildEntry(report: Report, vocabulary: Vocabulary): ReportEntry {
  const facts = extractFacts(report);
  return entryOf(report, facts, buildSearchIndex([{ report, facts }], vocabulary));
}

function entryOf(report: Report, facts: Facts, search: SearchIndex): ReportEntry {
  return { report, facts, search, termsByLength: termsByLength(search.terms) };
}

/**
 * Loads the reports of one compiled folder: each report's entry from its compiled file when that is
 * fresh and whole, else parsed, indexed and written there for next time. A folder that cannot be
 * written costs only the saving (told once through `onWarn`), never the answer.
 */
export class Compiler {
  private warned = false;

  constructor(
    readonly dir: string,
    private readonly vocabulary: Vocabulary,
    private readonly onWarn: (message: string) => void = () => {},
  ) {}

  entry(c: CorpusEntry): ReportEntry {
    const { text, key, found } = this.read(c);
    if (found.state === 'fresh') {
      try {
        const { report, facts } = found.body;
        return entryOf(report, facts, loadSearchIndex(found.body.search, [{ report, facts }], this.vocabulary));
      } catch {
        // damaged in a way the hash could not see: rebuilt below
      }
    }
    const entry = buildEntry(c.parse(text), this.vocabulary);
    this.write(c.manifest.id, key, entry);
    return entry;
  }

  /** A report's facts: read from its compiled file when fresh (no index loaded), else compiled now. */
  facts(c: CorpusEntry): Facts {
    const { found } = this.read(c);
    return found.state === 'fresh' ? found.body.facts : this.entry(c).facts;
  }

  /** Whether a report's compiled file is fresh, stale, damaged or missing (for `npm run corpus`). */
  state(c: CorpusEntry): CompiledState {
    return this.read(c).found.state;
  }

  private read(c: CorpusEntry) {
    const text = c.read();
    const key = compiledKey(text, JSON.stringify(c.manifest), this.vocabulary);
    return { text, key, found: readCompiled(this.dir, c.manifest.id, key) };
  }

  private write(id: string, key: string, entry: ReportEntry): void {
    try {
      writeCompiled(this.dir, id, key, entry);
    } catch (err) {
      if (this.warned) return;
      this.warned = true;
      this.onWarn(`Compiled reports: cannot write ${this.dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); reports will be parsed each time they are loaded`);
    }
  }
}

/**
 * Each report's compiled file and whether it is fresh; with `compile`, every entry that is not is
 * compiled now (for `npm run corpus -- --compile`, or an image build), and `state` is what it was.
 */
export function compiledStatus(opts: { corpusDir: string; intentsDir: string; compiledDir: string }, compile = false): { id: string; file: string; state: CompiledState; compiled: boolean }[] {
  const compiler = new Compiler(opts.compiledDir, loadVocabulary(opts.intentsDir), (message) => {
    throw new PeelError('COMPILE_FAILED', message);
  });
  return listCorpus(opts.corpusDir).map((c) => {
    const state = compiler.state(c);
    const compiled = compile && state !== 'fresh';
    if (compiled) compiler.entry(c);
    return { id: c.manifest.id, file: join(opts.compiledDir, `${c.manifest.id}.json`), state, compiled };
  });
}

import { readPaths } from '../config.js';
import { loadCorpus } from '../corpus/load.js';
import { columnLabel, type Report, type Section } from '../corpus/schema.js';
import { isPeelError } from '../errors.js';
import { extractFacts, type Facts } from '../facts/index.js';
import { compileAll, type CompiledState, compiledStatus } from '../library/compiled.js';
import { type CliIo, readArgs, runProgram, withUsage } from './program.js';

/**
 * `npm run corpus [-- --json] [--corpus DIR]`: what peel-bot understood of each report, so a
 * maintainer who adds one sees at once its pages, sections, figures and facts. Formatting only:
 * the model comes from corpus/ and facts/.
 */

/** One report of the `--json` contract (later issues and tools read it; add keys, never rename). */
export interface ReportJson {
  id: string;
  title: string;
  force: string;
  inspectorate: string;
  pillar: string;
  year: number;
  inspectionPeriod: string;
  published: string | null;
  pages: number;
  sections: { id: string; title: string; level: number; page: number; kind: string; parent: string | null; footnotes: number[] }[];
  judgments: { question: string; title: string; short: string; grade: string; page: number; quote: string; section: string }[];
  improvements: { question: string; title: string; text: string; page: number; section: string }[];
  figures: {
    id: number;
    caption: string;
    page: number;
    source: string | null;
    note: string | null;
    footnotes: number[];
    columns: string[];
    rows: { label: string; group: string | null; page: number; values: { text: string; number: number }[] }[];
  }[];
  metrics: {
    id: string;
    label: string;
    value: string;
    number: number;
    unit: string;
    comparator: { area: string; value: string; number: number } | null;
    earlier: { value: string; number: number; when: string | null } | null;
    period: string | null;
    page: number;
    quote: string;
    from: 'figure' | 'prose';
    figure: number | null;
    section: string;
  }[];
  footnotes: { n: number; text: string; page: number }[];
  blocks: { id: string; kind: string; text: string; page: number; line: number; section: string; footnotes: number[]; figure: number | null }[];
}

/** A report and its facts as the `--json` contract shapes them. */
export function corpusToJson(report: Report, facts: Facts): ReportJson {
  const m = report.manifest;
  return {
    id: report.id,
    title: m.title,
    force: m.force,
    inspectorate: m.inspectorate,
    pillar: m.pillar,
    year: m.year,
    inspectionPeriod: m.inspectionPeriod,
    published: m.published,
    pages: report.pages.length,
    sections: report.sections.map((s) => ({ id: s.id, title: s.title, level: s.level, page: s.page, kind: s.kind, parent: s.parent, footnotes: s.footnotes })),
    judgments: facts.judgments.map((j) => ({
      question: j.question,
      title: j.title,
      short: j.short,
      grade: j.grade,
      page: j.page,
      quote: j.quote,
      section: j.citation.section,
    })),
    improvements: facts.improvements.map((i) => ({ question: i.question, title: i.title, text: i.text, page: i.page, section: i.citation.section })),
    figures: report.figures.map(figureJson),
    metrics: facts.metrics.map(metricJson),
    footnotes: report.footnotes.map((f) => ({ n: f.n, text: f.text, page: f.page })),
    blocks: report.blocks.map((b) => ({
      id: b.id,
      kind: b.kind,
      text: b.text,
      page: b.page,
      line: b.line,
      section: b.section,
      footnotes: b.footnotes,
      figure: b.figure ?? null,
    })),
  };
}

function figureJson(f: Report['figures'][number]): ReportJson['figures'][number] {
  return {
    id: f.n,
    caption: f.caption,
    page: f.page,
    source: f.source,
    note: f.note,
    footnotes: f.footnotes,
    columns: f.columns.map(columnLabel),
    rows: f.rows.map((r) => ({ label: r.label, group: r.group, page: r.page, values: r.values.map((v) => ({ text: v.text, number: v.number })) })),
  };
}

function metricJson(x: Facts['metrics'][number]): ReportJson['metrics'][number] {
  return {
    id: x.id,
    label: x.label,
    value: x.value.text,
    number: x.value.number,
    unit: x.unit,
    comparator: x.comparator ? { area: x.comparator.area, value: x.comparator.text, number: x.comparator.number } : null,
    earlier: x.earlier ? { value: x.earlier.text, number: x.earlier.number, when: x.earlier.when } : null,
    period: x.period,
    page: x.page,
    quote: x.quote,
    from: x.from,
    figure: x.figure,
    section: x.citations[0]?.section ?? '',
  };
}

/** The human outline of one report: pages, the section tree with pages, counts, the grades. */
export function formatOutline(report: Report, facts: Facts): string {
  const m = report.manifest;
  const count = (kind: string): number => report.blocks.filter((b) => b.kind === kind).length;
  const rows = report.figures.reduce((n, f) => n + f.rows.length, 0);
  const out: string[] = [];
  out.push(`${report.id} — ${m.title}`);
  out.push(`  ${m.force} · ${m.inspectorate} · ${m.pillar} ${m.year} · inspected ${m.inspectionPeriod}${m.published ? ` · published ${m.published}` : ''}`);
  out.push(`  ${report.pages.length} pages (${report.pages.filter((p) => p.layout === 'columns').length} in two columns, skipped)`);
  out.push(
    `  ${count('paragraph')} paragraphs · ${count('bullet')} bullets · ${report.footnotes.length} footnotes · ` +
      `${report.figures.length} figures (${rows} table rows) · ${facts.judgments.length} judgments · ` +
      `${facts.improvements.length} improvements · ${facts.metrics.length} metrics`,
  );
  out.push('', '  Sections');
  for (const s of report.sections) out.push(`  ${pageCol(s.page)}${'  '.repeat(s.level)}${s.title}${kindTag(s)}`);
  out.push('', '  Judgments');
  for (const j of facts.judgments) out.push(`  ${pageCol(j.page)}  ${j.grade.padEnd(20)} ${j.short}`);
  out.push('', '  Areas for improvement');
  for (const i of facts.improvements) out.push(`  ${pageCol(i.page)}  ${i.short}: ${i.text}`);
  out.push('', '  Figures');
  for (const f of report.figures) out.push(`  ${pageCol(f.page)}  ${f.caption}${f.rows.length ? ` — ${f.rows.length} rows` : ''}`);
  return out.join('\n');
}

function pageCol(page: number): string {
  return `p${page}`.padEnd(4);
}

function kindTag(s: Section): string {
  return s.kind === 'question' || s.kind === 'subquestion' ? '' : `  [${s.kind}]`;
}

const USAGE = `usage: npm run corpus -- [--json | --compile] [--corpus DIR]
  an outline of each report: pages, sections with pages, counts, judgments, and whether its
  compiled entry (COMPILED_DIR, default data/compiled) is fresh
  --json        the reports and their facts as one JSON object (a contract: keys are added, never renamed)
  --compile     compile every report whose entry is not fresh (the app otherwise does it at first use)
  --corpus DIR  the reports' folder (default CORPUS_DIR, else corpus/)`;

const STATE: Record<CompiledState, string> = {
  fresh: 'fresh',
  stale: 'stale (made from another text, manifest, intents or code): compiled again at first use',
  damaged: 'damaged: compiled again at first use',
  missing: 'not yet compiled: compiled at first use',
};

/** Runs the command; returns the exit code. Output goes only through `io`. */
export function runCorpusCli(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, () => {
    const { values } = readArgs(argv, 'corpus', USAGE, { json: { type: 'boolean' }, compile: { type: 'boolean' }, corpus: { type: 'string' } });
    const paths = readPaths(io.env);
    const corpusDir = typeof values.corpus === 'string' ? values.corpus : paths.corpusDir;
    const where = { corpusDir, intentsDir: paths.intentsDir, compiledDir: paths.compiledDir };
    try {
      if (values.compile) {
        for (const s of compileAll(where)) io.out(`${s.id}  ${s.compiled ? `${s.state} → compiled` : 'fresh'}  ${s.file}\n`);
        return 0;
      }
      const reports = loadCorpus(corpusDir).map((report) => ({ report, facts: extractFacts(report) }));
      if (values.json) {
        io.out(`${JSON.stringify({ reports: reports.map((r) => corpusToJson(r.report, r.facts)) }, null, 2)}\n`);
        return 0;
      }
      const status = new Map(compiledStatus(where).map((s) => [s.id, s]));
      const compiled = (id: string) => {
        const s = status.get(id);
        return s ? `\n\n  Compiled  ${STATE[s.state]} — ${s.file}` : '';
      };
      io.out(`${reports.map((r) => formatOutline(r.report, r.facts) + compiled(r.report.id)).join('\n\n')}\n`);
      return 0;
    } catch (err) {
      if (!isPeelError(err)) throw err;
      io.err(`${err.message}\n`);
      return 1;
    }
  });
}

runProgram(import.meta.url, runCorpusCli);

import { type Block, type Grade, type Report, type Section, statesGrade } from '../corpus/schema.js';
import { pagesOf } from '../corpus/page-span.js';
import { splitSentences } from '../corpus/text.js';
import { termOf, tokenize } from '../words/terms.js';
import type { FactCitation, Improvement, Judgment } from './schema.js';

/** "Question › Sub-question" for a section, as citations show it. */
export function sectionPath(report: Report, sectionId: string): string {
  const section = report.sections.find((s) => s.id === sectionId);
  return section ? section.path.join(' › ') : sectionId;
}

/** A citation of a block, or of one sentence of it, at the pages the quote stands on. */
export function citeBlock(report: Report, block: Block, quote = block.text): FactCitation {
  const { page, lastPage } = pagesOf(block, quote);
  return { report: report.id, section: sectionPath(report, block.section), page, ...(lastPage > page ? { lastPage } : {}), quote, block: block.id };
}

function mainQuestion(report: Report, section: Section): Section | null {
  return section.question ? (report.sections.find((s) => s.id === section.question) ?? null) : null;
}

/**
 * The grades: each "Overall judgment" or "Summary of findings" section that holds a grade line.
 * The overall grade belongs to the report; the others to their main question.
 */
export function extractJudgments(report: Report): Judgment[] {
  const judgments: Judgment[] = [];
  for (const section of report.sections) {
    if (section.kind !== 'judgment' && section.kind !== 'summary') continue;
    const blocks = report.blocks.filter((b) => b.section === section.id);
    const gradeBlock = blocks.find((b) => b.kind === 'grade');
    if (!gradeBlock) continue;
    const question = mainQuestion(report, section);
    // the overall judgment's text sits under its heading; a question's summary under "Summary of findings"
    const paragraphs = blocks.filter((b) => b.kind === 'paragraph' && b.line > gradeBlock.line);
    const opening = paragraphs[0];
    if (!opening) continue;
    // an answer about a grade quotes the sentence that states it ("… at risk from harm requires improvement")
    const grade = gradeBlock.text.toLowerCase();
    const stating = paragraphs
      .flatMap((b) => splitSentences(b.text).map((sentence) => ({ b, sentence })))
      .find(({ sentence }) => new RegExp(`\\b${grade}\\b`, 'i').test(sentence));
    const cited = stating?.b ?? opening;
    const quote = stating?.sentence ?? splitSentences(opening.text)[0] ?? opening.text;
    const overall = question === null;
    const top = overall ? report.sections.find((s) => s.id === section.parent) : question;
    judgments.push({
      report: report.id,
      question: overall ? 'overall' : question.id,
      title: (top?.title ?? section.title).replace(/^Overview\s*[–-]\s*/, ''),
      short: overall ? 'Overall' : question.short,
      grade: grade as Grade,
      page: gradeBlock.page,
      quote,
      summary: paragraphs.map((p) => p.text),
      citation: citeBlock(report, cited, quote),
      reasons: paragraphs.map((p) => citeBlock(report, p)),
      overview: overall ? null : overviewStatement(report, question.short, grade as Grade, overallTitle(report)),
    });
  }
  // the overall grade first, then the questions in the report's order
  return judgments.sort((a, b) => Number(b.question === 'overall') - Number(a.question === 'overall'));
}

/** The overall question's title ("How effective is the force at keeping people safe and reducing crime?"). */
function overallTitle(report: Report): string {
  const judgment = report.sections.find((s) => s.kind === 'judgment');
  const top = judgment ? report.sections.find((s) => s.id === judgment.parent) : undefined;
  return top?.title ?? '';
}

/**
 * The sentence of the report's overview chapter that states a question's grade: it holds the
 * grade and at least two words of the question's short title (read as the index reads words).
 */
function overviewStatement(report: Report, short: string, grade: Grade, overallTitle: string): FactCitation | null {
  // the words that tell this question from the overall one ("keeping people safe" is in both)
  const overallTerms = new Set(tokenize(overallTitle).map(termOf));
  const titleTerms = new Set(tokenize(short).filter((w) => w.length > 3).map(termOf).filter((t) => !overallTerms.has(t)));
  const overviewIds = new Set(report.sections.filter((s) => /^overview\b/i.test(s.path[0] ?? '')).map((s) => s.id));
  for (const block of report.blocks) {
    if (!overviewIds.has(block.section) || block.kind === 'grade') continue;
    for (const sentence of splitSentences(block.text)) {
      if (!statesGrade(sentence, grade)) continue;
      const shared = new Set(tokenize(sentence).map(termOf).filter((t) => titleTerms.has(t)));
      if (shared.size >= 2) return citeBlock(report, block, sentence);
    }
  }
  return null;
}

/** The "Areas for improvement" bullets, each with its main question. */
export function extractImprovements(report: Report): Improvement[] {
  const improvements: Improvement[] = [];
  for (const section of report.sections) {
    if (section.kind !== 'improvements') continue;
    const question = mainQuestion(report, section);
    for (const block of report.blocks) {
      if (block.section !== section.id || block.kind !== 'bullet') continue;
      improvements.push({
        report: report.id,
        question: question?.id ?? section.id,
        title: question?.title ?? section.title,
        short: question?.short ?? section.short,
        text: block.text,
        page: block.page,
        citation: citeBlock(report, block),
      });
    }
  }
  return improvements;
}

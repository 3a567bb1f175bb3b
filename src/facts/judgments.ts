import type { Block, Grade, Report, Section } from '../corpus/schema.js';
import { splitSentences } from '../corpus/text.js';
import type { FactCitation, Improvement, Judgment } from './schema.js';

/** "Question › Sub-question" for a section, as citations show it. */
export function sectionPath(report: Report, sectionId: string): string {
  const section = report.sections.find((s) => s.id === sectionId);
  return section ? section.path.join(' › ') : sectionId;
}

/** A citation of a block, or of one sentence of it. */
export function citeBlock(report: Report, block: Block, quote = block.text): FactCitation {
  return { report: report.id, section: sectionPath(report, block.section), page: block.page, quote, block: block.id };
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
    });
  }
  // the overall grade first, then the questions in the report's order
  return judgments.sort((a, b) => Number(b.question === 'overall') - Number(a.question === 'overall'));
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

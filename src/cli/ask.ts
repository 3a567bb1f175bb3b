import { createInterface } from 'node:readline';
import { answerQuestion } from '../answer/answer.js';
import { loadKnowledge } from '../answer/knowledge.js';
import type { Answer } from '../answer/schema.js';

/**
 * npm run ask -- [--json] "question": the answer pipeline in a terminal. With no question it reads
 * one question a line from stdin (an interactive prompt on a terminal), building the index once.
 * Blank lines are skipped; every other line gets exactly one answer (one JSON line with --json).
 */

// a reader that stops early (`| head`) is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

const GRADE_COLOURS: Record<string, string> = { outstanding: '32', good: '32', 'requires improvement': '33', inadequate: '31' };

/** An Answer as a person reads it in a terminal: the grade or value first, then citations with their quotes. */
export function formatAnswer(answer: Answer, colour: boolean): string {
  const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
  const lines: string[] = [];
  if (answer.judgments?.length === 1) {
    const g = answer.judgments[0]!.grade;
    const label = g.charAt(0).toUpperCase() + g.slice(1);
    lines.push(colour ? `\x1b[1;${GRADE_COLOURS[g]}m${label}\x1b[0m` : `[${label}]`);
  } else if (answer.metric) {
    lines.push(bold(`${answer.metric.value}${answer.metric.unit === 'percent' ? '%' : answer.metric.unit === 'count' ? '' : ` ${answer.metric.unit}`}`));
  }
  lines.push(answer.text);
  for (const c of answer.citations) lines.push('', `  ${c.section}, p. ${c.page}`, `  “${c.quote}”`);
  if (answer.suggestions?.length) lines.push('', 'You could ask:', ...answer.suggestions.map((s) => `  • ${s}`));
  return lines.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ').trim();
  let kb;
  try {
    kb = loadKnowledge({ corpusDir: 'corpus', intentsDir: 'intents' });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const print = (q: string) => {
    try {
      const answer = answerQuestion(kb, q);
      console.log(json ? JSON.stringify(answer) : `${formatAnswer(answer, process.stdout.isTTY === true)}\n`);
    } catch (err) {
      // answerQuestion promises never to throw; if it does, one bad line must not end the stream
      // nor shift the answers: the line still gets its one output line, and the exit code says so
      process.exitCode = 1;
      const message = err instanceof Error ? err.message : String(err);
      console.log(json ? JSON.stringify({ question: q, error: message }) : `error: ${message}\n`);
    }
  };
  if (question) return print(question);
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  if (interactive) {
    rl.setPrompt('peel> ');
    rl.prompt();
  }
  // one question a line; a blank line (empty, or only what String.prototype.trim removes) is
  // skipped, so `--json` prints exactly one JSON line per non-blank input line, in order
  rl.on('line', (line) => {
    if (line.trim() !== '') print(line);
    if (interactive) rl.prompt();
  });
}

main();

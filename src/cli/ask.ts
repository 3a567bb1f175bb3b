import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { answerQuestion } from '../answer/answer.js';
import { type Knowledge, loadKnowledge } from '../library/knowledge.js';
import type { Answer } from '../answer/schema.js';
import { gradeLabel } from '../corpus/schema.js';
import { pageLabel } from '../corpus/page-span.js';
import { readPaths } from '../config.js';
import { type CliIo, readArgs, runProgram, withUsage } from './program.js';

/**
 * npm run ask -- [--json] "question": the answer pipeline in a terminal, reading the reports at
 * CORPUS_DIR and INTENTS_DIR as the app does. With no question it reads one question a line from
 * stdin (an interactive prompt on a terminal), building the index once. Blank lines are skipped;
 * every other line gets exactly one answer (one JSON line with --json). At the prompt each answer
 * is the next one's context, as in a Slack thread ("and nationally?", "which page?").
 */

const USAGE = `usage: npm run ask -- [--json] ["question"]
  with a question: answers it and exits
  without one: one question a line from stdin; on a terminal, a prompt (exit, quit or Ctrl-D leaves)
  --json   one JSON answer a line`;

const GRADE_COLOURS: Record<string, string> = { outstanding: '32', good: '32', 'requires improvement': '33', inadequate: '31' };

/** An Answer as a person reads it in a terminal: the grade or value first, then citations with their quotes. */
function formatAnswer(answer: Answer, colour: boolean): string {
  const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
  const lines: string[] = [];
  if (answer.judgments?.length === 1) {
    const g = answer.judgments[0]!.grade;
    const label = gradeLabel(g);
    lines.push(colour ? `\x1b[1;${GRADE_COLOURS[g]}m${label}\x1b[0m` : `[${label}]`);
  } else if (answer.metric) {
    lines.push(bold(`${answer.metric.value}${answer.metric.unit === 'percent' ? '%' : answer.metric.unit === 'count' ? '' : ` ${answer.metric.unit}`}`));
  }
  lines.push(answer.text);
  for (const c of answer.citations) lines.push('', `  ${c.section}, ${pageLabel(c)}`, `  “${c.quote}”`);
  if (answer.suggestions?.length) lines.push('', 'You could ask:', ...answer.suggestions.map((s) => `  • ${s}`));
  return lines.join('\n');
}

/** Runs the command; `input` is where questions come from when none is given. */
export function runAskCli(argv: string[], io: CliIo, input: Readable = process.stdin, interactive = process.stdin.isTTY === true): Promise<number> {
  return withUsage(io, () => ask(argv, io, input, interactive));
}

async function ask(argv: string[], io: CliIo, input: Readable, interactive: boolean): Promise<number> {
  const { values, positionals } = readArgs(argv, 'ask', USAGE, { json: { type: 'boolean' } }, true);
  const json = values.json === true;
  const question = positionals.join(' ').trim();
  const paths = readPaths(io.env);
  let kb: Knowledge;
  try {
    kb = loadKnowledge({ corpusDir: paths.corpusDir, intentsDir: paths.intentsDir, compiledDir: paths.compiledDir, onWarn: (m) => io.err(`${m}\n`) });
  } catch (err) {
    io.err(`${(err as Error).message}\n`);
    return 1;
  }
  let failed = false;
  let previous: Answer | undefined;
  const print = (q: string) => {
    try {
      const answer = answerQuestion(kb, q, previous ? { previous } : {});
      // at the prompt each answer is the next one's context, as in a Slack thread; piped lines stay independent
      if (interactive) previous = answer;
      io.out(json ? `${JSON.stringify(answer)}\n` : `${formatAnswer(answer, interactive && process.stdout.isTTY === true)}\n\n`);
    } catch (err) {
      // answerQuestion promises never to throw; if it does, one bad line must not end the stream
      // nor shift the answers: the line still gets its one output line, and the exit code says so
      failed = true;
      const message = err instanceof Error ? err.message : String(err);
      io.out(json ? `${JSON.stringify({ question: q, error: message })}\n` : `error: ${message}\n\n`);
    }
  };
  if (question) {
    print(question);
    return failed ? 1 : 0;
  }
  const rl = createInterface({ input, output: interactive ? process.stdout : undefined, terminal: interactive });
  if (interactive) {
    const titles = kb.reports.map((r) => r.title).join('; ');
    io.out(`peel-bot: ${kb.reports.length} report(s) loaded (${titles}). Ask a question; follow-ups follow the last answer. exit, quit or Ctrl-D leaves.\n`);
    rl.setPrompt('peel> ');
    rl.prompt();
  }
  // one question a line; a blank line (empty, or only what String.prototype.trim removes) is
  // skipped, so `--json` prints exactly one JSON line per non-blank input line, in order
  rl.on('line', (line) => {
    if (interactive && /^(exit|quit)$/i.test(line.trim())) return rl.close();
    if (line.trim() !== '') print(line);
    if (interactive) rl.prompt();
  });
  await new Promise<void>((done) => rl.once('close', done));
  if (interactive) io.out('\n');
  return failed ? 1 : 0;
}

runProgram(import.meta.url, (argv, io) => runAskCli(argv, io));

/**
 * The warm-up a new process runs before it says it is ready: a few questions of each kind about
 * the first report, one step per turn of the event loop. The first questions a process answers
 * are the ones that load the report (its compiled model, facts and indexes), WordNet and the
 * spelling tables, and compile the answer paths; at 200 requests a second that cold start held
 * every ack behind it for over a second. Answering here, while /readyz still says "starting",
 * moves that cost before a load balancer sends anything (in Socket Mode, where events flow as soon
 * as the socket opens, it only spares the first questions the loads). /healthz answers between
 * steps: one waits for the step under way at most (the report's entry, about 0.1 s).
 */
import type { Knowledge } from '../library/knowledge.js';
import { answerQuestion } from './answer.js';

/** One of each answer path: a grade, a figure, a passage, the improvements, an overview, a decline. */
const WARM_QUESTIONS = [
  'how good is {force} at investigating crime?',
  'hi, what was the crime rate in {force} and how does it compare with England and Wales?',
  'what does the report say about neighbourhood policing in {force}?',
  'what does {force} need to improve?',
  'in a nutshell, what did the inspection find about {force}?',
  'who is the chief constable of {force}?',
];

/**
 * Answers the warm-up questions about the first report, yielding between them; resolves with the
 * answer types it went through and how long it took.
 */
export async function warmUp(kb: Knowledge): Promise<{ intents: string[]; ms: number }> {
  const started = performance.now();
  const first = kb.reports[0];
  const intents: string[] = [];
  if (first === undefined) return { intents, ms: 0 };
  const turn = () => new Promise((next) => setImmediate(next));
  // the biggest loads first, each in a turn of its own, so a /healthz that comes meanwhile waits for one step at most:
  // the report's compiled entry, then WordNet's index files, then the answer paths one question at a time
  await turn();
  kb.byId.get(first.id);
  await turn();
  kb.vocabulary.english.kind('neighbourhood');
  for (const question of WARM_QUESTIONS) {
    await turn();
    const answer = answerQuestion(kb, question.replaceAll('{force}', first.force));
    intents.push(answer.answered ? answer.intent : 'none');
  }
  return { intents, ms: performance.now() - started };
}

/**
 * The slash command (/peel by default): a parser from the typed text to a PeelCommand, and the
 * listener: ack at once, answer, reply ephemerally with a "Share in channel" button.
 */
import type { App } from '@slack/bolt';
import { renderAnswer, renderNotice } from '../render/blocks.js';
import { renderDigestReply } from '../render/digest.js';
import { askAndKeep, guarded, responseUrlRefused, workspaceOf, type AskOptions, type SlackDeps } from './answering.js';

export type { DigestCommandHandler, DigestCommandInput, DigestCommandResult } from './answering.js';

export type PeelCommand =
  | { kind: 'question'; question: string }
  | { kind: 'judgment'; area: string | null }
  | { kind: 'improve'; area: string | null }
  | { kind: 'metric'; name: string }
  | { kind: 'help' }
  /** `digest on 08:30 Europe/London`, `digest off`, `digest status`: handled by the digest stage */
  | { kind: 'digest'; args: string[] };

/** First words that name a subcommand (lower case); anything else starts a question. */
const SUBCOMMANDS: Record<string, 'judgment' | 'improve' | 'metric' | 'help' | 'digest'> = {
  judgment: 'judgment',
  judgement: 'judgment',
  judgments: 'judgment',
  judgements: 'judgment',
  grade: 'judgment',
  grades: 'judgment',
  improve: 'improve',
  improvement: 'improve',
  improvements: 'improve',
  metric: 'metric',
  metrics: 'metric',
  help: 'help',
  '?': 'help',
  digest: 'digest',
};

/** Parses the text after the command. Empty text is help; an unknown first word starts a question. */
export function parsePeelCommand(text: string): PeelCommand {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { kind: 'help' };
  const [first = '', ...restWords] = trimmed.split(' ');
  const rest = restWords.join(' ');
  switch (SUBCOMMANDS[first.toLowerCase()]) {
    case 'judgment':
      return { kind: 'judgment', area: rest === '' ? null : rest };
    case 'improve':
      return { kind: 'improve', area: rest === '' ? null : rest };
    case 'metric':
      // "/peel metric" alone names no metric: show what can be asked
      return rest === '' ? { kind: 'help' } : { kind: 'metric', name: rest };
    case 'help':
      return { kind: 'help' };
    case 'digest':
      return { kind: 'digest', args: restWords };
    default:
      return { kind: 'question', question: trimmed };
  }
}

/** How a parsed command is asked of the answer layer (digest has no answer). */
export function commandToQuestion(command: Exclude<PeelCommand, { kind: 'digest' }>): { question: string; options: AskOptions } {
  switch (command.kind) {
    case 'question':
      return { question: command.question, options: {} };
    case 'judgment':
      return { question: command.area ?? '', options: { intent: 'judgment' } };
    case 'improve':
      return { question: command.area ?? '', options: { intent: 'improvement' } };
    case 'metric':
      return { question: command.name, options: { intent: 'metric' } };
    case 'help':
      return { question: '', options: { intent: 'help' } };
  }
}

/** Shown when the app was built without the digest (tests of the answer surfaces). */
const DIGEST_COMING = 'Digests are coming soon: a scheduled summary of new reports and grades in a channel. For now, ask me anything about the reports.';

/** Registers the slash command listener. */
export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(deps.command, async ({ command, ack, respond, client, context }) => {
    await ack();
    await guarded(
      deps.logger,
      `${deps.command} command`,
      async () => {
        const parsed = parsePeelCommand(command.text ?? '');
        if (parsed.kind === 'digest') {
          if (!deps.digest) {
            await respond({ response_type: 'ephemeral', ...renderNotice(DIGEST_COMING) });
            return;
          }
          const result = await deps.digest({ teamId: workspaceOf(context, command), channelId: command.channel_id, userId: command.user_id, args: parsed.args });
          const lines = [...result.lines];
          if (result.announce) {
            try {
              await client.chat.postMessage({ channel: command.channel_id, ...result.announce });
            } catch (err) {
              const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
              deps.logger.warn(`digest: could not announce in ${command.channel_id}: ${code}`);
              lines.push(
                `:warning: I could not post in this channel (\`${code}\`). Invite me (\`/invite @peel-bot\`) or the digest will pause at its first post.`,
              );
            }
          }
          await respond({ response_type: 'ephemeral', ...renderDigestReply(lines) });
          return;
        }
        const { question, options } = commandToQuestion(parsed);
        const { answer, answerId } = await askAndKeep(deps, workspaceOf(context, command), 'command', question, options);
        await respond({ response_type: 'ephemeral', ...renderAnswer(answer, { answerId, share: true }) });
      },
      (failure) => respond({ response_type: 'ephemeral', ...failure }),
      responseUrlRefused,
    );
  });
}

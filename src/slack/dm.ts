/**
 * message.im: answer a direct message in the DM. Only plain messages from people count: bot
 * messages, the bot's own, edits, joins and every other subtype are ignored.
 */
import { duplicateEvents } from '../metrics.js';
import type { App } from '@slack/bolt';
import { renderAnswer } from '../render/blocks.js';
import { askAndKeep, cannotPostThere, guarded, withoutBotMention, workspaceOf, type SlackDeps } from './answering.js';

/** The follow-up key for a DM: its thread when in one, else the conversation itself. */
const DM_CONTEXT = 'dm';

/** Registers the message.im listener. */
export function registerDirectMessages(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, context, client }) => {
    if (event.channel_type !== 'im') return;
    if (event.subtype !== undefined) return; // edits, deletions, joins, bot_message, …
    if ('bot_id' in event && event.bot_id) return;
    if (!('user' in event) || event.user === context.botUserId) return;
    const channel = event.channel;
    const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
    const teamId = workspaceOf(context, body);
    await guarded(
      deps.logger,
      'message.im',
      async () => {
        if (!(await deps.store.claimEvent(teamId, body.event_id))) {
          deps.logger.info(`message.im: event ${body.event_id} already answered (retry ${context.retryNum ?? '?'})`);
          duplicateEvents.inc();
          return;
        }
        const question = withoutBotMention(event.text ?? '', context.botUserId);
        const key = threadTs ?? DM_CONTEXT;
        const previous = await deps.store.lastThreadAnswer(teamId, channel, key);
        const { answer, answerId } = await askAndKeep(deps, teamId, 'dm', question, {
          intent: question === '' ? 'help' : undefined,
          previous: previous ?? undefined,
        });
        await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...renderAnswer(answer, { answerId }) });
        await deps.store.saveThreadAnswer(teamId, channel, key, answer);
      },
      (failure) => client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...failure }),
      cannotPostThere,
    );
  });
}

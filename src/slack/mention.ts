/**
 * app_mention: answer in the thread (the mention's thread_ts, else its ts). A mention inside a
 * thread follows up on the thread's last answer ("and England and Wales?", "which page?").
 */
import { duplicateEvents } from '../metrics.js';
import type { App } from '@slack/bolt';
import { renderAnswer } from '../render/blocks.js';
import { askAndKeep, cannotPostThere, guarded, withoutBotMention, workspaceOf, type SlackDeps } from './answering.js';

/** Registers the app_mention listener. */
export function registerMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const teamId = workspaceOf(context, body);
    await guarded(
      deps.logger,
      'app_mention',
      async () => {
        // Bolt does not deduplicate: a retry of the same event must not answer twice
        if (!(await deps.store.claimEvent(teamId, body.event_id))) {
          deps.logger.info(`app_mention: event ${body.event_id} already answered (retry ${context.retryNum ?? '?'})`);
          duplicateEvents.inc();
          return;
        }
        if (event.bot_id) return; // another bot mentioning us could start a loop
        const question = withoutBotMention(event.text, context.botUserId);
        const previous = event.thread_ts ? await deps.store.lastThreadAnswer(teamId, channel, event.thread_ts) : null;
        const { answer, answerId } = await askAndKeep(deps, teamId, 'mention', question, {
          intent: question === '' ? 'help' : undefined,
          previous: previous ?? undefined,
        });
        await client.chat.postMessage({ channel, thread_ts: threadTs, ...renderAnswer(answer, { answerId }) });
        await deps.store.saveThreadAnswer(teamId, channel, threadTs, answer);
      },
      (failure) => client.chat.postMessage({ channel, thread_ts: threadTs, ...failure }),
      cannotPostThere,
    );
  });
}

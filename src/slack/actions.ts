/**
 * Buttons on an answer: Show source (a modal), More results (the next passages), Share in
 * channel (posts an ephemeral answer for everyone), 👍 / 👎 (stored with question and intent).
 * Each button carries the stored answer's id; the store holds the rest.
 */
import type { App, BlockAction, ButtonAction, Context, RespondFn } from '@slack/bolt';
import { sourceContext } from '../library/knowledge.js';
import { ACTION, renderAnswer, renderNotice, renderSourceModal } from '../render/blocks.js';
import type { StoredAnswer, Vote } from '../store/store.js';
import { askAndKeep, guarded, responseUrlRefused, workspaceOf, type SlackDeps } from './answering.js';

const EXPIRED = 'That answer is too old to act on. Ask the question again and I will answer it afresh.';

/** Looks up the stored answer a button points at; tells the user when it has expired. */
async function storedAnswerFor(deps: SlackDeps, teamId: string, value: string, respond: RespondFn): Promise<StoredAnswer | null> {
  const id = value.split(':')[0] ?? '';
  const stored = await deps.store.findAnswer(teamId, id);
  if (!stored) await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(EXPIRED) });
  return stored;
}

/** Registers the button listeners. */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.showSource, async ({ ack, action, body, client, respond, context }) => {
    await ack();
    await guarded(
      deps.logger,
      'Show source',
      async () => {
        const stored = await storedAnswerFor(deps, workspaceOf(context, body), action.value ?? '', respond);
        if (!stored) return;
        const index = Number(action.value?.split(':')[1] ?? 0);
        const citation = stored.answer.citations[index];
        if (!citation) {
          await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice('That answer has no such source.') });
          return;
        }
        const reportTitle = deps.kb.reports.find((r) => r.id === citation.report)?.title ?? citation.report;
        const view = renderSourceModal({ reportTitle, citation, source: sourceContext(deps.kb, citation) });
        await client.views.open({ trigger_id: body.trigger_id, view });
      },
      (failure) => respond({ response_type: 'ephemeral', replace_original: false, ...failure }),
      responseUrlRefused,
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTION.moreResults, async ({ ack, action, body, client, respond, context }) => {
    await ack();
    await guarded(
      deps.logger,
      'More results',
      async () => {
        const stored = await storedAnswerFor(deps, workspaceOf(context, body), action.value ?? '', respond);
        if (!stored || stored.answer.nextOffset === undefined) return;
        const { answer, answerId } = await askAndKeep(deps, workspaceOf(context, body), 'action', stored.answer.question, { offset: stored.answer.nextOffset });
        const ephemeral = body.container?.is_ephemeral === true || body.message === undefined;
        if (ephemeral) {
          await respond({ response_type: 'ephemeral', replace_original: false, ...renderAnswer(answer, { answerId, share: true }) });
        } else {
          const channel = body.channel?.id ?? body.container.channel_id;
          const threadTs = body.message?.thread_ts ?? body.message?.ts;
          await client.chat.postMessage({ channel, thread_ts: threadTs, ...renderAnswer(answer, { answerId }) });
        }
      },
      (failure) => respond({ response_type: 'ephemeral', replace_original: false, ...failure }),
      responseUrlRefused,
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, action, body, respond, context }) => {
    await ack();
    await guarded(
      deps.logger,
      'Share in channel',
      async () => {
        const stored = await storedAnswerFor(deps, workspaceOf(context, body), action.value ?? '', respond);
        if (!stored) return;
        await respond({ response_type: 'in_channel', replace_original: false, ...renderAnswer(stored.answer, { answerId: stored.id }) });
        // the private copy has done its job; failing to remove it is harmless
        await respond({ delete_original: true }).catch((err: unknown) =>
          deps.logger.warn('Share in channel: could not remove the ephemeral copy:', err instanceof Error ? err.message : err),
        );
      },
      (failure) => respond({ response_type: 'ephemeral', replace_original: false, ...failure }),
      responseUrlRefused,
    );
  });

  const feedback = (vote: Vote) =>
    async function onFeedback({ ack, action, body, respond, context }: { ack: () => Promise<void>; action: ButtonAction; body: BlockAction; respond: RespondFn; context: Context }) {
      await ack();
      await guarded(
        deps.logger,
        `feedback ${vote}`,
        async () => {
          const stored = await storedAnswerFor(deps, workspaceOf(context, body), action.value ?? '', respond);
          if (!stored) return;
          await deps.store.recordFeedback(workspaceOf(context, body), stored.id, body.user.id, vote, stored.answer);
          const thanks = vote === 'up' ? 'Thanks, noted: this answer helped.' : 'Thanks, noted: this answer missed. Maintainers review these.';
          await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(thanks) });
        },
        (failure) => respond({ response_type: 'ephemeral', replace_original: false, ...failure }),
        responseUrlRefused,
      );
    };
  app.action<BlockAction<ButtonAction>>(ACTION.feedbackUp, feedback('up'));
  app.action<BlockAction<ButtonAction>>(ACTION.feedbackDown, feedback('down'));
}

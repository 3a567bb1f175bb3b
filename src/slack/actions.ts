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

/** What a button's listener gets from Bolt. */
interface ButtonArgs {
  ack: () => Promise<void>;
  action: ButtonAction;
  body: BlockAction;
  client: App['client'];
  respond: RespondFn;
  context: Context;
}

/**
 * A button's listener: acknowledged at once, then `run` with the stored answer it points at (a user
 * whose answer has expired is told so), guarded so a failure is one ephemeral line and one log line.
 */
function onButton(deps: SlackDeps, name: string, run: (args: ButtonArgs, stored: StoredAnswer, teamId: string) => Promise<void>) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, respond, context } = args;
    await ack();
    await guarded(
      deps.logger,
      name,
      async () => {
        const teamId = workspaceOf(context, body);
        const stored = await storedAnswerFor(deps, teamId, action.value ?? '', respond);
        if (stored) await run(args, stored, teamId);
      },
      (failure) => respond({ response_type: 'ephemeral', replace_original: false, ...failure }),
      responseUrlRefused,
    );
  };
}

/** Show source: the cited block with its neighbours, section and page, in a modal. */
async function showSource(deps: SlackDeps, { action, body, client, respond }: ButtonArgs, stored: StoredAnswer): Promise<void> {
  const index = Number(action.value?.split(':')[1] ?? 0);
  const citation = stored.answer.citations[index];
  if (!citation) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice('That answer has no such source.') });
    return;
  }
  const reportTitle = deps.kb.reports.find((r) => r.id === citation.report)?.title ?? citation.report;
  const view = renderSourceModal({ reportTitle, citation, source: sourceContext(deps.kb, citation) });
  await client.views.open({ trigger_id: body.trigger_id, view });
}

/** More results: the next passages, where the answer was (privately, or in its thread). */
async function moreResults(deps: SlackDeps, { body, client, respond }: ButtonArgs, stored: StoredAnswer, teamId: string): Promise<void> {
  if (stored.answer.nextOffset === undefined) return;
  const { answer, answerId } = await askAndKeep(deps, teamId, 'action', stored.answer.question, { offset: stored.answer.nextOffset });
  const ephemeral = body.container?.is_ephemeral === true || body.message === undefined;
  if (ephemeral) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderAnswer(answer, { answerId, share: true }) });
  } else {
    const channel = body.channel?.id ?? body.container.channel_id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    await client.chat.postMessage({ channel, thread_ts: threadTs, ...renderAnswer(answer, { answerId }) });
  }
}

/** Share in channel: the private answer posted for everyone, the private copy removed. */
async function share(deps: SlackDeps, { respond }: ButtonArgs, stored: StoredAnswer): Promise<void> {
  await respond({ response_type: 'in_channel', replace_original: false, ...renderAnswer(stored.answer, { answerId: stored.id }) });
  // the private copy has done its job; failing to remove it is harmless
  await respond({ delete_original: true }).catch((err: unknown) =>
    deps.logger.warn('Share in channel: could not remove the ephemeral copy:', err instanceof Error ? err.message : err),
  );
}

/** 👍 / 👎: the vote stored with the answer's question and intent, and thanks. */
async function feedback(deps: SlackDeps, vote: Vote, { body, respond }: ButtonArgs, stored: StoredAnswer, teamId: string): Promise<void> {
  await deps.store.recordFeedback(teamId, stored.id, body.user.id, vote, stored.answer);
  const thanks = vote === 'up' ? 'Thanks, noted: this answer helped.' : 'Thanks, noted: this answer missed. Maintainers review these.';
  await respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(thanks) });
}

/** Registers the button listeners. */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.showSource, onButton(deps, 'Show source', (args, stored) => showSource(deps, args, stored)));
  app.action<BlockAction<ButtonAction>>(ACTION.moreResults, onButton(deps, 'More results', (args, stored, team) => moreResults(deps, args, stored, team)));
  app.action<BlockAction<ButtonAction>>(ACTION.share, onButton(deps, 'Share in channel', (args, stored) => share(deps, args, stored)));
  app.action<BlockAction<ButtonAction>>(ACTION.feedbackUp, onButton(deps, 'feedback up', (args, stored, team) => feedback(deps, 'up', args, stored, team)));
  app.action<BlockAction<ButtonAction>>(ACTION.feedbackDown, onButton(deps, 'feedback down', (args, stored, team) => feedback(deps, 'down', args, stored, team)));
}

import { Confirmation, Form, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { fmtWhenShort } from '../common/format.ts';

// The calendar-subscription page of the officer (issue 5, part C). The URL is shown once, right after it is
// created, in a read-only field she can select and copy; afterwards the page only says that a feed is live.

export function FeedView(p: {
  ctx: PageContext;
  live: { id: string; created_at: Date } | undefined;
  /** The new URL, only in the response that created it. */
  url?: string | undefined;
  flash?: string | undefined;
  conflict?: boolean;
}) {
  const { ctx } = p;
  return (
    <>
      {p.flash && <Notice message={ctx.t(p.flash)} />}
      {p.conflict && (
        <div class="alert alert-danger" role="alert">
          {ctx.t('desks.feed.conflict')}
        </div>
      )}
      <p>{ctx.t('desks.feed.intro')}</p>
      {p.url && (
        <div class="alert alert-warning">
          <div class="form-group mb-3">
            <label id="feed-url-label" for="feed-url" class="active">
              {ctx.t('desks.feed.url')}
            </label>
            <input
              id="feed-url"
              type="text"
              class="form-control"
              readOnly
              value={p.url}
              aria-describedby="feed-url-once"
              spellcheck={false}
            />
          </div>
          <p id="feed-url-once" class="mb-2">
            <strong>{ctx.t('desks.feed.once')}</strong>
          </p>
          <h2 class="h5">{ctx.t('desks.feed.howTitle')}</h2>
          <ul>
            <li>{ctx.t('desks.feed.howOutlook')}</li>
            <li>{ctx.t('desks.feed.howGoogle')}</li>
            <li>{ctx.t('desks.feed.howApple')}</li>
          </ul>
          <p class="mb-0">{ctx.t('desks.feed.secret')}</p>
        </div>
      )}
      {p.live ? (
        <>
          <p>{ctx.t('desks.feed.active', { date: fmtWhenShort(p.live.created_at, ctx.lang) })}</p>
          <p id="feed-regenerate-help">{ctx.t('desks.feed.regenerateHelp')}</p>
          <p>
            <a
              class="btn btn-primary"
              href="/desks/agenda/feed/regenerate"
              aria-describedby="feed-regenerate-help"
            >
              {ctx.t('desks.feed.regenerate')}
            </a>
          </p>
          <p>
            <a class="btn btn-outline-danger" href={`/desks/agenda/feed/revoke?feed=${p.live.id}`}>
              {ctx.t('desks.feed.revoke')}
            </a>
          </p>
        </>
      ) : (
        <>
          <p>{ctx.t('desks.feed.none')}</p>
          <Form ctx={ctx} action="/desks/agenda/feed" class="mb-3">
            <input type="hidden" name="feed" value="" />
            <button type="submit" class="btn btn-primary">
              {ctx.t('desks.feed.create')}
            </button>
          </Form>
        </>
      )}
      <p>
        <a href="/desks/agenda">{ctx.t('desks.feed.back')}</a>
      </p>
    </>
  );
}

/** The question asked before the feed's address changes: a new address (regenerate) or none (revoke). */
export const FEED_CONFIRM = {
  regenerate: {
    title: 'desks.feed.regenerate',
    text: 'desks.feed.regenerateConfirm',
    confirm: 'desks.feed.regenerateDo',
  },
  revoke: { title: 'desks.feed.revoke', text: 'desks.feed.revokeConfirm', confirm: 'desks.feed.revokeDo' },
} as const;

export function FeedConfirmView({
  ctx,
  feed,
  act,
}: {
  ctx: PageContext;
  feed: string;
  act: keyof typeof FEED_CONFIRM;
}) {
  return (
    <Confirmation
      ctx={ctx}
      text={ctx.t(FEED_CONFIRM[act].text)}
      action={`/desks/agenda/feed/${act}`}
      cancel="/desks/agenda/feed"
      confirmLabel={ctx.t(FEED_CONFIRM[act].confirm)}
      hidden={{ feed }}
    />
  );
}

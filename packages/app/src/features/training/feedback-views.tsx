import { formatNumber } from '../../platform/format.ts';
import {
  DataTable,
  ErrorSummary,
  type FieldErrors,
  Form,
  FormActions,
  Notice,
  RadioGroup,
  TextArea,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import { type FeedbackResults, type FeedbackState, MIN_ANSWERS, SCALE } from './feedback.ts';
import { Flash, fieldsOf } from './views.tsx';

// The feedback questionnaire (issue 14, decision 0061): her form, and the totals the trainer sees on the edition's
// page once enough people have answered.

type Strings = Record<string, string | undefined>;

export function FeedbackView(p: {
  ctx: PageContext;
  state: FeedbackState;
  values: Strings;
  errors: FieldErrors;
  flash?: string | undefined;
}) {
  const { ctx, state: s } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  const scale = SCALE.map((v) => ({ value: String(v), label: t(`training.feedback.scale.${v}`) }));
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{t('training.feedback.intro', { min: MIN_ANSWERS })}</p>
      {s.closed ? (
        <Notice kind="info" message={t(s.closed)} />
      ) : (
        <Form ctx={ctx} action={`/formazione/edizioni/${s.editionId}/questionario`}>
          <RadioGroup {...f('usefulness')} legend={t('training.feedback.usefulness')} options={scale} />
          <RadioGroup {...f('clarity')} legend={t('training.feedback.clarity')} options={scale} />
          <TextArea
            {...f('comment')}
            label={t('training.feedback.comment')}
            hint={t('training.feedback.commentHint')}
            maxChars={2000}
            rows={4}
          />
          <FormActions
            ctx={ctx}
            cancel={`/formazione/edizioni/${s.editionId}`}
            label={t('training.feedback.send')}
          />
        </Form>
      )}
    </>
  );
}

export function FeedbackResultsSection({ ctx, results: r }: { ctx: PageContext; results: FeedbackResults }) {
  const t = ctx.t;
  return (
    <>
      <h2 class="h4 mt-4">{t('training.feedback.results')}</h2>
      {r.totals === null ? (
        <p>{t('training.feedback.tooFew', { n: r.answers, min: MIN_ANSWERS })}</p>
      ) : (
        <>
          <p>{t('training.feedback.answers', { n: r.answers })}</p>
          <DataTable
            ctx={ctx}
            small
            caption={t('training.feedback.results')}
            headers={[
              t('training.feedback.question'),
              t('training.feedback.average'),
              ...SCALE.map((v) => t(`training.feedback.scale.${v}`)),
            ]}
            rows={[
              { key: 'usefulness', ...r.totals.usefulness },
              { key: 'clarity', ...r.totals.clarity },
            ]}
            row={(q) => (
              <tr key={q.key}>
                <td>{t(`training.feedback.${q.key}`)}</td>
                <td>{formatNumber(q.average, ctx.lang)}</td>
                {q.counts.map((n, i) => (
                  <td key={i}>{formatNumber(n, ctx.lang)}</td>
                ))}
              </tr>
            )}
          />
          {r.totals.comments.length > 0 && (
            <>
              <h3 class="h5">{t('training.feedback.comments')}</h3>
              <ul>
                {r.totals.comments.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}

import { formatNumber } from '../../platform/format.ts';
import {
  DataTable,
  ErrorSummary,
  Field,
  type FieldErrors,
  Form,
  FormActions,
  Notice,
  RadioGroup,
  Submit,
  TextArea,
} from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import { type FeedbackResults, type FeedbackState, MIN_ANSWERS, SCALE } from './feedback.ts';
import { MAX_OPTIONS, type Quiz, type QuizState } from './quiz.ts';
import { EditionActions, Flash, fieldsOf } from './views.tsx';

// The pages that complete a course (issue 14, decision 0061): the final quiz — the trainer's (pass mark, attempts,
// questions) and the person's (the questions, one answer each, her attempts) — and the feedback questionnaire, her
// form and the totals the trainer sees on the edition's page once enough people have answered.

type Strings = Record<string, string | undefined>;
/** A form page and what it was sent again with: the values typed, the errors, the flash of the last action. */
type FormPageProps = { ctx: PageContext; values: Strings; errors: FieldErrors; flash?: string | undefined };

export function QuizManageView(p: FormPageProps & { courseId: string; quiz: Quiz | null }) {
  const { ctx, quiz } = p;
  const t = ctx.t;
  const f = fieldsOf(ctx, p.values, p.errors);
  const numbers = Array.from({ length: MAX_OPTIONS }, (_, i) => i + 1);
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{t('training.quiz.manageIntro')}</p>
      <div class="row">
        <div class="col-12 col-lg-8">
          <h2 class="h4">{t('training.quiz.settings')}</h2>
          <Form ctx={ctx} action={`/formazione/corsi/${p.courseId}/quiz`}>
            <Field
              {...f('pass_pct')}
              value={p.values.pass_pct ?? String(quiz?.passPct ?? 70)}
              label={t('training.field.passPct')}
              hint={t('training.hint.passPct')}
              inputMode="numeric"
            />
            <Field
              {...f('max_attempts')}
              value={p.values.max_attempts ?? String(quiz?.maxAttempts ?? 3)}
              label={t('training.field.maxAttempts')}
              hint={t('training.hint.maxAttempts')}
              inputMode="numeric"
            />
            <FormActions
              ctx={ctx}
              cancel={`/formazione/corsi/${p.courseId}`}
              label={t('training.quiz.saveSettings')}
            />
          </Form>
        </div>
      </div>
      <h2 class="h4 mt-4">{t('training.quiz.questions')}</h2>
      {!quiz || quiz.questions.length === 0 ? (
        <p>{t('training.quiz.noQuestions')}</p>
      ) : (
        <ol>
          {quiz.questions.map((q) => (
            <li key={q.id} class="mb-2">
              {q.text}
              <ul>
                {q.options.map((o, i) => (
                  <li key={i}>
                    {o}
                    {i === q.correct && <strong> ({t('training.quiz.right')})</strong>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {quiz && (
        <div class="row">
          <div class="col-12 col-lg-8">
            <h2 class="h4 mt-4">{t('training.quiz.newQuestion')}</h2>
            <Form ctx={ctx} action={`/formazione/corsi/${p.courseId}/quiz/domande`}>
              <TextArea
                {...f('question')}
                label={t('training.field.question')}
                maxChars={1000}
                rows={3}
                required
              />
              {numbers.map((n) => (
                <Field
                  key={n}
                  {...f(`option_${n}`)}
                  label={t('training.field.option', { n })}
                  maxChars={300}
                  {...(n === 1 ? { hint: t('training.hint.options') } : {})}
                />
              ))}
              <RadioGroup
                {...f('correct')}
                legend={t('training.field.correct')}
                inline
                options={numbers.map((n) => ({ value: String(n), label: t('training.field.option', { n }) }))}
              />
              <Submit class="btn btn-primary">{t('training.quiz.addQuestion')}</Submit>
            </Form>
          </div>
        </div>
      )}
    </>
  );
}

export function QuizTakeView(p: FormPageProps & { state: QuizState }) {
  const { ctx, state: s } = p;
  const t = ctx.t;
  const left = s.quiz.maxAttempts - s.attempts.length;
  return (
    <>
      <Flash message={p.flash} />
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <p>{t('training.quiz.rule', { pass: s.quiz.passPct, n: s.quiz.maxAttempts })}</p>
      {s.attempts.length > 0 && (
        <ul>
          {s.attempts.map((a) => (
            <li key={a.attempt}>
              {t(a.passed ? 'training.quiz.attemptPassed' : 'training.quiz.attemptFailed', {
                n: a.attempt,
                score: a.score_pct,
              })}
            </li>
          ))}
        </ul>
      )}
      {s.closed ? (
        <Notice kind="info" message={t(s.closed.key, s.closed.params)} />
      ) : (
        <Form ctx={ctx} action={`/formazione/edizioni/${s.editionId}/quiz`}>
          <p>{t('training.quiz.left', { n: left })}</p>
          {s.quiz.questions.map((q, i) => (
            <RadioGroup
              key={q.id}
              ctx={ctx}
              name={`q_${q.id}`}
              legend={t('training.quiz.questionN', { n: i + 1, text: q.text })}
              value={p.values[`q_${q.id}`]}
              errors={p.errors}
              options={q.options.map((o, k) => ({ value: String(k), label: o }))}
            />
          ))}
          <EditionActions ctx={ctx} editionId={s.editionId} label={t('training.quiz.submit')} />
        </Form>
      )}
    </>
  );
}

export function FeedbackView(p: FormPageProps & { state: FeedbackState }) {
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
          <EditionActions ctx={ctx} editionId={s.editionId} label={t('training.feedback.send')} />
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

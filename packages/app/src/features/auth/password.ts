import type { Config } from '../../config.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords.ts';
import { createSession, deleteUserSessions } from '../../platform/auth/sessions.ts';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { formatDateTime } from '../../platform/format.ts';
import { type Lang, translate } from '../../platform/i18n/index.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs/jobs.ts';
import { createMailer, type Mailer, type MailMessage } from '../../platform/mail/mailer.ts';
import * as repo from './repository.ts';
import { type AuthContext, accountKey, currentLock, fail, type SessionOwner } from './service.ts';

// She changes her own password (issue 10): her current password first (a wrong one counts for the login throttle,
// like any password typed), then the new one — at least 12 characters, not common, not her username, not the
// current one — typed twice. In one transaction: the new hash, every session of hers ended (on every device) and
// this one replaced by a new token, the audit entry, and the job that e-mails her (decision 0042).

export interface PasswordChangeInput {
  current: string;
  password: string;
  confirm: string;
}

export type PasswordChangeResult =
  | { kind: 'ok'; token: string; otherSessionsEnded: number }
  /** Field name → message key, next to the fields (nothing typed is ever sent back). */
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'throttled'; until: Date }
  | { kind: 'restart' };

export const PASSWORD_CHANGED_JOB = 'auth.password_changed';

export async function changePassword(
  ctx: AuthContext,
  actor: SessionOwner,
  input: PasswordChangeInput,
): Promise<PasswordChangeResult> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user?.active) return { kind: 'restart' };
  const account = accountKey(user.id);
  const lock = await currentLock(ctx, account);
  if (lock) return { kind: 'throttled', until: lock };

  const errors: Record<string, string> = {};
  if (!input.current) errors.current = 'auth.password.err.currentRequired';
  if (!input.password) errors.password = 'auth.password.err.required';
  else {
    const problem = await passwordProblem(input.password, {
      username: user.username,
      current: input.current,
    });
    if (problem) errors.password = `auth.password.err.${problem}`;
    else if (input.confirm !== input.password) errors.confirm = 'auth.password.err.confirm';
  }
  if (input.current && !(await verifyPassword(user.passwordHash, input.current))) {
    const r = await fail(ctx, { userId: user.id }, account, 'password_change', 'bad_password');
    if (r.kind === 'throttled') return r;
    errors.current = 'auth.password.err.current';
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };

  const hash = await hashPassword(input.password);
  const at = now();
  return ctx.db.transaction().execute(async (tx) => {
    const data = await repo.sessionDataOf(tx, actor.sessionId);
    await repo.setOwnPassword(tx, user.id, hash, at);
    // Every session ends, this one too; this browser goes on with a new token (no fixation across the change).
    const ended = await deleteUserSessions(tx, user.id);
    const token = await createSession(
      tx,
      { userId: user.id, stage: 'active', organisationId: actor.orgId, data: data ?? {} },
      ctx.config.sessionIdleMinutes,
    );
    const otherSessionsEnded = Math.max(0, ended - 1);
    await appendAudit(tx, {
      actorUserId: user.id,
      actorOrgId: actor.orgId,
      action: 'auth.password_changed',
      entityType: 'app_user',
      entityId: user.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      details: { otherSessionsEnded, oneTimePassword: user.passwordMustChange },
    });
    await enqueue(
      tx,
      PASSWORD_CHANGED_JOB,
      { user: user.id, at: at.toISOString() },
      { uniqueKey: `${PASSWORD_CHANGED_JOB}:${user.id}:${at.toISOString()}` },
    );
    return { kind: 'ok', token, otherSessionsEnded } as const;
  });
}

/** When the change happened, in Italy, in her language ("7 dicembre 2026, 09:00"). */
function when(at: Date, lang: Lang): string {
  return formatDateTime(at, lang);
}

/** The e-mail that tells her of the change: in her language, or Italian then English when she chose none. */
export function passwordChangedMail(
  to: string,
  user: { username: string; lang: Lang | null },
  at: Date,
): MailMessage {
  const body = (lang: Lang) =>
    [
      translate(lang, 'auth.password.mail.body', { username: user.username, when: when(at, lang) }),
      translate(lang, 'auth.password.mail.sessions'),
      translate(lang, 'auth.password.mail.notYou'),
    ].join('\n\n');
  const text = user.lang ? body(user.lang) : `${body('it')}\n\n— English —\n\n${body('en')}`;
  return { to, subject: translate(user.lang ?? 'it', 'auth.password.mail.subject'), text: `${text}\n` };
}

export type PasswordMailOutcome = 'sent' | 'no_address' | 'stale';

/** The `auth.password_changed` job: e-mails her that her password changed (never the password). */
export async function handlePasswordChanged(
  db: Db,
  mailer: Mailer,
  payload: Record<string, unknown>,
): Promise<PasswordMailOutcome> {
  const userId = typeof payload.user === 'string' ? payload.user : '';
  const at = typeof payload.at === 'string' ? new Date(payload.at) : new Date(Number.NaN);
  if (!/^[0-9a-f-]{36}$/i.test(userId) || Number.isNaN(at.getTime())) return 'stale';
  const user = await repo.mailContactOf(db, userId);
  if (!user) return 'stale';
  if (!user.email) return 'no_address';
  await mailer.send(passwordChangedMail(user.email, user, at));
  return 'sent';
}

/** The auth feature's jobs, with one mailer for the process. */
export function authJobs(config: Config, mailer: Mailer = createMailer(config)): JobDefinition[] {
  return [
    {
      kind: PASSWORD_CHANGED_JOB,
      handler: async (payload, { db }) => {
        await handlePasswordChanged(db, mailer, payload);
      },
    },
  ];
}

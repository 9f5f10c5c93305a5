// Public face of the network feature (organisations, territories, protocol, users, demo data): other features
// and the `ponte` command use it only through this file.
import type { Db } from '../../platform/db/database.ts';
import { createUser } from './service.ts';

export { networkFeature } from './routes.tsx';
export {
  DEMO_PASSWORD,
  type DemoLoginInfo,
  databaseState,
  demoTotpSecret,
  seedDemo,
  seedDemoIfEmpty,
} from './seed.ts';

/** `ponte users create`: a staff user with one membership; returns the text to print (with a generated password). */
export async function createUserFromCli(db: Db, values: Record<string, unknown>): Promise<string> {
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const r = await createUser(
    db,
    { userId: null, orgId: null, ip: null, requestId: null },
    {
      username: s('username'),
      display_name: s('name'),
      organisation_id: s('org'),
      role: s('role'),
      password: s('password'),
    },
    'cli',
  );
  if (!r.ok) {
    const { translate } = await import('../../platform/i18n/index.ts');
    const flags: Record<string, string> = {
      username: '--username',
      display_name: '--name',
      organisation_id: '--org',
      role: '--role',
      password: '--password',
    };
    const lines = Object.entries(r.errors).map(([f, key]) => `${flags[f] ?? f}: ${translate('it', key)}`);
    throw new Error(`utente non creato.\n${lines.join('\n')}`);
  }
  const out = [`Utente creata: ${r.value.username} (id ${r.value.id}).`];
  if (r.value.generatedPassword)
    out.push(`Password iniziale (mostrata una sola volta): ${r.value.generatedPassword}`);
  out.push('Al primo accesso attiverà il secondo fattore (codice QR e codici di recupero).');
  return out.join('\n');
}

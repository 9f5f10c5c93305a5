// Public face of the network feature (organisations, territories, protocol, users, demo data): other features
// and the `ponte` command use it only through this file.
import type { Db } from '../../platform/db/database.ts';
import type { Feature } from '../../platform/feature.ts';
import { countNetworkAdmins, countOrgs } from './repository.ts';
import { networkFeature } from './routes.tsx';
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

/**
 * `ponte users create`: a staff user with one membership — in an existing organisation (`--org`), or, on an empty
 * network, the first administrator with the first organisation (`--new-org NAME --region REGION`). Returns the
 * text to print: the one-time password (generated unless `--password`), shown this once, to be changed at her
 * first login.
 */
export async function createUserFromCli(db: Db, values: Record<string, unknown>): Promise<string> {
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const newOrg = s('new-org');
  const r = await createUser(
    db,
    { userId: null, orgId: null, ip: null, requestId: null },
    {
      username: s('username'),
      display_name: s('name'),
      email: s('email'),
      organisation_id: s('org'),
      role: s('role'),
      password: s('password'),
    },
    'cli',
    newOrg !== undefined ? { name: newOrg, region: s('region') ?? '' } : undefined,
  );
  if (!r.ok) {
    const { translate } = await import('../../platform/i18n/index.ts');
    const flags: Record<string, string> = {
      username: '--username',
      display_name: '--name',
      email: '--email',
      organisation_id: '--org',
      role: '--role',
      password: '--password',
      new_org: '--new-org',
      region: '--region',
    };
    const lines = Object.entries(r.errors).map(([f, key]) => `${flags[f] ?? f}: ${translate('it', key)}`);
    throw new Error(`utente non creato.\n${lines.join('\n')}`);
  }
  const out = [`Account creato: ${r.value.username} (id ${r.value.id}).`];
  if (newOrg !== undefined)
    out.push(`Prima organizzazione della rete: ${newOrg.trim()} (id ${r.value.organisationId}).`);
  if (r.value.generatedPassword)
    out.push(
      `Password iniziale, mostrata solo ora e valida per un solo accesso: ${r.value.generatedPassword}`,
    );
  out.push(
    'Al primo accesso attiverà il secondo fattore (codice QR e codici di recupero) e sceglierà una sua password.',
  );
  return out.join('\n');
}

/** Whether the network has an administrator who can log in (an active account, in an active organisation). */
export async function hasNetworkAdmin(db: Db): Promise<boolean> {
  return (await countNetworkAdmins(db)) > 0;
}

/** Whether the network has any organisation (the first administrator then joins one of them with --org). */
export async function hasOrganisations(db: Db): Promise<boolean> {
  return (await countOrgs(db)) > 0;
}

/** Organisations, territories, the protocol and users. */
export const feature: Feature = { name: 'network', routes: networkFeature };

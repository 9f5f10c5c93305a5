import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { verifyAuditChain } from './platform/audit/audit.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

const USAGE = `Uso: ponte <comando> [opzioni]

Comandi:
  serve                 avvia Ponte (predefinito)
  start                 migra, carica i dati dimostrativi se il database è vuoto, avvia
  migrate               applica le migrazioni
  seed --demo           carica la rete dimostrativa (rifiuta un database con dati reali)
  screen [--date D] [--lang it|en]
                        verifica delle prestazioni: JSON Lines da stdin a stdout
  totp CHIAVE           codice TOTP del momento di una chiave (senza aprire il database)
  demo-code UTENTE [--secret]
                        codice TOTP del momento (o la chiave) di un utente dimostrativo
  audit verify          controlla la catena di hash del registro degli accessi
  keys rotate [--batch N]
                        cifra di nuovo dati identificativi, parole in codice e chiavi del secondo
                        fattore con la chiave attiva
  keys new ID           stampa una nuova chiave per PONTE_ENCRYPTION_KEYS
  users create --username U --name N --org ORG_ID --role R [--password P]
                        crea un utente del personale
`;

async function withDb<T>(config: Config, fn: (d: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The `ponte` command; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    switch (command) {
      case 'screen': {
        const { values } = parseArgs({
          args: rest,
          options: { date: { type: 'string' }, lang: { type: 'string', default: 'it' } },
        });
        if (values.lang !== 'it' && values.lang !== 'en') {
          process.stderr.write('--lang deve essere it oppure en\n');
          return 2;
        }
        if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
          process.stderr.write('--date deve essere nel formato AAAA-MM-GG\n');
          return 2;
        }
        const { runScreen } = await import('@ponte/rules');
        const { invalid } = await runScreen({
          input: process.stdin,
          output: process.stdout,
          date: values.date,
          lang: values.lang,
        });
        return invalid > 0 ? 1 : 0;
      }
      case 'migrate': {
        const config = loadConfig();
        const applied = await withDb(config, (d) => migrateToLatest(d.db));
        console.log(
          applied.length ? `Migrazioni applicate: ${applied.join(', ')}` : 'Database già aggiornato.',
        );
        return 0;
      }
      case 'audit': {
        if (rest[0] !== 'verify') break;
        const config = loadConfig();
        const result = await withDb(config, (d) => verifyAuditChain(d.db));
        if (result.ok) {
          console.log(`Registro integro: ${result.checked} voci verificate.`);
          return 0;
        }
        const b = result.firstBroken!;
        console.log(
          `Registro ALTERATO: prima voce non valida n. ${b.id} (${b.reason}); voci integre prima di essa: ${result.checked}.`,
        );
        return 1;
      }
      case 'serve':
      case 'start': {
        const config = loadConfig();
        // Elapsed time, not a date: the monotonic clock, whatever the application's clock says.
        const started = performance.now();
        const { startServer } = await import('./server.ts');
        // One opening of the database for migrations, the demo seed and the server (PGlite boots in seconds).
        await startServer(
          config,
          command === 'start'
            ? async (db) => {
                const { seedDemoIfEmpty } = await import('./features/network/index.ts');
                const logins = await seedDemoIfEmpty(db);
                if (logins) {
                  // On a demo network, two demo desks with their rules (once: skipped when any desk exists).
                  const { seedDemoCases, seedDemoDesks } = await import('./features/desks/index.ts');
                  await seedDemoDesks(db);
                  // …and three fictional cases of the demo CAV, two cards sent to INPS, one booked (once: skipped
                  // when any case exists).
                  const demoCases = await seedDemoCases(db);
                  printDemoLogins(logins);
                  if (demoCases.cases > 0) printDemoCases(demoCases);
                }
              }
            : undefined,
        );
        const where = `http://${config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
        console.log(
          `Ponte è pronto su ${where} (avvio in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
        );
        return await new Promise<number>(() => {});
      }
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
        if (!values.demo) break;
        const config = loadConfig();
        const { seedDemo } = await import('./features/network/index.ts');
        const logins = await withDb(config, async (d) => {
          await migrateToLatest(d.db);
          return seedDemo(d.db);
        });
        printDemoLogins(logins);
        return 0;
      }
      case 'totp': {
        const secret = rest[0]?.trim().toUpperCase();
        if (!secret || !/^[A-Z2-7]{26,128}=*$/.test(secret)) {
          process.stderr.write('Uso: ponte totp CHIAVE (la chiave TOTP in base32 stampata all’avvio)\n');
          return 2;
        }
        const { currentTotp } = await import('./features/auth/index.ts');
        console.log(currentTotp(secret));
        return 0;
      }
      case 'demo-code': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { secret: { type: 'boolean' } },
          allowPositionals: true,
        });
        const username = positionals[0];
        if (!username) break;
        const config = loadConfig();
        const { demoTotpSecret } = await import('./features/network/index.ts');
        const { configureKeys } = await import('./platform/crypto/index.ts');
        configureKeys(config.encryptionKeys);
        const secret = await withDb(config, (d) => demoTotpSecret(d.db, username));
        if (values.secret) console.log(secret);
        else {
          const { currentTotp } = await import('./features/auth/index.ts');
          console.log(currentTotp(secret));
        }
        return 0;
      }
      case 'users': {
        if (rest[0] !== 'create') break;
        const { values } = parseArgs({
          args: rest.slice(1),
          options: {
            username: { type: 'string' },
            name: { type: 'string' },
            org: { type: 'string' },
            role: { type: 'string' },
            password: { type: 'string' },
          },
        });
        const config = loadConfig();
        const { createUserFromCli } = await import('./features/network/index.ts');
        const out = await withDb(config, (d) => createUserFromCli(d.db, values));
        console.log(out);
        return 0;
      }
      case 'keys': {
        const { newKeySpec, parseKeyring } = await import('./platform/crypto/index.ts');
        if (rest[0] === 'new' && rest[1]) {
          console.log(newKeySpec(rest[1]));
          return 0;
        }
        if (rest[0] !== 'rotate') break;
        const { values } = parseArgs({
          args: rest.slice(1),
          options: { batch: { type: 'string', default: '200' } },
        });
        const batch = Number(values.batch);
        if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
          process.stderr.write('--batch deve essere un intero tra 1 e 10000\n');
          return 2;
        }
        const config = loadConfig();
        const { rotateKeys } = await import('./features/cases/index.ts');
        const keyring = parseKeyring(config.encryptionKeys);
        const { rotateTotpSecrets } = await import('./platform/auth/totp-secret.ts');
        const out = await withDb(config, (d) => rotateKeys(d.db, keyring, batch));
        const totp = await withDb(config, (d) => rotateTotpSecrets(d.db, keyring, batch));
        console.log(
          `Chiave attiva ${keyring.activeId}: ${out.identities} dati identificativi, ${out.codeWords} parole in codice e ${totp.done} chiavi del secondo fattore cifrati di nuovo.`,
        );
        if (out.failed + totp.failed > 0) {
          process.stderr.write(
            `${out.failed + totp.failed} righe non decifrabili lasciate com'erano (vedi il registro degli accessi, keys.rotated)\n`,
          );
          return 1;
        }
        return 0;
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return 0;
    }
    process.stderr.write(`Comando non riconosciuto: ${[command, ...rest].join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configurazione non valida: ${error.message}\n`);
      return 78;
    }
    const e = error as Error & { code?: string };
    process.stderr.write(`Errore: ${e.message}\n`);
    return 1;
  }
}

export interface DemoLogin {
  role: string;
  username: string;
  password: string;
  totpSecret: string;
  organisation: string;
}

function printDemoCases(r: { cases: number; cards: number; bookedAt: Date | null }): void {
  const when = r.bookedAt
    ? new Intl.DateTimeFormat('it-IT', {
        timeZone: 'Europe/Rome',
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(r.bookedAt)
    : null;
  console.log(
    `Casi dimostrativi (dati di fantasia): ${r.cases} casi aperti da demo.operatrice, ${r.cards} schede inviate all'INPS (le vedono demo.consulente e demo.direttrice).`,
  );
  console.log(
    when
      ? `Una scheda ha già un appuntamento confermato (${when}, in «La mia agenda» di demo.consulente); l'altra la prenota demo.operatrice da «Prenota sportello INPS».\n`
      : 'demo.operatrice prenota le schede da «Prenota sportello INPS».\n',
  );
}

function printDemoLogins(logins: DemoLogin[]): void {
  console.log(
    `\nAccessi dimostrativi (dati di fantasia), tutti con la password ${logins[0]?.password ?? ''}:`,
  );
  for (const l of logins) {
    console.log(
      `  ${l.role.padEnd(16)} ${l.username.padEnd(20)} chiave TOTP ${l.totpSecret}  (${l.organisation})`,
    );
  }
  // `ponte totp` computes the code from the key alone: it never opens the database that the server is using.
  console.log(
    '\nSecondo fattore: `npx ponte totp CHIAVE` stampa il codice del momento (in un altro terminale, mentre',
  );
  console.log("Ponte è avviato), oppure inserisci la chiave in un'app di autenticazione.\n");
}

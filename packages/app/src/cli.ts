import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { configureAuditKey } from './platform/audit/audit.ts';
import { type AuditCheck, checkAudit } from './platform/audit/checkpoints.ts';
import { configureKeys } from './platform/crypto/index.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

const USAGE = `Uso: ponte <comando> [opzioni]

Comandi:
  serve                 avvia Ponte (predefinito)
  start                 migra, carica i dati dimostrativi se il database è vuoto, avvia
  migrate               applica le migrazioni
  seed --demo           carica la rete dimostrativa (rifiuta un database con dati reali)
  seed --synthetic N    aggiunge una rete sintetica con N casi e tre anni di storia, per il monitoraggio e le
                        misure (rifiuta un database con dati reali); avanzamento su stderr
  screen [--date D] [--lang it|en] [--compact] [--threads N]
                        verifica delle prestazioni: JSON Lines da stdin a stdout; --compact: solo esiti,
                        importi, fatti mancanti e codici dei motivi (i testi in GET /api/v1/benefits)
  totp CHIAVE           codice TOTP del momento di una chiave (senza aprire il database)
  demo-code UTENTE [--secret]
                        codice TOTP del momento (o la chiave) di un utente dimostrativo
  audit verify          controlla la catena del registro degli accessi e i punti di controllo,
                        poi scrive un nuovo punto di controllo
  doctor                controlla la configurazione come la vuole la produzione (segreti, chiavi, database,
                        schema, registro, orologio, spazio su disco, SMTP); esce con 1 se c'è un errore
  backup FILE           salva il database in FILE (con manifesto e somma di controllo SHA-256 in FILE.sha256);
                        sul database incorporato solo a Ponte fermo; su PostgreSQL usa pg_dump, a Ponte avviato
  restore FILE          ripristina FILE in un database vuoto (PostgreSQL: DATABASE_URL di un database nuovo;
                        incorporato: una PONTE_DATA_DIR vuota), dopo averne controllato somma, schema e chiavi
  keys rotate [--batch N]
                        cifra di nuovo dati identificativi, parole in codice e chiavi del secondo
                        fattore con la chiave attiva
  keys new ID           stampa una nuova chiave per PONTE_ENCRYPTION_KEYS
  users create --username U --name N --role R (--org ORG_ID | --new-org NOME --region REGIONE)
               [--email E] [--password P]
                        crea un account del personale con una password valida per un solo accesso
                        (generata e mostrata una volta, se manca --password); --new-org crea la prima
                        organizzazione di una rete vuota insieme alla prima amministratrice
`;

/** The configuration of this process; every command that may write the audit log or seal data needs its keys. */
function setup(): Config {
  const config = loadConfig();
  configureAuditKey(config.auditKey);
  configureKeys(config.encryptionKeys);
  return config;
}

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
          options: {
            date: { type: 'string' },
            lang: { type: 'string', default: 'it' },
            compact: { type: 'boolean', default: false },
            threads: { type: 'string' },
          },
        });
        if (values.lang !== 'it' && values.lang !== 'en') {
          process.stderr.write('--lang deve essere it oppure en\n');
          return 2;
        }
        if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
          process.stderr.write('--date deve essere nel formato AAAA-MM-GG\n');
          return 2;
        }
        const threads = values.threads === undefined ? 1 : Number(values.threads);
        if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
          process.stderr.write('--threads deve essere un numero intero da 1 a 64\n');
          return 2;
        }
        const { runScreen } = await import('@ponte/rules');
        const { invalid } = await runScreen({
          input: process.stdin,
          output: process.stdout,
          date: values.date,
          lang: values.lang,
          compact: values.compact,
          // --threads N > 1 spreads long inputs over N worker threads, written back in order; one thread by
          // default, the faster on the shared machine where it was measured (decision 0064).
          threads,
        });
        return invalid > 0 ? 1 : 0;
      }
      case 'migrate': {
        const config = setup();
        const applied = await withDb(config, (d) => migrateToLatest(d.db));
        console.log(
          applied.length ? `Migrazioni applicate: ${applied.join(', ')}` : 'Database già aggiornato.',
        );
        return 0;
      }
      case 'audit': {
        if (rest[0] !== 'verify') break;
        const config = setup();
        const check = await withDb(config, (d) => checkAudit(d.db, { file: config.auditCheckpointFile }));
        console.log(auditReport(check, config.auditCheckpointFile));
        return check.ok ? 0 : 1;
      }
      case 'doctor': {
        if (rest.length > 0) break;
        const { doctorReport, runDoctor } = await import('./platform/doctor.ts');
        const { config, checks } = await runDoctor();
        console.log(doctorReport(config, checks));
        return checks.some((c) => c.level === 'errore') ? 1 : 0;
      }
      case 'backup': {
        const file = rest[0];
        if (!file || rest.length > 1) break;
        const config = setup();
        const { rulesVersion } = await import('@ponte/rules');
        const { backup } = await import('./platform/db/backup.ts');
        const m = await backup(file, {
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          rulesVersion,
        });
        const { readFileSync } = await import('node:fs');
        const sum = readFileSync(`${file}.sha256`, 'utf8').split(' ')[0];
        console.log(
          [
            `Backup scritto in ${file} (${(m.payload.bytes / 1048576).toFixed(1)} MB, ${m.engine === 'postgres' ? `PostgreSQL ${m.serverVersion}, pg_dump ${m.pgDumpVersion}` : `database incorporato, PostgreSQL ${m.serverVersion}`}).`,
            `Ora (orologio di Ponte): ${m.createdAt}; schema ${m.schemaVersion}; regole ${m.rulesVersion}.`,
            `Registro degli accessi: ${m.audit.entries} voci${m.audit.headId === null ? '' : `, ultima n. ${m.audit.headId} (${m.audit.headHash?.slice(0, 16)}…)`}; ${Object.keys(m.counts).length} tabelle.`,
            `SHA-256 ${sum} (anche in ${file}.sha256).`,
            'Le chiavi NON sono nel backup: conserva a parte PONTE_ENCRYPTION_KEYS e PONTE_AUDIT_KEY, senza le quali non si può usare.',
          ].join('\n'),
        );
        return 0;
      }
      case 'restore': {
        const file = rest[0];
        if (!file || rest.length > 1) break;
        const config = setup();
        const { parseKeyring } = await import('./platform/crypto/index.ts');
        const { restore } = await import('./platform/db/backup.ts');
        const m = await restore(file, {
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          keyring: parseKeyring(config.encryptionKeys),
        });
        const rows = Object.values(m.counts).reduce((a, b) => a + b, 0);
        console.log(
          [
            `Ripristinato il backup del ${m.createdAt} (schema ${m.schemaVersion}): ${Object.keys(m.counts).length} tabelle, ${rows} righe, come nel manifesto.`,
            `Registro degli accessi: ${m.audit.entries} voci${m.audit.headId === null ? '' : `, ultima n. ${m.audit.headId}`}. Verificalo con \`ponte audit verify\` (un punto di controllo successivo al backup lo dirà troncato).`,
            'All’avvio Ponte applica le migrazioni di questa versione, se ne mancano.',
          ].join('\n'),
        );
        return 0;
      }
      case 'serve':
      case 'start': {
        const config = setup();
        // Elapsed time, not a date: the monotonic clock, whatever the application's clock says.
        const started = performance.now();
        const { startServer } = await import('./server.ts');
        // One opening of the database for migrations, the demo seed and the server (PGlite boots in seconds).
        await startServer(
          config,
          command === 'start'
            ? async (db) => {
                // In production the demo is never loaded: `start` says how to create the first administrator.
                if (config.env === 'production') return printFirstAdminHelp(db);
                const { seedDemoIfEmpty } = await import('./features/network/index.ts');
                const logins = await seedDemoIfEmpty(db);
                if (logins) {
                  // On a demo network, two demo desks with their rules (once: skipped when any desk exists).
                  const { seedDemoCases, seedDemoDesks } = await import('./features/desks/index.ts');
                  await seedDemoDesks(db);
                  // …and three fictional cases of the demo CAV, two cards sent to INPS, one booked (once: skipped
                  // when any case exists).
                  const demoCases = await seedDemoCases(db);
                  // …then each feature's own share of the demo (roundtables, training…), in route order.
                  const { features } = await import('./features/index.ts');
                  for (const feature of features) await feature.demo?.(db, config);
                  printDemoLogins(logins);
                  if (demoCases.cases > 0) printDemoCases(demoCases);
                }
              }
            : config.env === 'production'
              ? printFirstAdminHelp
              : undefined,
        );
        const where = `http://${config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
        console.log(
          `Ponte è pronto su ${where} (avvio in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
        );
        return await new Promise<number>(() => {});
      }
      case 'seed': {
        const { values } = parseArgs({
          args: rest,
          options: { demo: { type: 'boolean' }, synthetic: { type: 'string' } },
        });
        if (values.synthetic !== undefined) {
          const n = /^\d{1,8}$/.test(values.synthetic) ? Number(values.synthetic) : Number.NaN;
          if (!(n >= 1 && n <= 10_000_000)) {
            process.stderr.write('Uso: ponte seed --synthetic N (N casi, da 1 a 10.000.000)\n');
            return 2;
          }
          const config = setup();
          if (config.env === 'production') {
            process.stderr.write('In produzione la rete sintetica non si carica.\n');
            return 2;
          }
          const { seedSynthetic, progressBar, refreshRollups, predrawCharts } = await import(
            './features/monitoring/index.ts'
          );
          try {
            await withDb(config, async (d) => {
              await migrateToLatest(d.db);
              const t0 = performance.now();
              await seedSynthetic(d.db, {
                cases: n,
                progress: (done, total) => process.stderr.write(`\r${progressBar(done, total)}`),
              });
              process.stderr.write(
                `\nCasi sintetici scritti in ${((performance.now() - t0) / 1000).toFixed(1)} s; aggiorno il monitoraggio…\n`,
              );
              const r = await refreshRollups(d.db, { full: true });
              process.stderr.write(`Monitoraggio aggiornato in ${(r.ms / 1000).toFixed(1)} s.\n`);
              // As the hourly job does: the charts of the views people open, drawn ahead (decision 0062).
              const c = await predrawCharts(d.db);
              process.stderr.write(
                `Grafici delle viste predefinite disegnati in ${(c.ms / 1000).toFixed(1)} s.\n`,
              );
            });
          } catch (e) {
            if ((e as Error).name === 'RealDataError') {
              process.stderr.write(
                'Il database contiene dati reali: la rete sintetica si carica solo in un database vuoto o dimostrativo.\n',
              );
              return 1;
            }
            throw e;
          }
          return 0;
        }
        if (!values.demo) break;
        const config = setup();
        if (config.env === 'production') {
          process.stderr.write(
            'In produzione la rete dimostrativa non si carica (i suoi accessi hanno una password pubblicata).\n',
          );
          return 2;
        }
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
        const config = setup();
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
            email: { type: 'string' },
            password: { type: 'string' },
            'new-org': { type: 'string' },
            region: { type: 'string' },
          },
        });
        const config = setup();
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
        const config = setup();
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
    if ((error as Error).name === 'BackupError') {
      process.stderr.write(
        `${command === 'restore' ? 'Ripristino rifiutato' : 'Backup non riuscito'}: ${(error as Error).message}\n`,
      );
      return 1;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`Configurazione non valida: ${error.message}\n`);
      return 78;
    }
    const e = error as Error & { code?: string };
    process.stderr.write(`Errore: ${e.message}\n`);
    return 1;
  }
}

/** What `ponte audit verify` says: one outcome, named in its own words (decision 0037). */
export function auditReport(check: AuditCheck, file: string | null): string {
  const { chain, finding } = check;
  const b = chain.firstBroken;
  if (b) {
    const intact = `voci integre prima di essa: ${chain.checked}`;
    switch (b.reason) {
      case 'rewritten':
        return `Registro RISCRITTO: dalla voce n. ${b.id} alla n. ${b.through ?? b.id} i collegamenti sono stati ricalcolati senza la chiave del registro (prima voce non valida n. ${b.id}); ${intact}.`;
      case 'missing_entries':
        return `Registro con VOCI MANCANTI: prima della voce n. ${b.id} sono state tolte una o più voci (prima voce non valida n. ${b.id}); ${intact}.`;
      case 'wrong_key':
        return `PONTE_AUDIT_KEY non è la chiave di questo registro: la voce n. ${b.id}, da cui i collegamenti sono firmati, porta la firma di un'altra chiave. Verifica con la chiave giusta.`;
      case 'not_keyed':
        return `Registro NON FIRMATO: nessuna voce porta la firma della chiave del registro fino all'ultima, n. ${b.id} (la voce da cui i collegamenti sono firmati è stata tolta e le altre riscritte, o Ponte non è mai stato avviato da questa versione).`;
      case 'link_broken':
        return `Registro ALTERATO: prima voce non valida n. ${b.id} (non è collegata alla precedente); ${intact}.`;
      default:
        return `Registro ALTERATO: prima voce non valida n. ${b.id} (modificata dopo la scrittura); ${intact}.`;
    }
  }
  if (finding) {
    switch (finding.kind) {
      case 'truncated': {
        const c = finding.checkpoint;
        const end =
          finding.lastId === null
            ? 'nel database il registro è vuoto'
            : `nel database finisce alla n. ${finding.lastId}`;
        return `Registro TRONCATO: il punto di controllo del ${c.at} attesta ${c.entries} voci fino alla n. ${c.seq}; ${end} (${c.entries - chain.checked} voci in meno: le ultime sono state cancellate).`;
      }
      case 'rewritten':
        return `Registro RISCRITTO: la voce n. ${finding.checkpoint.seq} non è più quella attestata dal punto di controllo del ${finding.checkpoint.at}: il registro fino a essa è stato riscritto.`;
      case 'gap':
        return `Registro con VOCI MANCANTI: il punto di controllo del ${finding.checkpoint.at} attesta ${finding.checkpoint.entries} voci fino alla n. ${finding.checkpoint.seq}, che nel database non ci sono più tutte.`;
      case 'altered':
        return `Punti di controllo ALTERATI: la riga ${finding.line} di ${file} non è un punto di controllo firmato con la chiave del registro.`;
    }
  }
  const lines = [
    `Registro integro: ${chain.checked} voci verificate${chain.keyedFrom ? ` (firmate dalla n. ${chain.keyedFrom})` : ''}, ${check.checkpoints} punti di controllo confrontati.`,
  ];
  if (check.written) {
    lines.push(
      `Nuovo punto di controllo${file ? ` (aggiunto a ${file})` : ''}; conservalo anche fuori da questo server:`,
      JSON.stringify(check.written),
    );
  }
  return lines.join('\n');
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

/**
 * `ponte start` in production, after the migrations: never the demo; when nobody can administer the network yet,
 * how to create the first administrator (the password `ponte users create` prints works for one login only).
 */
async function printFirstAdminHelp(db: Database['db']): Promise<void> {
  const { hasNetworkAdmin, hasOrganisations } = await import('./features/network/index.ts');
  if (await hasNetworkAdmin(db)) return;
  const where = (await hasOrganisations(db))
    ? '--org ID_ORGANIZZAZIONE'
    : '--new-org "Regione …" --region "…"';
  console.log(
    [
      '',
      'Produzione: i dati dimostrativi non vengono mai caricati.',
      'Nessuna persona può ancora amministrare la rete. Crea il primo account di amministrazione:',
      '',
      `  npx ponte users create --username nome.cognome --name "Nome Cognome" --role network_admin ${where}`,
      '',
      'Il comando stampa una password valida per un solo accesso, mostrata solo quella volta: al primo accesso si',
      'attiva il secondo fattore e si sceglie una password propria. Poi gli altri account si creano da «Utenti».',
      '',
    ].join('\n'),
  );
}

// The tavoli tecnici in the browser. The network admin sets up a tavolo of the Ancona province; the secretary
// prepares a meeting (an agenda item), sends the invitation, records attendance and the verbale with a decision and
// an action, and circulates it; a member who was present amends it; at the next meeting the verbale is approved,
// then the chair and the secretary sign it with their second factor; the owner updates her action; a delegate of
// another tavolo (the demo one) sees nothing of this one (404). One login per person, each in her own browser
// context. Every page reached is scanned by axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedDemoRoundtable } from '../../packages/app/src/features/roundtables/index.ts';
import { todayIso } from '../../packages/app/src/platform/clock.ts';
import { browser, follow, freshTotp, journey, loginAs, noBrowser, ponte, visit } from './harness.ts';

const DIRETTRICE = '00000000-0000-4000-8000-00000000d204';
const COORDINATRICE = '00000000-0000-4000-8000-00000000d202';
const ASSISTENTE = '00000000-0000-4000-8000-00000000d205';

test('a tavolo from its set-up to a signed verbale and an action updated', { skip: noBrowser }, async () => {
  const server = await ponte();
  await seedDemoRoundtable(server.database.db);
  const secretOf = (role: string) => server.demoLogins.find((l) => l.role === role)!.totpSecret;
  const contexts: Array<{ close(): Promise<void> }> = [];
  /** Another person, logged in in her own browser context. */
  const person = async (role: string): Promise<Page> => {
    const ctx = await (await browser()).newContext({ baseURL: server.url, locale: 'it-IT' });
    ctx.setDefaultTimeout(5000);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await loginAs(page, role);
    return page;
  };
  const today = todayIso();

  try {
    await journey(async ({ page: admin }) => {
      // ── The network admin creates the tavolo, with the protocol's signatories of the province as members.
      await loginAs(admin, 'network_admin');
      assert.equal(await visit(admin, '/roundtables'), 200);
      assert.equal(await follow(admin, admin.getByRole('link', { name: 'Nuovo tavolo tecnico' })), 200);
      assert.equal(await follow(admin, admin.getByRole('button', { name: 'Salva' })), 400);
      await admin.getByLabel(/^Nome del tavolo/).fill('Tavolo di prova del percorso (dati di fantasia)');
      await admin.getByLabel('Territorio').selectOption('provincia-ancona');
      await admin.getByLabel(/^Casella del tavolo/).fill('tavolo.percorso@ponte-demo.invalid');
      await admin.getByLabel(/^Giorni prima della seduta/).fill('0');
      assert.equal(await follow(admin, admin.getByRole('button', { name: 'Salva' })), 200);
      assert.match(await admin.content(), /Tavolo creato/);
      for (const [user, role] of [
        [DIRETTRICE, 'presidente'],
        [COORDINATRICE, 'segretaria'],
        [ASSISTENTE, 'componente'],
      ] as const) {
        await admin.getByLabel('Persona', { exact: true }).selectOption(user);
        await admin.getByLabel('Ruolo nel tavolo', { exact: true }).selectOption(role);
        assert.equal(await follow(admin, admin.getByRole('button', { name: 'Aggiungi la persona' })), 200);
      }
      const tableUrl = new URL(admin.url()).pathname.replace(/\/settings$/, '');

      // ── The secretary prepares the meeting: today at 10:30 (the app clock is 10:00), at the INPS office.
      const sec = await person('cav_coordinator');
      assert.equal(await visit(sec, tableUrl), 200);
      assert.equal(await follow(sec, sec.getByRole('link', { name: 'Nuova seduta' })), 200);
      await sec.getByLabel(/^Giorno della seduta/).fill(today);
      await sec.getByLabel(/^Ora di inizio/).fill('10:30');
      await sec.getByLabel(/^Durata prevista/).fill('60');
      await sec
        .getByLabel('Sede (un ente membro)')
        .selectOption({ label: 'INPS Direzione provinciale Ancona — demo (dati di fantasia)' });
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Salva' })), 200);
      const meetingUrl = new URL(sec.url()).pathname;
      assert.match(await sec.content(), /Approvazione del verbale della seduta precedente/);
      await sec.getByLabel(/^Titolo del punto/).fill('Percorso condiviso per il Reddito di Libertà');
      await sec.getByLabel('Tipo di punto').selectOption('decisione');
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Aggiungi il punto' })), 200);
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Invia l’invito' })), 200);
      assert.match(await sec.content(), /Invito in invio alle delegate/);
      // The page where she gives Ponte a calendar reply that reached the tavolo's mailbox (nothing given: 400).
      assert.equal(await visit(sec, tableUrl), 200);
      assert.equal(
        await follow(sec, sec.getByRole('link', { name: /^Registra una risposta arrivata/ })),
        200,
      );
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Registra la risposta' })), 400);
      assert.match(await sec.content(), /Carica il file della risposta o incolla il suo testo/);
      assert.equal(await visit(sec, meetingUrl), 200);

      // Attendance: the three delegates present; the quorum is reached.
      assert.equal(await follow(sec, sec.getByRole('link', { name: 'Presenze' })), 200);
      for (const u of [DIRETTRICE, COORDINATRICE, ASSISTENTE])
        await sec.locator(`#field-status_${u}`).selectOption('present');
      await sec.locator(`#field-arrived_${DIRETTRICE}`).fill('10:30');
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Salva' })), 200);
      assert.match(await sec.content(), /Numero legale raggiunto/);

      // The verbale: a summary, a decision with its vote, an action owned by the ATS.
      assert.equal(await visit(sec, `${meetingUrl}/verbale`), 200);
      await sec.locator('#field-summary_3').fill('Il tavolo discute il percorso condiviso per le domande.');
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Salva la sintesi del punto 3' })), 200);
      await sec.getByText('Aggiungi una decisione').nth(2).click();
      await sec.locator('#field-decision_3').fill('Si adotta il percorso condiviso.');
      assert.equal(
        await follow(sec, sec.getByRole('button', { name: 'Aggiungi la decisione al punto 3' })),
        200,
      );
      await sec.getByText('Aggiungi un’azione').nth(2).click();
      await sec.locator('#field-what_3').fill('Predisporre il modello unico di dichiarazione.');
      await sec.locator('#field-owner_3').selectOption(ASSISTENTE);
      await sec.locator('#field-due_on_3').fill(today);
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Aggiungi l’azione al punto 3' })), 200);
      assert.match(await sec.content(), /Verbale n\. 1\//);
      await sec.getByLabel(/^Emendamenti fino al/).fill(today);
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Metti in revisione' })), 200);
      assert.match(await sec.content(), /in revisione/);

      // ── A member who was present amends it.
      const member = await person('social_worker');
      assert.equal(await visit(member, `${meetingUrl}/verbale`), 200);
      await member
        .getByLabel(/^Emendamento proposto/)
        .fill('Precisare che il modello vale per tutti gli ATS.');
      assert.equal(await follow(member, member.getByRole('button', { name: 'Proponi l’emendamento' })), 200);
      assert.match(await member.content(), /Emendamento registrato/);

      // ── The next meeting (tonight): its first item records the approval of the verbale.
      assert.equal(await visit(sec, `${tableUrl}/meetings/new`), 200);
      await sec.getByLabel(/^Giorno della seduta/).fill(today);
      await sec.getByLabel(/^Ora di inizio/).fill('23:00');
      await sec.getByLabel('Sede (un ente membro)').selectOption({ index: 0 });
      await sec
        .getByLabel(/^Collegamento per la videoconferenza/)
        .fill('https://videoconferenza.ponte-demo.invalid/percorso');
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Salva' })), 200);
      assert.equal(
        await follow(sec, sec.getByRole('button', { name: /^Registra l’approvazione del Verbale n\. 1\// })),
        200,
      );
      assert.match(await sec.content(), /Approvazione del verbale registrata/);

      // ── The chair and the secretary sign with their second factor.
      const chair = await person('inps_director');
      assert.equal(await visit(chair, `${meetingUrl}/verbale`), 200);
      await chair.getByLabel(/^Codice di 6 cifre/).fill('000000');
      assert.equal(await follow(chair, chair.getByRole('button', { name: 'Firma come presidente' })), 400);
      await chair.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(secretOf('inps_director')));
      assert.equal(await follow(chair, chair.getByRole('button', { name: 'Firma come presidente' })), 200);
      assert.equal(await visit(sec, `${meetingUrl}/verbale`), 200);
      await sec.getByLabel(/^Codice di 6 cifre/).fill(await freshTotp(secretOf('cav_coordinator')));
      assert.equal(await follow(sec, sec.getByRole('button', { name: 'Firma come segretaria' })), 200);
      assert.match(await sec.content(), /Verbale firmato: ora è definitivo/);
      const pdf = await sec.request.get(`${meetingUrl}/verbale/pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');

      // ── The owner updates her action; on her home page it is counted.
      assert.equal(await visit(member, `${meetingUrl}/verbale`), 200);
      assert.equal(
        await follow(
          member,
          member.getByRole('link', { name: 'Predisporre il modello unico di dichiarazione.' }),
        ),
        200,
      );
      await member.getByLabel('Stato', { exact: true }).selectOption('in_corso');
      await member.getByLabel(/^Avanzamento in percentuale/).fill('150');
      assert.equal(await follow(member, member.getByRole('button', { name: 'Salva' })), 400);
      await member.getByLabel(/^Avanzamento in percentuale/).fill('50');
      await member.getByLabel(/^Nota/).fill('Bozza del modello condivisa con i Comuni.');
      assert.equal(await follow(member, member.getByRole('button', { name: 'Salva' })), 200);
      assert.match(await member.content(), /Azione aggiornata/);
      assert.equal(await visit(member, '/home'), 200);
      assert.match(await member.content(), /Azioni aperte a tuo carico/);
      assert.equal(await visit(member, tableUrl), 200);
      assert.match(await member.content(), /50%/);

      // ── A delegate of another tavolo (the demo one, with its signed verbale) sees nothing of this one.
      const other = await person('inps_officer');
      assert.equal(await visit(other, '/roundtables'), 200);
      assert.doesNotMatch(await other.content(), /Tavolo di prova del percorso/);
      assert.equal(
        await follow(other, other.getByRole('link', { name: 'Tavolo tecnico provinciale di Ancona' })),
        200,
      );
      assert.match(await other.content(), /scaduta/);
      assert.equal(await follow(other, other.getByRole('link', { name: /^Verbale n\. 1\// })), 200);
      assert.match(await other.content(), /firmato/);
      assert.equal(await visit(other, tableUrl), 404);
      assert.equal(await visit(other, meetingUrl), 404);
      assert.equal(await visit(other, `${meetingUrl}/verbale`), 404);
    });
  } finally {
    for (const c of contexts) await c.close();
  }
});

// Congedo indennizzato per le donne vittime di violenza di genere (reference §2): art. 24 D.Lgs. 80/2015, made
// permanent by D.Lgs. 148/2015; self-employed L. 232/2016 art. 1 c. 241–242; domestic workers L. 205/2017 art. 1
// c. 217; INPS circ. 65/2016 (operating rules), circ. 3/2019 (online applications).

import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import { dayNum } from '../../engine/dates.ts';
import { or3 } from '../../engine/three.ts';
import { isEmployee, isWorking } from '../_shared/person.ts';
import { requireWomanVictim } from '../_shared/victim.ts';

export const congedoViolenza = defineBenefit({
  id: 'congedo_violenza',
  dir: import.meta.dirname,
  name: {
    it: 'Congedo indennizzato per le donne vittime di violenza di genere',
    en: 'Paid leave for women victims of gender-based violence',
  },
  description: {
    it: 'Fino a tre mesi (90 giornate di lavoro) di astensione retribuita per le lavoratrici inserite in un percorso di protezione certificato, da usare entro tre anni, anche a ore.',
    en: 'Up to three months (90 working days) of paid leave for working women in a certified protection path, to be used within three years, also by the hour.',
  },
  acts: [
    'D.Lgs. 80/2015 art. 24',
    'L. 232/2016 art. 1 c. 241–242 (lavoratrici autonome)',
    'L. 205/2017 art. 1 c. 217 (lavoratrici domestiche)',
    'INPS circ. 65/2016, circ. 3/2019',
  ],
  documents: {
    it: [
      'Certificazione del percorso di protezione rilasciata dai servizi sociali del Comune, dal centro antiviolenza o dalla casa rifugio',
      'Preavviso scritto al datore di lavoro o al committente, almeno 7 giorni prima, con le date di inizio e fine',
      'Domanda all’INPS sul servizio online (per le dipendenti private e le autonome)',
    ],
    en: [
      'Certification of the protection path issued by the Comune’s social services, the anti-violence centre or the shelter',
      'Written notice to the employer or client, at least 7 days before, with the start and end dates',
      'Application to INPS on the online service (private employees and self-employed women)',
    ],
  },
  apply: {
    who: {
      it: 'La lavoratrice, di persona o tramite patronato; le dipendenti pubbliche la chiedono alla propria amministrazione',
      en: 'The worker, in person or through a patronato; public employees ask their own administration',
    },
    channel: {
      it: 'Servizio online INPS “Indennità a titolo di congedo per lavoratrici vittime di violenza di genere” (SPID, CIE, CNS), Contact Center 803 164 / 06 164 164, o patronato',
      en: 'INPS online service “Indennità a titolo di congedo per lavoratrici vittime di violenza di genere” (SPID, CIE, CNS), Contact Center 803 164 / 06 164 164, or a patronato',
    },
    deadline: {
      it: 'Prima dell’inizio del congedo e al più tardi il primo giorno; preavviso al datore di almeno 7 giorni, salvo oggettiva impossibilità',
      en: 'Before the leave starts and at the latest on its first day; notice to the employer at least 7 days before, unless objectively impossible',
    },
  },
  compatibility: [
    {
      with: 'reddito_di_liberta',
      compatible: 'yes',
      text: { it: 'Cumulabile con il Reddito di Libertà', en: 'Can be combined with the Reddito di Libertà' },
      source: 'Decreto 2/12/2024; INPS circ. 54/2025',
    },
    {
      with: 'assegno_di_inclusione',
      compatible: 'yes',
      text: {
        it: 'Compatibile con l’Assegno di Inclusione del nucleo',
        en: 'Compatible with the household’s Assegno di Inclusione',
      },
      source: 'DL 48/2023 (nessuna incompatibilità prevista)',
    },
  ],
  parameters: ['max_days', 'window_years', 'notice_days', 'self_employed_rate'],
  reasons: {
    woman: {
      it: 'La richiedente è una donna',
      en: 'The applicant is a woman',
      source: 'D.Lgs. 80/2015 art. 24 c. 1',
      paths: ['person.sex'],
    },
    victim: {
      it: 'È vittima di violenza di genere',
      en: 'She is a victim of gender-based violence',
      source: 'D.Lgs. 80/2015 art. 24 c. 1',
      paths: ['person.violence.victim'],
    },
    path: {
      it: 'È inserita in un percorso di protezione certificato dai servizi sociali del Comune, da un centro antiviolenza o da una casa rifugio',
      en: 'She is in a protection path certified by the Comune’s social services, an anti-violence centre or a shelter',
      source: 'D.Lgs. 80/2015 art. 24 c. 1; art. 5-bis DL 93/2013',
      paths: ['person.violence.cav', 'person.violence.socialServices', 'person.violence.shelter'],
    },
    worker: {
      it: 'Ha un rapporto di lavoro in corso come dipendente (pubblica o privata), lavoratrice domestica o autonoma',
      en: 'She has an ongoing job as an employee (public or private), a domestic worker or self-employed',
      source: 'D.Lgs. 80/2015 art. 24 c. 1; L. 232/2016 art. 1 c. 241; L. 205/2017 art. 1 c. 217',
      paths: ['person.work'],
    },
    cococo: {
      it: 'Come collaboratrice coordinata e continuativa ha diritto a sospendere il contratto fino a tre mesi, ma senza indennità',
      en: 'As a co.co.co. collaborator she may suspend the contract for up to three months, but without any indemnity',
      source: 'D.Lgs. 80/2015 art. 24 c. 2',
    },
    window: {
      it: 'Il congedo si usa entro {years} anni dall’inizio del percorso certificato ({start}), cioè prima del {end}',
      en: 'The leave is used within {years} years of the start of the certified path ({start}), that is before {end}',
      source: 'D.Lgs. 80/2015 art. 24; INPS circ. 65/2016',
      paths: ['person.violence.pathStart'],
    },
    window_unknown: {
      it: 'Il congedo si usa entro {years} anni dall’inizio del percorso certificato: serve la data di inizio',
      en: 'The leave is used within {years} years of the start of the certified path: its start date is needed',
      source: 'D.Lgs. 80/2015 art. 24; INPS circ. 65/2016',
      paths: ['person.violence.pathStart'],
    },
    days_unknown: {
      it: 'Spettano al massimo {max} giornate, meno quelle già usate: serve il numero di giornate già fruite',
      en: 'At most {max} days are due, minus those already used: the number of days used is needed',
      source: 'D.Lgs. 80/2015 art. 24 c. 1; INPS circ. 65/2016 (tre mesi = 90 giornate di lavoro)',
      paths: ['person.congedoDaysUsed'],
    },
    days_left: {
      it: 'Restano {left} giornate di congedo su {max}',
      en: '{left} days of leave left out of {max}',
      source: 'D.Lgs. 80/2015 art. 24 c. 1; INPS circ. 65/2016 (tre mesi = 90 giornate di lavoro)',
      paths: ['person.congedoDaysUsed'],
    },
    pay_employee: {
      it: 'Indennità pari al 100 % dell’ultima retribuzione (solo le voci fisse e continuative), con contributi figurativi; il periodo conta per anzianità, ferie, tredicesima e TFR',
      en: 'Indemnity of 100 % of the last pay (fixed and continuing items only), with notional contributions; the period counts for seniority, holidays, 13th month and TFR',
      source: 'D.Lgs. 80/2015 art. 24 c. 4',
    },
    pay_private: {
      it: 'Il datore di lavoro anticipa l’indennità in busta paga e la recupera dall’INPS (le operaie agricole e le stagionali sono pagate direttamente dall’INPS)',
      en: 'The employer advances the indemnity in the payslip and recovers it from INPS (agricultural and seasonal workers are paid directly by INPS)',
      source: 'D.Lgs. 80/2015 art. 24 c. 4; INPS circ. 65/2016',
    },
    pay_public: {
      it: 'L’indennità è pagata dalla propria amministrazione, come per la maternità',
      en: 'The indemnity is paid by her own administration, as for maternity',
      source: 'INPS circ. 65/2016',
    },
    pay_domestic: {
      it: 'Per le lavoratrici domestiche l’indennità è pagata direttamente dall’INPS',
      en: 'Domestic workers are paid the indemnity directly by INPS',
      source: 'L. 205/2017 art. 1 c. 217; INPS circ. 3/2019',
    },
    pay_self_employed: {
      it: 'Per le autonome l’indennità giornaliera è pari all’{rate} % del minimale giornaliero di retribuzione per la qualifica di impiegato',
      en: 'For self-employed women the daily indemnity is {rate} % of the minimum daily wage for the “impiegato” grade',
      source: 'L. 232/2016 art. 1 c. 241–242; art. 1 DL 402/1981',
    },
    self_employed_amount: {
      it: 'Da verificare: il valore in euro dell’indennità giornaliera delle autonome per il 2025 e il 2026 non è stato trovato in atti INPS',
      en: 'To verify: the euro value of the self-employed daily indemnity for 2025 and 2026 was not found in INPS acts',
      source: 'L. 232/2016 art. 1 c. 241–242; circolari INPS annuali sui minimali',
    },
    hourly: {
      it: 'Si può usare a giorni o a ore (a ore, metà dell’orario medio giornaliero del periodo di paga precedente); l’indennità oraria è la metà di quella giornaliera',
      en: 'It can be used by the day or by the hour (by the hour: half the average daily hours of the previous pay period); the hourly indemnity is half the daily one',
      source: 'D.Lgs. 80/2015 art. 24; INPS circ. 65/2016',
    },
    notice: {
      it: 'Preavviso al datore di lavoro o al committente di almeno {days} giorni, con inizio e fine del congedo e la certificazione',
      en: 'Notice to the employer or client of at least {days} days, with the start and end of the leave and the certification',
      source: 'D.Lgs. 80/2015 art. 24 c. 3',
    },
    part_time: {
      it: 'Da verificare: diritto a passare al part-time su richiesta (testo dell’art. 24 oltre il comma 4 non riletto)',
      en: 'To verify: right to switch to part-time on request (text of art. 24 beyond comma 4 not re-read)',
      source: 'D.Lgs. 80/2015 art. 24',
    },
  },
  evaluate(ctx): Amount | undefined {
    const p = ctx.s.person;
    const v = requireWomanVictim(ctx);
    const path = or3(v?.cav ?? null, v?.socialServices ?? null, v?.shelter ?? null);
    const unknownPath: string[] = [];
    if (path === null) {
      if (v?.cav === undefined) unknownPath.push('person.violence.cav');
      if (v?.socialServices === undefined) unknownPath.push('person.violence.socialServices');
      if (v?.shelter === undefined) unknownPath.push('person.violence.shelter');
    }
    ctx.require('path', path, undefined, unknownPath);

    // The leave needs an ongoing job (art. 24 c. 1): employees since 2015, self-employed since 2017 (L. 232/2016),
    // domestic workers since 2018 (L. 205/2017). Co.co.co. collaborators only get an unpaid suspension (c. 2).
    const work = p?.work;
    if (work === 'parasubordinate') ctx.require('cococo', false);
    // Any other job (employee, domestic, self-employed) is one.
    else ctx.require('worker', isWorking(p));

    // Within three years of the start of the certified path (INPS circ. 65/2016): yyyymmdd + 30000 is the same
    // day three years later, the first day outside the window.
    const years = ctx.param('window_years');
    const start = v?.pathStart;
    if (start === undefined) ctx.require('window_unknown', null, { years });
    else {
      const s = dayNum(start);
      const end = s + years * 10000;
      // A path that starts after the assessed day is not yet a certified path.
      ctx.require('window', ctx.day >= s && ctx.day < end, {
        years,
        start: ctx.dayText(s),
        // Three years after a 29 February is never a leap year: the window then ends on 1 March.
        end: ctx.dayText(end % 10000 === 229 ? end + 72 : end),
      });
    }

    const max = ctx.param('max_days');
    const used = p?.congedoDaysUsed;
    const left = used === undefined ? undefined : Math.max(0, max - used);
    if (left === undefined) ctx.require('days_unknown', null, { max });
    else ctx.require('days_left', left > 0, { left, max });

    if (isEmployee(p)) {
      ctx.info('pay_employee', true);
      if (work === 'employee_private') ctx.info('pay_private', true);
      if (work === 'employee_public') ctx.info('pay_public', true);
      if (work === 'domestic') ctx.info('pay_domestic', true);
    }
    if (work === 'self_employed') {
      ctx.info('pay_self_employed', true, { rate: Math.round(ctx.param('self_employed_rate') * 100) });
      if (ctx.day >= 20250101) ctx.verify('self_employed_amount');
    }
    ctx.info('hourly', true);
    ctx.info('notice', true, { days: ctx.param('notice_days') });
    ctx.verify('part_time');

    // Days still available: 90 minus those used. With the days used unknown there is no amount to give.
    return left === undefined ? undefined : { days: left };
  },
});

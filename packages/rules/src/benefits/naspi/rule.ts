// NASpI (reference §6): D.Lgs. 22/2015 artt. 1–6; giusta causa INPS circ. 163/2003 confirmed by circ. 94/2015;
// yearly figures INPS circ. 14/2023, 25/2024, 25/2025, 4/2026; L. 207/2024 (13 weeks after a recent resignation).
import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import { addDays, dayNum } from '../../engine/dates.ts';
import { roundHalfUp, toCents } from '../../engine/money.ts';
import type { Tri } from '../../engine/three.ts';
import { isWorking } from '../_shared/person.ts';

export const naspi = defineBenefit({
  id: 'naspi',
  dir: import.meta.dirname,
  name: { it: 'NASpI – indennità di disoccupazione', en: 'NASpI – unemployment benefit' },
  description: {
    it: 'Indennità mensile per chi ha perso il lavoro dipendente senza sua volontà (licenziamento, fine del contratto, dimissioni per giusta causa).',
    en: 'Monthly benefit for employees who lost their job involuntarily (dismissal, end of contract, resignation for just cause).',
  },
  acts: [
    'D.Lgs. 22/2015 artt. 1–6',
    'L. 234/2021 (riduzione dal sesto mese)',
    'L. 207/2024 (dimissioni volontarie nei 12 mesi precedenti)',
    'INPS circ. 94/2015, 163/2003',
    'INPS circ. 14/2023, 25/2024, 25/2025, 4/2026',
  ],
  documents: {
    it: [
      'Lettera di licenziamento o comunicazione di fine contratto',
      'Per le dimissioni per giusta causa: dimissioni telematiche con la causale e prova della volontà di difendersi in giudizio (denuncia, diffida, ricorso)',
      'IBAN intestato alla richiedente',
      'La domanda vale come dichiarazione di immediata disponibilità (DID)',
    ],
    en: [
      'Dismissal letter or notice of the end of the contract',
      'For resignation for just cause: the online resignation stating the cause and evidence of the will to go to court (complaint, formal notice, claim)',
      'IBAN in the applicant’s name',
      'The application counts as declaration of immediate availability (DID)',
    ],
  },
  apply: {
    who: {
      it: 'La lavoratrice, di persona o tramite patronato',
      en: 'The worker, in person or through a patronato',
    },
    channel: {
      it: 'Servizio online INPS (SPID, CIE, CNS), Contact Center 803 164 / 06 164 164, o patronato',
      en: 'INPS online service (SPID, CIE, CNS), Contact Center 803 164 / 06 164 164, or a patronato',
    },
    deadline: {
      it: 'Entro 68 giorni dalla fine del rapporto di lavoro, a pena di decadenza',
      en: 'Within 68 days of the end of the job, or the right is lost',
    },
  },
  compatibility: [
    {
      with: 'reddito_di_liberta',
      compatible: 'yes',
      text: { it: 'Cumulabile con il Reddito di Libertà', en: 'Can be combined with the Reddito di Libertà' },
      source: 'INPS circ. 166/2021',
    },
    {
      with: 'supporto_formazione_lavoro',
      compatible: 'no',
      text: {
        it: 'Non cumulabile con il Supporto per la formazione e il lavoro',
        en: 'Not combinable with the Supporto per la formazione e il lavoro',
      },
      source: 'DL 48/2023 art. 12',
    },
    {
      with: 'assegno_di_inclusione',
      compatible: 'uncertain',
      text: {
        it: 'Non esclude l’ADI ma conta come reddito del nucleo (da verificare)',
        en: 'It does not exclude ADI but counts as household income (to verify)',
      },
      source: 'DL 48/2023 art. 2 (non riletto)',
    },
    {
      with: 'carta_dedicata_a_te',
      compatible: 'no',
      text: {
        it: 'Chi riceve la NASpI non può avere la Carta Dedicata a te',
        en: 'NASpI recipients cannot get the Carta Dedicata a te',
      },
      source: 'DM MASAF 30/7/2025',
    },
  ],
  parameters: [
    'reference_pay',
    'max_monthly',
    'base_rate',
    'excess_rate',
    'min_weeks',
    'max_weeks',
    'application_days',
    'reduction_rate',
    'reduction_from_month',
    'reduction_from_month_older',
    'older_age',
  ],
  reasons: {
    involuntary: {
      it: 'Ha perso il lavoro senza sua volontà: licenziamento, fine del contratto o dimissioni per giusta causa',
      en: 'She lost her job involuntarily: dismissal, end of contract or resignation for just cause',
      source: 'D.Lgs. 22/2015 art. 3 c. 1 e c. 2; INPS circ. 94/2015',
      paths: ['person.lastJob.endReason'],
    },
    just_cause: {
      it: 'Dimissioni per giusta causa (stipendi non pagati, molestie sessuali o mobbing sul lavoro…): servono le prove della volontà di difendersi in giudizio; il pagamento è provvisorio fino all’esito',
      en: 'Resignation for just cause (unpaid wages, sexual harassment or mobbing at work…): evidence of the will to go to court is needed; payment is provisional until the outcome',
      source: 'INPS circ. 163/2003; INPS circ. 94/2015',
    },
    violence_outside_work: {
      it: 'Da verificare: le dimissioni per sottrarsi a violenza fuori dal lavoro non sono tra le giuste cause riconosciute dall’INPS; nel 2024 l’INPS ha negato la NASpI a una vittima di stalking. Valutare il congedo per le vittime di violenza e l’ADI o il Reddito di Libertà',
      en: 'To verify: resigning to escape violence outside work is not among the just causes INPS recognises; in 2024 INPS refused NASpI to a stalking victim. Consider the leave for victims of violence and ADI or the Reddito di Libertà',
      source: 'INPS circ. 163/2003; art. 55-bis D.Lgs. 151/2001 (invocato, non verificato)',
    },
    consensual: {
      it: 'La risoluzione consensuale dà diritto alla NASpI solo se raggiunta nella procedura di conciliazione dell’art. 7 L. 604/1966',
      en: 'A consensual termination gives NASpI only if reached in the conciliation procedure of art. 7 L. 604/1966',
      source: 'D.Lgs. 22/2015 art. 3 c. 2; INPS circ. 94/2015',
    },
    consensual_procedure: {
      it: 'Da verificare: se la risoluzione consensuale è avvenuta nella procedura dell’art. 7 L. 604/1966 (o per rifiuto di un trasferimento oltre 50 km), la NASpI spetta',
      en: 'To verify: if the consensual termination was reached in the procedure of art. 7 L. 604/1966 (or after refusing a transfer over 50 km), NASpI is due',
      source: 'D.Lgs. 22/2015 art. 3 c. 2; INPS circ. 94/2015',
    },
    deadline_unknown: {
      it: 'Domanda entro {days} giorni dalla fine del lavoro: serve la data di cessazione',
      en: 'Application within {days} days of the end of the job: the end date is needed',
      source: 'D.Lgs. 22/2015 art. 6 c. 1',
      paths: ['person.lastJob.endDate'],
    },
    amount_unknown: {
      it: 'Importo: 75 % della retribuzione mensile di riferimento fino a {threshold}, più il 25 % dell’eccedenza, entro il massimo di {max}; serve la retribuzione di riferimento',
      en: 'Amount: 75 % of the monthly reference pay up to {threshold}, plus 25 % of the excess, within the maximum of {max}; the reference pay is needed',
      source: 'D.Lgs. 22/2015 art. 4',
      paths: ['person.lastJob.monthlyReferencePay'],
    },
    weeks: {
      it: 'Almeno {min} settimane di contributi nei quattro anni prima della fine del lavoro',
      en: 'At least {min} weeks of contributions in the four years before the job ended',
      source: 'D.Lgs. 22/2015 art. 3 c. 1 lett. b',
      paths: ['person.lastJob.contributionWeeks4y'],
    },
    deadline: {
      it: 'Domanda entro {days} giorni dalla fine del lavoro: entro il {last}',
      en: 'Application within {days} days of the end of the job: by {last}',
      source: 'D.Lgs. 22/2015 art. 6 c. 1',
      paths: ['person.lastJob.endDate'],
    },
    previous_resignation: {
      it: 'Da verificare: se nei 12 mesi prima di questa perdita del lavoro si è dimessa volontariamente da un altro impiego, le 13 settimane devono essere maturate dopo quelle dimissioni',
      en: 'To verify: if in the 12 months before this job loss she resigned voluntarily from another job, the 13 weeks must have been accrued after that resignation',
      source: 'D.Lgs. 22/2015 art. 3 come modificato dalla L. 207/2024',
    },
    working_now: {
      it: 'Da verificare: con un nuovo lavoro la NASpI si sospende o si riduce secondo il reddito (artt. 9 e 10 D.Lgs. 22/2015)',
      en: 'To verify: with a new job NASpI is suspended or reduced according to the income (artt. 9 and 10 D.Lgs. 22/2015)',
      source: 'D.Lgs. 22/2015 artt. 9 e 10',
    },
    amount: {
      it: '{monthly} al mese: 75 % della retribuzione mensile di riferimento fino a {threshold}, più il 25 % dell’eccedenza, entro il massimo di {max}',
      en: '{monthly} a month: 75 % of the monthly reference pay up to {threshold}, plus 25 % of the excess, within the maximum of {max}',
      source: 'D.Lgs. 22/2015 art. 4',
      paths: ['person.lastJob.monthlyReferencePay'],
    },
    duration: {
      it: 'Durata: {weeks} settimane (metà delle settimane di contributi degli ultimi quattro anni, al massimo {maxWeeks})',
      en: 'Duration: {weeks} weeks (half the contribution weeks of the last four years, at most {maxWeeks})',
      source: 'D.Lgs. 22/2015 art. 5',
      paths: ['person.lastJob.contributionWeeks4y'],
    },
    reduction: {
      it: 'Dal primo giorno del {month}° mese di fruizione l’importo si riduce del {rate} % ogni mese (dall’{older}° mese per chi alla domanda ha almeno {age} anni)',
      en: 'From the first day of month {month} of payment the amount falls by {rate} % each month (from month {older} for who is {age} or older when applying)',
      source: 'D.Lgs. 22/2015 art. 4 c. 5 come modificato dalla L. 234/2021',
    },
  },
  evaluate(ctx): Amount | undefined {
    const p = ctx.s.person;
    const job = p?.lastJob;
    const reason = job?.endReason;

    // Involuntary unemployment (art. 3 c. 1–2): dismissal and end of contract qualify; resignation only for just
    // cause (INPS circ. 163/2003 list); a consensual termination only in the art. 7 L. 604/1966 procedure.
    let involuntary: Tri = null;
    if (reason === 'dismissal' || reason === 'contract_end' || reason === 'resignation_just_cause')
      involuntary = true;
    else if (reason === 'resignation' || reason === 'consensual') involuntary = false;
    if (reason === 'resignation_violence') {
      // UNCERTAIN (reference §6, §18.5): no norm or INPS act treats violence outside work as giusta causa.
      // Listed as missing: only a different, documented cause (e.g. harassment at work) would settle it.
      ctx.require('involuntary', null, undefined, ['person.lastJob.endReason']);
      ctx.verify('violence_outside_work');
    } else if (reason === 'consensual') {
      ctx.require('consensual', false);
      ctx.verify('consensual_procedure');
    } else ctx.require('involuntary', involuntary);
    if (reason === 'resignation_just_cause') ctx.info('just_cause', true);

    const minWeeks = ctx.param('min_weeks');
    const weeks4y = job?.contributionWeeks4y;
    ctx.require('weeks', weeks4y === undefined ? null : weeks4y >= minWeeks, { min: minWeeks });

    // Application within 68 days of the end of the job (art. 6 c. 1); the situation's date is the application day.
    const days = ctx.param('application_days');
    if (job?.endDate === undefined) ctx.require('deadline_unknown', null, { days });
    else {
      const last = addDays(dayNum(job.endDate), days);
      ctx.require('deadline', ctx.day <= last, { days, last: ctx.dayText(last) });
    }
    if (ctx.day >= 20250101) ctx.verify('previous_resignation');
    if (isWorking(p)) ctx.verify('working_now');

    // Amount (art. 4): R = monthly reference pay; 75 % of R up to the yearly threshold S, plus 25 % of R − S,
    // capped at the yearly maximum. Computed in quarter-cents so the only rounding is the final one, to the cent.
    const s = ctx.param('reference_pay');
    const cap = ctx.param('max_monthly');
    const base = Math.round(ctx.param('base_rate') * 4);
    const excess = Math.round(ctx.param('excess_rate') * 4);
    const payEur = job?.monthlyReferencePay;
    let monthly: number | undefined;
    if (payEur === undefined)
      ctx.amountFact('amount_unknown', null, { threshold: ctx.euro(s), max: ctx.euro(cap) });
    else {
      const r = toCents(payEur);
      const quarters = base * Math.min(r, s) + excess * Math.max(0, r - s);
      monthly = Math.min(roundHalfUp(quarters / 4), cap);
      ctx.amountFact('amount', true, {
        monthly: ctx.euro(monthly),
        threshold: ctx.euro(s),
        max: ctx.euro(cap),
      });
    }

    // Duration (art. 5): half the weeks of the last four years, at most 104 weeks (24 months as INPS states it).
    const maxWeeks = ctx.param('max_weeks');
    let weeks: number | undefined;
    if (weeks4y !== undefined) {
      weeks = Math.min(weeks4y / 2, maxWeeks);
      ctx.info('duration', true, { weeks, maxWeeks });
    }
    // Reduction of 3 % a month from the 6th month, from the 8th for who is 55 or older when applying (art. 4 c. 5).
    // It changes later months only, so an unknown age does not make the first monthly amount unknown.
    const age = ctx.param('older_age');
    const olderMonth = ctx.param('reduction_from_month_older');
    const month =
      ctx.facts.age !== undefined && ctx.facts.age >= age ? olderMonth : ctx.param('reduction_from_month');
    const rate = Math.round(ctx.param('reduction_rate') * 100);
    ctx.info('reduction', true, { month, rate, older: olderMonth, age });

    const out: Record<string, number> = {};
    if (monthly !== undefined) out.monthly = monthly;
    else out.max = cap;
    // Months as INPS states the duration (screening contract, `naspi.months`): weeks × 12 / 52, to one decimal, so the
    // legal maximum of 104 weeks (art. 5) is the "24 mesi" INPS publishes (13 weeks of contributions: 6.5 weeks, 1.5).
    if (weeks !== undefined) {
      out.weeks = weeks;
      out.months = roundHalfUp((weeks * 12 * 10) / 52) / 10;
    }
    return out;
  },
});

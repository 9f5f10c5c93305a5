// Esonero contributivo per chi assume donne vittime di violenza (reference §7): L. 213/2023 art. 1 c. 191–193;
// INPS circ. 41 del 5/3/2024. Shown as information for her future employer: the employer files it, not she.
import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import { known, or3, type Tri } from '../../engine/three.ts';

export const esoneroAssunzione = defineBenefit({
  id: 'esonero_assunzione',
  dir: import.meta.dirname,
  name: {
    it: 'Esonero contributivo per l’assunzione di donne vittime di violenza',
    en: 'Contribution exemption for hiring women victims of violence',
  },
  description: {
    it: 'Il datore di lavoro privato che la assume tra il 2024 e il 2026 non paga i contributi previdenziali, fino a 8.000,00 € l’anno: un argomento in più nella ricerca di lavoro.',
    en: 'A private employer who hires her between 2024 and 2026 pays no social-security contributions, up to €8,000.00 a year: one more argument when looking for work.',
  },
  acts: ['L. 213/2023 art. 1 c. 191–193', 'INPS circ. 41/2024', 'D.Lgs. 150/2015 art. 19'],
  documents: {
    it: [
      'Per lei: dichiarazione di immediata disponibilità al lavoro (DID) prima dell’assunzione',
      'Per lei: prova di essere beneficiaria del Reddito di Libertà (o di esserlo stata nel 2023)',
      'Per il datore: domanda online all’INPS e poi esposizione mensile nel flusso UniEmens',
    ],
    en: [
      'For her: declaration of immediate availability for work (DID) before the hire',
      'For her: proof that she receives the Reddito di Libertà (or received it in 2023)',
      'For the employer: online application to INPS, then the monthly UniEmens return',
    ],
  },
  apply: {
    who: {
      it: 'Il datore di lavoro privato che la assume (informazione da dare a lei e al futuro datore)',
      en: 'The private employer who hires her (information for her and the future employer)',
    },
    channel: {
      it: 'Modulo online INPS per gli esoneri, poi flusso UniEmens mensile',
      en: 'INPS online form for exemptions, then the monthly UniEmens return',
    },
    deadline: {
      it: 'Assunzioni o trasformazioni dal 1° gennaio 2024 al 31 dicembre 2026, nei limiti dei fondi',
      en: 'Hires or conversions from 1 January 2024 to 31 December 2026, while funds last',
    },
  },
  compatibility: [
    {
      with: 'reddito_di_liberta',
      compatible: 'yes',
      text: {
        it: 'Richiede che lei riceva il Reddito di Libertà (o l’abbia ricevuto nel 2023)',
        en: 'It requires that she receives the Reddito di Libertà (or received it in 2023)',
      },
      source: 'L. 213/2023 art. 1 c. 191; INPS circ. 41/2024',
    },
  ],
  parameters: [
    'hire_from',
    'hire_to',
    'yearly_max',
    'monthly_max',
    'daily_max',
    'months_permanent',
    'months_fixed_term',
    'months_conversion',
  ],
  reasons: {
    window: {
      it: 'Assunzioni dal {from} al {to}',
      en: 'Hires from {from} to {to}',
      source: 'L. 213/2023 art. 1 c. 191',
    },
    woman: {
      it: 'La lavoratrice è una donna',
      en: 'The worker is a woman',
      source: 'L. 213/2023 art. 1 c. 191',
      paths: ['person.sex'],
    },
    victim: {
      it: 'È vittima di violenza',
      en: 'She is a victim of violence',
      source: 'L. 213/2023 art. 1 c. 191',
      paths: ['person.violence.victim'],
    },
    rdl: {
      it: 'Riceve il Reddito di Libertà (vale anche chi l’ha ricevuto nel 2023)',
      en: 'She receives the Reddito di Libertà (women who received it in 2023 count too)',
      source: 'L. 213/2023 art. 1 c. 191; INPS circ. 41/2024',
      paths: ['household.receiving'],
    },
    rdl_2023: {
      it: 'Da verificare: se ha ricevuto il Reddito di Libertà nel 2023, l’esonero spetta anche senza riceverlo ora',
      en: 'To verify: if she received the Reddito di Libertà in 2023, the exemption applies even if she does not receive it now',
      source: 'INPS circ. 41/2024',
    },
    unemployed: {
      it: 'Al momento dell’assunzione è disoccupata (senza lavoro e con la DID)',
      en: 'She is unemployed when hired (no job, and a DID filed)',
      source: 'L. 213/2023 art. 1 c. 191; D.Lgs. 150/2015 art. 19',
      paths: ['person.work'],
    },
    did: {
      it: 'Da verificare: ha reso la dichiarazione di immediata disponibilità al lavoro (DID) prima dell’assunzione',
      en: 'To verify: she filed the declaration of immediate availability for work (DID) before the hire',
      source: 'D.Lgs. 150/2015 art. 19; INPS circ. 41/2024',
    },
    employer: {
      it: 'Da verificare: il datore è privato e l’assunzione è a tempo indeterminato, a termine (anche in somministrazione) o una trasformazione a tempo indeterminato',
      en: 'To verify: the employer is private and the hire is permanent, fixed-term (agency work included) or a conversion to permanent',
      source: 'L. 213/2023 art. 1 c. 191; INPS circ. 41/2024',
    },
    funds: {
      it: 'Da verificare: l’esonero è riconosciuto nei limiti dei fondi stanziati per ogni anno',
      en: 'To verify: the exemption is granted within the funds set for each year',
      source: 'L. 213/2023 art. 1 c. 191–193',
    },
    amount: {
      it: 'Esonero del 100 % dei contributi a carico del datore (premi INAIL esclusi), fino a {yearly} l’anno: {monthly} al mese, {daily} al giorno per i mesi parziali; per {permanent} mesi se a tempo indeterminato, {fixed} se a termine, fino a {conversion} dalla prima assunzione se trasformato',
      en: '100 % of the employer’s contributions (INAIL premiums excluded), up to {yearly} a year: {monthly} a month, {daily} a day for part months; for {permanent} months if permanent, {fixed} if fixed-term, up to {conversion} from the first hire if converted',
      source: 'L. 213/2023 art. 1 c. 191; INPS circ. 41/2024',
    },
  },
  evaluate(ctx): Amount | undefined {
    const from = ctx.param('hire_from');
    const to = ctx.param('hire_to');
    const inWindow = ctx.day >= from && ctx.day <= to;
    ctx.require('window', inWindow, { from: ctx.dayText(from), to: ctx.dayText(to) });
    if (!inWindow) return undefined;

    const p = ctx.s.person;
    const receiving = ctx.s.household?.receiving;
    ctx.require(
      'woman',
      known(p?.sex, (x) => x === 'F'),
    );
    // A Reddito di Libertà beneficiary is a victim by definition of that benefit (art. 105-bis DL 34/2020).
    const rdl: Tri = receiving === undefined ? null : receiving.includes('reddito_di_liberta');
    ctx.require('victim', or3(p?.violence?.victim ?? null, rdl));
    ctx.require('rdl', rdl);
    if (rdl === false) ctx.verify('rdl_2023');

    // Disoccupata (art. 19 D.Lgs. 150/2015): no job at the hire; who is not working can file the DID.
    const w = p?.work;
    const unemployed: Tri =
      w === undefined ? null : w === 'unemployed' || w === 'inactive' || w === 'student' || w === 'retired';
    ctx.require('unemployed', unemployed);
    ctx.verify('did');
    ctx.verify('employer');
    ctx.verify('funds');

    const yearly = ctx.param('yearly_max');
    const monthly = ctx.param('monthly_max');
    const permanent = ctx.param('months_permanent');
    ctx.info('amount', true, {
      yearly: ctx.euro(yearly),
      monthly: ctx.euro(monthly),
      daily: ctx.euro(ctx.param('daily_max')),
      permanent,
      fixed: ctx.param('months_fixed_term'),
      conversion: ctx.param('months_conversion'),
    });
    return { monthly, yearly, months: permanent };
  },
});

// Assegno di maternità dei Comuni (reference §12): art. 74 D.Lgs. 151/2001. Granted by the Comune of residence,
// paid by INPS: 5 monthly amounts for each child born or entered into the family, to mothers with no maternity pay
// (or the difference when it is lower), ISEE under the yearly limit; application within 6 months.
import { defineBenefit } from '../../engine/benefit.ts';
import { addMonths } from '../../engine/dates.ts';
import type { Tri } from '../../engine/three.ts';
import { cumulable } from '../_shared/compatibility.ts';
import {
  latestBirth,
  maternityPayDifference,
  motherWithRecentChild,
  type PermitRule,
} from '../_shared/family.ts';
import { failedOnOrdinaryIsee, ISEE_MINORENNI_DIFFERS, iseeMinorenni, iseeText } from '../_shared/isee.ts';

const PARAMS = ['monthly', 'isee_max', 'months', 'window_months'] as const;

// Texts alike those of assegno_maternita_stato are kept here: each cites its own article (74 here, 75 there).
const ART = 'art. 74 D.Lgs. 151/2001';
const CIRC = 'INPS circ. 26/2023, 40/2024, 45/2025, 16/2026';
const REASONS = {
  mother: {
    it: 'La richiedente è la madre (anche adottiva o affidataria preadottiva)',
    en: 'The applicant is the mother (also adoptive or pre-adoptive)',
    source: ART,
    paths: ['person.sex'],
  },
  citizenship: {
    it: 'Cittadina italiana o UE, con permesso UE di lungo periodo, familiare UE, rifugiata o con protezione sussidiaria, o con altro titolo ammesso',
    en: 'Italian or EU citizen, EU long-term permit, EU family member, refugee or subsidiary protection, or another admitted permit',
    source: `${ART} c. 1, come modificato dalla L. 238/2021 art. 3; D.Lgs. 251/2007 art. 27`,
    paths: ['person.citizenship'],
  },
  permit_months: {
    it: 'Permesso di soggiorno di durata superiore a 6 mesi ({months} mesi)',
    en: 'Residence permit longer than 6 months ({months} months)',
    source: `${ART} c. 1, come modificato dalla L. 238/2021 art. 3`,
    paths: ['person.permitMonths'],
  },
  permit_type: {
    it: 'Da verificare: il permesso deve essere un permesso unico di lavoro o per ricerca (o altro titolo equiparato)',
    en: 'To verify: the permit must be a single work permit or a research permit (or another equivalent title)',
    source: `${ART} c. 1, come modificato dalla L. 238/2021 art. 3; D.Lgs. 286/1998 art. 41`,
  },
  residence: {
    it: 'Residente in Italia (la domanda va al Comune di residenza)',
    en: 'Resident in Italy (the application goes to the Comune of residence)',
    source: ART,
    paths: ['person.residenceYears'],
  },
  child: {
    it: 'Un figlio nato (o entrato in famiglia) negli ultimi {months} mesi',
    en: 'A child born (or entered into the family) in the last {months} months',
    source: `${ART}; DPCM 452/2000`,
    paths: ['household.members'],
  },
  adoption_entry: {
    it: 'Da verificare: per un figlio adottato o in affido preadottivo conta la data di ingresso in famiglia, non quella di nascita',
    en: 'To verify: for an adopted child or one in pre-adoptive foster care the date of entry into the family counts, not the birth date',
    source: 'art. 74 D.Lgs. 151/2001',
  },
  child_deadline: {
    it: 'Figlio nato il {birth}: domanda al Comune entro il {deadline}',
    en: 'Child born on {birth}: apply to the Comune by {deadline}',
    source: `${ART}; DPCM 452/2000`,
  },
  isee: {
    it: 'ISEE minorenni non superiore a {max} (nascite del {year}): {isee}',
    en: 'ISEE minorenni not above {max} (births in {year}): {isee}',
    source: `${ART}; ${CIRC}`,
    paths: ['household.iseeMinorenni'],
  },
  isee_minorenni_differs: ISEE_MINORENNI_DIFFERS,
  maternity_pay: {
    it: 'Nessuna indennità di maternità, o un’indennità inferiore all’assegno ({pay} ricevuti; assegno {full})',
    en: 'No maternity pay, or maternity pay lower than the allowance ({pay} received; allowance {full})',
    source: `${ART} c. 4-5`,
    paths: ['person.maternityPay'],
  },
  difference: {
    it: 'Spetta la differenza tra l’assegno ({full}) e l’indennità di maternità ricevuta ({pay})',
    en: 'The difference between the allowance ({full}) and the maternity pay received ({pay}) is due',
    source: `${ART} c. 4-5`,
  },
  amount: {
    it: '{monthly} al mese per {months} mesi per ciascun figlio (figli: {children}), pagati da INPS in un’unica soluzione',
    en: '{monthly} a month for {months} months for each child (children: {children}), paid by INPS in a single payment',
    source: `${ART}; ${CIRC}`,
  },
} as const;

// Kept in this rule, not shared: the titles admitted by art. 74 D.Lgs. 151/2001 may change on their own.
const PERMITS: PermitRule = {
  // Admitted by citizenship alone: IT/EU, EU family members with a residence card, EU long-term permit (art. 74
  // c. 1), refugees and subsidiary protection (equal to Italians, D.Lgs. 251/2007 art. 27).
  admitted: new Set(['it', 'eu', 'eu_family', 'non_eu_long_term', 'refugee', 'subsidiary_protection']),
  // L. 238/2021 art. 3 added holders of a single work or research permit for more than six months.
  minMonthsExclusive: 6,
};

export const assegnoMaternitaComuni = defineBenefit({
  id: 'assegno_maternita_comuni',
  dir: import.meta.dirname,
  name: { it: 'Assegno di maternità dei Comuni', en: 'Maternity allowance granted by the Comuni' },
  description: {
    it: 'Assegno per ogni figlio nato o adottato, alle madri senza indennità di maternità (o con un’indennità più bassa) e con ISEE sotto la soglia dell’anno.',
    en: 'Allowance for each child born or adopted, for mothers with no maternity pay (or lower pay) and an ISEE under the year’s limit.',
  },
  acts: [
    ART,
    'DPCM 452/2000',
    'L. 238/2021 art. 3',
    'INPS circ. 26/2023',
    'INPS circ. 40/2024',
    'INPS circ. 45/2025',
    'INPS circ. 16/2026',
  ],
  documents: {
    it: [
      'Domanda sul modulo del Comune di residenza',
      'DSU con ISEE minorenni valido',
      'Dati del figlio (nascita, adozione o affidamento preadottivo)',
      'Dichiarazione di non avere indennità di maternità o del suo importo (busta paga o attestazione INPS)',
      'Permesso di soggiorno, se cittadina extra UE',
      'IBAN intestato alla madre',
    ],
    en: [
      'Application on the form of the Comune of residence',
      'DSU with a valid ISEE minorenni',
      'The child’s details (birth, adoption or pre-adoptive placement)',
      'Statement of no maternity pay, or of its amount (payslip or INPS statement)',
      'Residence permit, for non-EU citizens',
      'IBAN in the mother’s name',
    ],
  },
  apply: {
    who: {
      it: 'La madre (in casi particolari il padre o l’affidatario)',
      en: 'The mother (in special cases the father or the foster parent)',
    },
    channel: {
      it: 'Ufficio servizi sociali del Comune di residenza; il Comune concede l’assegno e l’INPS lo paga',
      en: 'The social services office of the Comune of residence; the Comune grants the allowance and INPS pays it',
    },
    deadline: {
      it: 'Entro 6 mesi dalla nascita o dall’ingresso in famiglia del figlio',
      en: 'Within 6 months of the child’s birth or entry into the family',
    },
  },
  compatibility: [
    {
      with: 'assegno_maternita_stato',
      compatible: 'no',
      text: {
        it: 'Non cumulabile con l’assegno di maternità dello Stato per lo stesso figlio',
        en: 'Not cumulable with the State maternity allowance for the same child',
      },
      source: 'art. 74-75 D.Lgs. 151/2001 (reference §12)',
    },
    cumulable('bonus_nuovi_nati', 'L. 207/2024 art. 1 c. 206 (nessun divieto di cumulo)'),
    {
      with: 'naspi',
      compatible: 'uncertain',
      text: {
        it: 'Da verificare se l’indennità percepita sostituisce la maternità: spetta solo la differenza',
        en: 'To verify whether the benefit received replaces maternity pay: only the difference is due',
      },
      source: `${ART} c. 4-5 (reference §15)`,
    },
    cumulable('reddito_di_liberta', 'Benefits reference §15'),
  ],
  parameters: PARAMS,
  reasons: REASONS,
  evaluate(ctx) {
    const { found: births, open, window } = motherWithRecentChild(ctx, PERMITS);
    if (births.length === 0) return undefined;

    // Amount and ISEE limit of the year of the latest birth (INPS yearly circular).
    const { day: latest, children } = latestBirth(births);
    ctx.info('child_deadline', true, {
      birth: ctx.dayText(latest),
      deadline: ctx.dayText(addMonths(latest, window)),
    });
    const monthly = ctx.paramAt('monthly', latest);
    const months = ctx.paramAt('months', latest);
    const max = ctx.paramAt('isee_max', latest);
    const raw = iseeMinorenni(ctx.s.household);
    let iseeMet: Tri = raw === undefined ? null : raw !== null && Math.round(raw * 100) <= max;
    // Absent ISEE minorenni: the ordinary ISEE stands in (contract), but only to admit, never to exclude.
    if (failedOnOrdinaryIsee(ctx, iseeMet)) iseeMet = null;
    // Another possible newborn (unknown birth date or relation) could move the year's limit: never exclude then.
    const isSoftened = iseeMet === false && open.length > 0;
    if (isSoftened) iseeMet = null;
    ctx.require(
      'isee',
      iseeMet,
      {
        max: ctx.euro(max),
        year: Math.floor(latest / 10000),
        isee: iseeText(raw, ctx.lang),
      },
      isSoftened ? open : undefined,
    );

    // Art. 74 c. 4-5: the allowance is due in full without maternity pay, otherwise only the difference.
    const full = monthly * months * children;
    const total = maternityPayDifference(ctx, full, open);
    ctx.info('amount', true, { monthly: ctx.euro(monthly), months, children });
    // Monthly = the total spread over the months (the whole allowance is paid at once).
    return { monthly: Math.round(total / months), months, total };
  },
});

// Assegno di maternità dello Stato (reference §12): art. 75 D.Lgs. 151/2001, the allowance "per lavori atipici e
// discontinui" paid by INPS on application within 6 months, to resident mothers with a recent link to work and no
// maternity pay (or the difference when it is lower). Amounts: see parameters.yaml (every one to verify).
import { defineBenefit } from '../../engine/benefit.ts';
import { addMonths } from '../../engine/dates.ts';
import { cumulable } from '../_shared/compatibility.ts';
import {
  latestBirth,
  maternityPayDifference,
  motherWithRecentChild,
  type PermitRule,
} from '../_shared/family.ts';

const PARAMS = ['amount', 'window_months'] as const;

// Texts alike those of assegno_maternita_comuni are kept here: each cites its own article (75 here, 74 there).
const ART = 'art. 75 D.Lgs. 151/2001';
const REASONS = {
  mother: {
    it: 'La richiedente è la madre (anche adottiva o affidataria preadottiva)',
    en: 'The applicant is the mother (also adoptive or pre-adoptive)',
    source: ART,
    paths: ['person.sex'],
  },
  citizenship: {
    it: 'Cittadina italiana o UE, familiare UE con carta di soggiorno, con permesso UE di lungo periodo, rifugiata o con protezione sussidiaria, o con altro titolo ammesso',
    en: 'Italian or EU citizen, EU family member with a residence card, EU long-term permit, refugee or subsidiary protection, or another admitted permit',
    source: `${ART} c. 1, come modificato dalla L. 238/2021 art. 3 c. 3; INPS msg 3656 del 5/10/2022; D.Lgs. 251/2007 art. 27`,
    paths: ['person.citizenship'],
  },
  permit_months: {
    it: 'Permesso di soggiorno di durata superiore a 6 mesi ({months} mesi)',
    en: 'Residence permit longer than 6 months ({months} months)',
    source: `L. 238/2021 art. 3 c. 3; D.Lgs. 286/1998 art. 41 c. 1-ter; INPS msg 3656/2022`,
    paths: ['person.permitMonths'],
  },
  permit_type: {
    it: 'Da verificare: il permesso deve dare parità di trattamento (permesso unico di lavoro o per ricerca, art. 41 c. 1-ter D.Lgs. 286/1998)',
    en: 'To verify: the permit must give equal treatment (single work or research permit, art. 41 c. 1-ter D.Lgs. 286/1998)',
    source: 'L. 238/2021 art. 3 c. 3; INPS msg 3656/2022',
  },
  residence: {
    it: 'Residente in Italia',
    en: 'Resident in Italy',
    source: ART,
    paths: ['person.residenceYears'],
  },
  child: {
    it: 'Un figlio nato (o entrato in famiglia) negli ultimi {months} mesi',
    en: 'A child born (or entered into the family) in the last {months} months',
    source: ART,
    paths: ['household.members'],
  },
  adoption_entry: {
    it: 'Da verificare: per un figlio adottato o in affido preadottivo conta la data di ingresso in famiglia, non quella di nascita',
    en: 'To verify: for an adopted child or one in pre-adoptive foster care the date of entry into the family counts, not the birth date',
    source: 'art. 75 D.Lgs. 151/2001',
  },
  child_deadline: {
    it: 'Figlio nato il {birth}: domanda all’INPS entro il {deadline}, a pena di decadenza',
    en: 'Child born on {birth}: apply to INPS by {deadline}, under penalty of forfeiture',
    source: ART,
  },
  contributions: {
    it: 'Da verificare: almeno 3 mesi di contributi per maternità tra il 18° e il 9° mese prima della nascita; oppure perdita, entro 9 mesi prima della nascita, di una prestazione legata al lavoro dopo almeno 3 mesi di contributi; oppure dimissioni in gravidanza con gli stessi 3 mesi',
    en: 'To verify: at least 3 months of maternity contributions between the 18th and the 9th month before the birth; or the loss, within 9 months before the birth, of a work-related benefit after at least 3 months of contributions; or resignation during pregnancy with the same 3 months',
    source: `${ART} c. 1-2`,
  },
  no_isee: {
    it: 'Da verificare: nessuna soglia ISEE risulta per questo assegno (non confermato sull’atto INPS)',
    en: 'To verify: no ISEE limit appears for this allowance (not confirmed on the INPS act)',
    source: `${ART} (reference §12, §18.7)`,
  },
  maternity_pay: {
    it: 'Nessuna indennità di maternità, o un’indennità inferiore all’assegno ({pay} ricevuti; assegno {full})',
    en: 'No maternity pay, or maternity pay lower than the allowance ({pay} received; allowance {full})',
    source: `${ART} c. 3`,
    paths: ['person.maternityPay'],
  },
  difference: {
    it: 'Spetta la differenza tra l’assegno ({full}) e l’indennità di maternità ricevuta ({pay})',
    en: 'The difference between the allowance ({full}) and the maternity pay received ({pay}) is due',
    source: `${ART} c. 3`,
  },
  amount: {
    it: '{amount} per ciascun figlio nato nel {year} (figli: {children}), pagati da INPS in un’unica soluzione',
    en: '{amount} for each child born in {year} (children: {children}), paid by INPS in a single payment',
    source: ART,
  },
} as const;

// Kept in this rule, not shared: the titles admitted by art. 75 D.Lgs. 151/2001 may change on their own.
const PERMITS: PermitRule = {
  // Admitted by citizenship alone: IT/EU, EU family members with a residence card (artt. 10 e 17 D.Lgs. 30/2007),
  // EU long-term permit (art. 75 c. 1), refugees and subsidiary protection (D.Lgs. 251/2007 art. 27).
  admitted: new Set(['it', 'eu', 'eu_family', 'non_eu_long_term', 'refugee', 'subsidiary_protection']),
  // L. 238/2021 art. 3 c. 3: permit holders with equal treatment (art. 41 c. 1-ter TUI: permits over six months).
  minMonthsExclusive: 6,
};

export const assegnoMaternitaStato = defineBenefit({
  id: 'assegno_maternita_stato',
  dir: import.meta.dirname,
  name: {
    it: 'Assegno di maternità dello Stato',
    en: 'State maternity allowance (assegno di maternità dello Stato)',
  },
  description: {
    it: 'Assegno pagato dall’INPS alle madri con un lavoro discontinuo o atipico (almeno 3 mesi di contributi) senza indennità di maternità, o con un’indennità più bassa.',
    en: 'Allowance paid by INPS to mothers with discontinuous or atypical work (at least 3 months of contributions) and no maternity pay, or lower pay.',
  },
  acts: [ART, 'DPCM 452/2000', 'L. 238/2021 art. 3 c. 3', 'INPS msg 3656/2022'],
  documents: {
    it: [
      'Domanda online all’INPS',
      'Dati del figlio (nascita, adozione o affidamento preadottivo)',
      'Estratto conto contributivo o documenti dei periodi di lavoro e delle prestazioni perse',
      'Dichiarazione di non avere indennità di maternità o del suo importo',
      'Permesso di soggiorno, se cittadina extra UE',
      'IBAN intestato alla madre',
    ],
    en: [
      'Online application to INPS',
      'The child’s details (birth, adoption or pre-adoptive placement)',
      'Contribution statement, or records of the work periods and of the benefits lost',
      'Statement of no maternity pay, or of its amount',
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
      it: 'INPS online (con SPID, CIE o CNS), Contact Center 803 164 (gratuito da rete fissa) o 06 164 164 (da cellulare), o un patronato',
      en: 'INPS online (with SPID, CIE or CNS), the Contact Center 803 164 (free from landlines) or 06 164 164 (mobile), or a patronato',
    },
    deadline: {
      it: 'Entro 6 mesi dalla nascita o dall’ingresso in famiglia del figlio, a pena di decadenza',
      en: 'Within 6 months of the child’s birth or entry into the family, under penalty of forfeiture',
    },
  },
  compatibility: [
    {
      with: 'assegno_maternita_comuni',
      compatible: 'no',
      text: {
        it: 'Non cumulabile con l’assegno di maternità dei Comuni per lo stesso figlio',
        en: 'Not cumulable with the maternity allowance of the Comuni for the same child',
      },
      source: 'artt. 74-75 D.Lgs. 151/2001 (reference §12)',
    },
    cumulable('bonus_nuovi_nati', 'L. 207/2024 art. 1 c. 206 (nessun divieto di cumulo)'),
    {
      with: 'naspi',
      compatible: 'uncertain',
      text: {
        it: 'Da verificare: un’indennità che sostituisce la maternità riduce l’assegno alla differenza',
        en: 'To verify: a benefit that replaces maternity pay reduces the allowance to the difference',
      },
      source: `${ART} c. 3`,
    },
  ],
  parameters: PARAMS,
  reasons: REASONS,
  evaluate(ctx) {
    const { found: births, open, window } = motherWithRecentChild(ctx, PERMITS);
    // The work requirement has no contract field: always to verify (art. 75 c. 1-2).
    ctx.verify('contributions');
    ctx.verify('no_isee');
    if (births.length === 0) return undefined;

    // The amount of the year of the latest birth; twins count once each.
    const { day: latest, children } = latestBirth(births);
    ctx.info('child_deadline', true, {
      birth: ctx.dayText(latest),
      deadline: ctx.dayText(addMonths(latest, window)),
    });
    const each = ctx.paramAt('amount', latest);
    const full = each * children;
    // Art. 75 c. 3: without maternity pay the allowance is due in full, otherwise only the difference.
    const total = maternityPayDifference(ctx, full, open);
    ctx.info('amount', true, { amount: ctx.euro(each), children, year: Math.floor(latest / 10000) });
    return { total };
  },
});

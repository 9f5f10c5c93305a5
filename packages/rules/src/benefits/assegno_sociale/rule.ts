// Assegno sociale (reference §8): L. 335/1995 art. 3 c. 6; DL 112/2008 art. 20 c. 10 (10 years of residence);
// yearly amounts INPS circ. 1/2024, 23/2025, 153/2025.
import type { Citizenship } from '../../contract.ts';
import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import { roundHalfUp, toCents } from '../../engine/money.ts';
import { known, type Tri } from '../../engine/three.ts';
import { ageAtLeast, citizenshipIn } from '../_shared/person.ts';

// Italian and EU citizens, non-EU citizens with an EU long-term permit, refugees and holders of subsidiary
// protection (reference §8). EU family members with a residence card are not named there: to verify.
const ALLOWED: ReadonlySet<Citizenship> = new Set<Citizenship>([
  'it',
  'eu',
  'non_eu_long_term',
  'refugee',
  'subsidiary_protection',
]);

export const assegnoSociale = defineBenefit({
  id: 'assegno_sociale',
  dir: import.meta.dirname,
  name: { it: 'Assegno sociale', en: 'Assegno sociale (old-age social allowance)' },
  description: {
    it: 'Prestazione assistenziale per chi ha almeno 67 anni e un reddito basso, anche senza contributi, pagata per 13 mensilità.',
    en: 'Welfare benefit for people aged 67 or more with a low income, even without contributions, paid 13 times a year.',
  },
  acts: ['L. 335/1995 art. 3 c. 6', 'DL 112/2008 art. 20 c. 10', 'INPS circ. 1/2024, 23/2025, 153/2025'],
  documents: {
    it: [
      'Dichiarazione dei redditi propri e, se sposata, del coniuge',
      'Documento di identità e, per le cittadine non UE, permesso UE per soggiornanti di lungo periodo o titolo di protezione',
      'Prova di 10 anni di soggiorno legale e continuativo in Italia',
      'IBAN intestato alla richiedente',
    ],
    en: [
      'Statement of her own income and, if married, of her spouse',
      'Identity document and, for non-EU citizens, EU long-term permit or protection status',
      'Proof of 10 years of legal and continuous residence in Italy',
      'IBAN in the applicant’s name',
    ],
  },
  apply: {
    who: {
      it: 'La richiedente, di persona o tramite patronato',
      en: 'The applicant, in person or through a patronato',
    },
    channel: {
      it: 'Servizio online INPS (SPID, CIE, CNS), Contact Center 803 164 / 06 164 164, o patronato',
      en: 'INPS online service (SPID, CIE, CNS), Contact Center 803 164 / 06 164 164, or a patronato',
    },
    deadline: {
      it: 'In qualsiasi momento dopo i 67 anni; spetta dal primo giorno del mese successivo alla domanda',
      en: 'At any time after turning 67; it is due from the first day of the month after the application',
    },
  },
  compatibility: [
    {
      with: 'reddito_di_liberta',
      compatible: 'yes',
      text: {
        it: 'Il Reddito di Libertà non è incompatibile con altri sostegni',
        en: 'The Reddito di Libertà is not incompatible with other support',
      },
      source: 'Decreto 2/12/2024; INPS circ. 54/2025',
    },
  ],
  parameters: [
    'min_age',
    'min_residence_years',
    'annual_amount',
    'couple_factor',
    'payments_per_year',
    'milione_age',
  ],
  reasons: {
    age: {
      it: 'Ha almeno {age} anni',
      en: 'She is {age} or older',
      source: 'L. 335/1995 art. 3 c. 6; DL 78/2010 art. 12 c. 12-bis',
      paths: ['person.birthDate'],
    },
    citizenship: {
      it: 'Cittadina italiana o UE, cittadina non UE con permesso UE per soggiornanti di lungo periodo, rifugiata o con protezione sussidiaria',
      en: 'Italian or EU citizen, non-EU citizen with an EU long-term permit, refugee or holder of subsidiary protection',
      source: 'L. 335/1995 art. 3 c. 6; D.Lgs. 251/2007 art. 27',
      paths: ['person.citizenship'],
    },
    eu_family: {
      it: 'Da verificare: per i familiari di cittadini UE con carta di soggiorno il diritto va confermato dall’INPS',
      en: 'To verify: for family members of EU citizens with a residence card the right must be confirmed by INPS',
      source: 'D.Lgs. 30/2007 artt. 10 e 17',
    },
    residence: {
      it: 'Soggiorno legale e continuativo in Italia da almeno {years} anni',
      en: 'Legal and continuous residence in Italy for at least {years} years',
      source: 'DL 112/2008 art. 20 c. 10',
      paths: ['person.residenceContinuousYears'],
    },
    income_single: {
      it: 'Reddito personale inferiore a {limit} l’anno',
      en: 'Personal income below {limit} a year',
      source: 'L. 335/1995 art. 3 c. 6',
      paths: ['person.income'],
    },
    income_personal: {
      it: 'Reddito personale non superiore a {limit} l’anno',
      en: 'Personal income not above {limit} a year',
      source: 'L. 335/1995 art. 3 c. 6',
      paths: ['person.income'],
    },
    income_couple: {
      it: 'Reddito della coppia inferiore a {limit} l’anno',
      en: 'Couple income below {limit} a year',
      source: 'L. 335/1995 art. 3 c. 6',
      paths: ['person.coupleIncome'],
    },
    married: {
      it: 'Stato civile: per le coniugate conta anche il reddito del coniuge',
      en: 'Marital status: for married women the spouse’s income counts too',
      source: 'L. 335/1995 art. 3 c. 6',
      paths: ['person.married'],
    },
    amount: {
      it: '{monthly} al mese per 13 mensilità ({yearly} l’anno): l’importo pieno {full} meno il reddito',
      en: '{monthly} a month for 13 payments ({yearly} a year): the full amount {full} minus income',
      source: 'L. 335/1995 art. 3 c. 6; circolare INPS annuale',
    },
    milione: {
      it: 'Da verificare: dai {age} anni può spettare l’incremento “al milione” (importo non calcolato qui)',
      en: 'To verify: from age {age} the “incremento al milione” may be due (amount not computed here)',
      source: 'L. 448/2001 art. 38',
    },
  },
  evaluate(ctx): Amount | undefined {
    const p = ctx.s.person;
    const minAge = ctx.param('min_age');
    ctx.require('age', ageAtLeast(ctx.facts, minAge), { age: minAge });
    if (p?.citizenship === 'eu_family') {
      ctx.require('citizenship', true);
      ctx.verify('eu_family');
    } else ctx.require('citizenship', citizenshipIn(p, ALLOWED));
    const years = ctx.param('min_residence_years');
    ctx.require(
      'residence',
      known(p?.residenceContinuousYears, (y) => y >= years),
      { years },
    );

    // Income test and amount (L. 335/1995 art. 3 c. 6): alone, the annual amount minus personal income; married,
    // personal income must not exceed the annual amount and the couple's income must be below twice it; the
    // benefit is then min(full, 2 × full − couple income).
    const full = ctx.param('annual_amount');
    const coupleLimit = full * ctx.param('couple_factor');
    const income = p?.income === undefined ? undefined : toCents(p.income);
    const couple = p?.coupleIncome === undefined ? undefined : toCents(p.coupleIncome);
    const married = p?.married;
    let yearly: number | undefined;
    // Without the facts the amount is at most the full one.
    const yearlyMax = full;
    if (married === undefined) {
      ctx.require('married', null);
    } else if (married === false) {
      const met: Tri = income === undefined ? null : income < full;
      ctx.require('income_single', met, { limit: ctx.euro(full) });
      if (income !== undefined) {
        yearly = Math.max(0, full - income);
      }
    } else {
      ctx.require('income_personal', income === undefined ? null : income <= full, { limit: ctx.euro(full) });
      ctx.require('income_couple', couple === undefined ? null : couple < coupleLimit, {
        limit: ctx.euro(coupleLimit),
      });
      if (couple !== undefined) {
        yearly = Math.max(0, Math.min(full, coupleLimit - couple));
      }
    }
    const milione = ctx.param('milione_age');
    if (ageAtLeast(ctx.facts, milione)) ctx.verify('milione', { age: milione });

    const payments = ctx.param('payments_per_year');
    if (yearly === undefined) return { max: roundHalfUp(yearlyMax / payments) };
    const monthly = roundHalfUp(yearly / payments);
    ctx.info('amount', true, { monthly: ctx.euro(monthly), yearly: ctx.euro(yearly), full: ctx.euro(full) });
    return { monthly, yearly };
  },
});

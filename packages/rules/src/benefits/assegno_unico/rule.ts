// Assegno Unico e Universale per i figli a carico (reference §5): D.Lgs. 230/2021 artt. 2–4; L. 197/2022 art. 1
// c. 357; DL 48/2023 art. 22; INPS circ. 23/2022, 41/2023, 33/2025, 7/2026; messaggi 572/2024 and 1714/2022.
import type { Citizenship, Disability } from '../../contract.ts';
import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import type { MemberFacts } from '../../engine/facts.ts';
import { and3, known, or3, type Tri } from '../../engine/three.ts';
import { iseeMinorenni } from '../_shared/isee.ts';
import { EMPLOYEE } from '../_shared/person.ts';

type P =
  | 'revaluation_index'
  | 'base_lower_bound'
  | 'base_band'
  | 'bands'
  | 'minor_max'
  | 'minor_band_step'
  | 'adult_max'
  | 'adult_band_step'
  | 'after2nd_max'
  | 'after2nd_band_step'
  | 'both_working_max'
  | 'both_working_band_step'
  | 'disability_non_self_sufficient'
  | 'disability_severe'
  | 'disability_medium'
  | 'mother_under21'
  | 'four_plus_flat';

const PARAMS: readonly P[] = [
  'revaluation_index',
  'base_lower_bound',
  'base_band',
  'bands',
  'minor_max',
  'minor_band_step',
  'adult_max',
  'adult_band_step',
  'after2nd_max',
  'after2nd_band_step',
  'both_working_max',
  'both_working_band_step',
  'disability_non_self_sufficient',
  'disability_severe',
  'disability_medium',
  'mother_under21',
  'four_plus_flat',
];

/** The INPS table of one year: band upper bounds and amounts per band, all in cents (reference §5.3). */
export interface YearTable {
  readonly bounds: Int32Array;
  readonly minor: Int32Array;
  readonly adult: Int32Array;
  readonly after2nd: Int32Array;
  readonly bothWorking: Int32Array;
  readonly disability: Readonly<Record<Exclude<Disability, 'none'>, number>>;
  readonly motherUnder21: number;
}

// Revaluation in integers: the index is scaled by 10,000 so that products are exact and rounding is the INPS one.
const SCALE = 10000;
const indexScaled = (i: number): number => {
  const s = Math.round(i * SCALE);
  if (Math.abs(i * SCALE - s) > 1e-6) throw new Error(`assegno_unico: index ${i} has more than 4 decimals`);
  return s;
};
/** ISEE bounds: revalued and rounded to the cent (half up). */
const reviseBound = (cents: number, idx: number): number => Math.floor((cents * idx + SCALE / 2) / SCALE);
/** Amounts: revalued and rounded half up to 0.10 € (the 2023 minimum 54.05 → 54.10 confirms half up, §5.3). */
const reviseAmount = (cents: number, idx: number): number =>
  Math.floor((cents * idx + (10 * SCALE) / 2) / (10 * SCALE)) * 10;

/** Builds the year's table from the 2022 rows of D.Lgs. 230/2021 Tabella 1 and the chain of yearly indices. */
export function buildTable(
  base: Readonly<Record<Exclude<P, 'revaluation_index' | 'four_plus_flat'>, number>>,
  indices: readonly number[],
): YearTable {
  const n = base.bands + 1;
  const bounds = new Int32Array(n);
  const minor = new Int32Array(n);
  const adult = new Int32Array(n);
  const after2nd = new Int32Array(n);
  const bothWorking = new Int32Array(n);
  // 2022 rows (law): bound(k) = 15,000 + 100k; each amount falls linearly by a fixed step per band.
  for (let k = 0; k < n; k++) {
    bounds[k] = base.base_lower_bound + base.base_band * k;
    minor[k] = base.minor_max - base.minor_band_step * k;
    adult[k] = base.adult_max - base.adult_band_step * k;
    after2nd[k] = base.after2nd_max - base.after2nd_band_step * k;
    bothWorking[k] = base.both_working_max - base.both_working_band_step * k;
  }
  let nss = base.disability_non_self_sufficient;
  let severe = base.disability_severe;
  let medium = base.disability_medium;
  let mother = base.mother_under21;
  // Each year revalues the previous year's rounded values, not the 2022 ones (that is how INPS's tables chain).
  for (const i of indices) {
    const idx = indexScaled(i);
    for (let k = 0; k < n; k++) {
      bounds[k] = reviseBound(bounds[k], idx);
      minor[k] = reviseAmount(minor[k], idx);
      adult[k] = reviseAmount(adult[k], idx);
      after2nd[k] = reviseAmount(after2nd[k], idx);
      bothWorking[k] = reviseAmount(bothWorking[k], idx);
    }
    nss = reviseAmount(nss, idx);
    severe = reviseAmount(severe, idx);
    medium = reviseAmount(medium, idx);
    mother = reviseAmount(mother, idx);
  }
  return {
    bounds,
    minor,
    adult,
    after2nd,
    bothWorking,
    disability: { non_self_sufficient: nss, severe, medium },
    motherUnder21: mother,
  };
}

/** Row of the table for an ISEE in cents (null: no ISEE → the minimum row), reference §5.3 lookup. */
export function rowFor(t: YearTable, iseeCents: number | null): number {
  const last = t.bounds.length - 1;
  if (iseeCents === null || iseeCents > t.bounds[last]) return last;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (iseeCents <= t.bounds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// Tables are built once per revaluation period (keyed by the index value's start date) and kept.
const tables = new Map<number, YearTable>();

// Who may apply (art. 3 c. 1 lett. a D.Lgs. 230/2021, reference §5.1).
const CITIZEN: ReadonlySet<Citizenship> = new Set<Citizenship>(['it', 'eu', 'eu_family', 'non_eu_long_term']);
const PROTECTION: ReadonlySet<Citizenship> = new Set<Citizenship>([
  'refugee',
  'subsidiary_protection',
  'special_protection',
]);

const isDisabled = (d: Disability | undefined): Tri => (d === undefined ? null : d !== 'none');

/** A child's facts resolved under one scenario (the least or the most favourable reading of unknowns). */
interface ChildView {
  age: number;
  disability: Disability;
  inEducation: boolean;
}

function view(c: MemberFacts, best: boolean): ChildView {
  // Unknown age: in the lowest reading the child gives no right; in the highest, a newborn.
  const age = c.age ?? (best ? 0 : 99);
  const disability: Disability = c.disability ?? (best ? 'non_self_sufficient' : 'none');
  const inEducation = c.raw.inEducation ?? best;
  return { age, disability, inEducation };
}

/** Whether a child gives the right (art. 2): minor, disabled (any age), or 18–20 in education; null if unknown. */
function beneficiary(c: MemberFacts): Tri {
  const disabled = isDisabled(c.disability);
  if (c.age === undefined) return disabled === true ? true : null;
  if (c.age < 18 || disabled === true) return true;
  if (c.age < 21) return or3(disabled, c.raw.inEducation ?? null);
  return disabled;
}

function views(
  children: readonly MemberFacts[],
  more: readonly MemberFacts[] | undefined,
  best: boolean,
): ChildView[] {
  const out: ChildView[] = [];
  for (const c of children) out.push(view(c, best));
  if (more) for (const c of more) out.push(view(c, best));
  return out;
}

interface Scenario {
  row: number;
  iseeWithinUpper: boolean;
  bothWork: boolean;
  motherUnder21: boolean;
  children: ChildView[];
}

/** Monthly total in cents for one reading of the facts: every rule of reference §5.4. */
function monthlyTotal(t: YearTable, s: Scenario, fourPlus: number): number {
  const count = s.children.length; // every child of the ISEE household counts (INPS msg. 1714/2022)
  let total = 0;
  let beneficiaries = 0;
  for (const c of s.children) {
    const disabled = c.disability !== 'none';
    let base = 0;
    if (c.age < 18 || disabled) base = t.minor[s.row];
    else if (c.age < 21 && c.inEducation) base = t.adult[s.row];
    if (base === 0) continue;
    beneficiaries++;
    total += base;
    // +50 % under 1 year, any ISEE (L. 197/2022 art. 1 c. 357); base × 1.5 rounded half up to 0.10 €.
    const half = Math.floor((base * 3 + 10) / 20) * 10 - base;
    if (c.age < 1) total += half;
    // +50 % for children aged 1–3 in households with 3 or more children and ISEE within the upper threshold
    // (L. 197/2022 art. 1 c. 357; INPS circ. 41/2023).
    else if (c.age <= 3 && count >= 3 && s.iseeWithinUpper) total += half;
    if (disabled && c.age < 21) total += t.disability[c.disability as Exclude<Disability, 'none'>];
    if (s.motherUnder21) total += t.motherUnder21;
    // Both parents (or the only one) with income from work, per minor child (D.Lgs. 230/2021 art. 4; DL 48/2023 art. 22).
    if (s.bothWork && c.age < 18) total += t.bothWorking[s.row];
  }
  // One after-2nd top-up per beneficiary child beyond the second child counted (D.Lgs. 230/2021 art. 4).
  total += Math.min(beneficiaries, Math.max(0, count - 2)) * t.after2nd[s.row];
  if (count >= 4 && beneficiaries > 0) total += fourPlus;
  return total;
}

const ART3 = 'D.Lgs. 230/2021 art. 3';
// The art. 5 transitional top-up ran until February 2025 (reference §5.4, not re-verified).
const TRANSITIONAL_END = 20250301;

export const assegnoUnico = defineBenefit({
  id: 'assegno_unico',
  dir: import.meta.dirname,
  name: {
    it: 'Assegno Unico e Universale per i figli a carico',
    en: 'Assegno Unico (universal child allowance)',
  },
  description: {
    it: 'Assegno mensile per ogni figlio a carico fino a 21 anni (senza limiti di età per i figli con disabilità), con importo secondo l’ISEE e maggiorazioni.',
    en: 'Monthly allowance for each dependent child up to 21 (no age limit for disabled children); the amount depends on the ISEE, with top-ups.',
  },
  acts: [
    'D.Lgs. 230/2021 artt. 2–6',
    'L. 197/2022 art. 1 c. 357–358',
    'DL 48/2023 art. 22',
    'INPS circ. 23/2022',
    'INPS circ. 41/2023',
    'INPS messaggio 572/2024',
    'INPS circ. 33/2025',
    'INPS circ. 7/2026',
    'INPS messaggio 1714/2022',
  ],
  documents: {
    it: [
      'Domanda all’INPS (una sola volta: vale negli anni successivi)',
      'DSU per l’ISEE minorenni (senza ISEE spettano gli importi minimi)',
      'Codici fiscali dei figli; certificazione di disabilità se presente',
      'IBAN; per il pagamento al 100% alla madre: provvedimento del giudice o accordo su affidamento esclusivo',
    ],
    en: [
      'Application to INPS (once: it stays valid in the following years)',
      'DSU for the ISEE minorenni (without ISEE the minimum amounts apply)',
      'Tax codes of the children; disability certificate if any',
      'IBAN; for 100% payment to the mother: court order or agreement on exclusive custody',
    ],
  },
  apply: {
    who: {
      it: 'Un genitore (o chi esercita la responsabilità genitoriale); anche il figlio maggiorenne per sé',
      en: 'A parent (or whoever has parental responsibility); an adult child may apply for themselves',
    },
    channel: {
      it: 'Online sul sito INPS, Contact Center INPS o patronato',
      en: 'Online on the INPS website, INPS Contact Center or a patronato',
    },
    deadline: {
      it: 'In qualsiasi momento; entro il 30 giugno si hanno gli arretrati da marzo, dopo si parte dal mese successivo alla domanda',
      en: 'At any time; by 30 June arrears are paid from March, later it starts from the month after the application',
    },
  },
  compatibility: [
    {
      with: 'reddito_di_liberta',
      compatible: 'yes',
      text: { it: 'Cumulabile con il Reddito di Libertà', en: 'Can be combined with the Reddito di Libertà' },
      source: 'INPS circ. 54/2025',
    },
    {
      with: 'bonus_asilo_nido',
      compatible: 'yes',
      text: { it: 'Cumulabile con il bonus asilo nido', en: 'Can be combined with the nursery bonus' },
      source: 'INPS circ. 60/2025',
    },
    {
      with: 'bonus_nuovi_nati',
      compatible: 'yes',
      text: { it: 'Cumulabile con il bonus nuovi nati', en: 'Can be combined with the newborn bonus' },
      source: 'INPS circ. 76/2025',
    },
    {
      with: 'assegno_di_inclusione',
      compatible: 'uncertain',
      text: {
        it: 'Di norma cumulabile con l’Assegno di Inclusione (da verificare)',
        en: 'Generally combined with the Assegno di Inclusione (to verify)',
      },
      source: 'DL 48/2023 (non verificato)',
    },
  ],
  parameters: PARAMS,
  reasons: {
    child: {
      it: 'Nel nucleo c’è almeno un figlio a carico che dà diritto: minorenne, di 18–20 anni che studia, si forma, fa tirocinio o è disoccupato iscritto al centro per l’impiego, oppure con disabilità (a ogni età)',
      en: 'The household has at least one dependent child who gives the right: a minor, an 18–20-year-old in education, training, internship or registered as unemployed, or a disabled child (any age)',
      source: 'D.Lgs. 230/2021 art. 2; L. 197/2022 art. 1 c. 357',
      paths: ['household.members'],
    },
    citizenship: {
      it: 'Cittadina italiana o UE (o familiare con diritto di soggiorno), o straniera con permesso UE per soggiornanti di lungo periodo o permesso di lavoro o ricerca di durata superiore a 6 mesi',
      en: 'Italian or EU citizen (or family member with right of residence), or non-EU citizen with an EU long-term permit or a work or research permit longer than 6 months',
      source: `${ART3} c. 1 lett. a`,
      paths: ['person.citizenship'],
    },
    permit_kind: {
      it: 'Da verificare: il permesso deve essere un permesso unico di lavoro o per ricerca di durata superiore a 6 mesi',
      en: 'To verify: the permit must be a single work permit or a research permit longer than 6 months',
      source: `${ART3} c. 1 lett. a`,
    },
    protection: {
      it: 'Da verificare: per rifugiate e titolari di protezione sussidiaria o speciale il requisito di cittadinanza non è confermato dalle fonti consultate',
      en: 'To verify: for refugees and holders of subsidiary or special protection the citizenship requirement is not confirmed by the sources consulted',
      source: `${ART3} c. 1 lett. a (non verificato)`,
    },
    resident: {
      it: 'Residente e domiciliata in Italia',
      en: 'Resident and domiciled in Italy',
      source: `${ART3} c. 1 lett. c`,
      paths: ['person.residenceYears'],
    },
    residence_2y: {
      it: 'Residente in Italia da almeno 2 anni, anche non continuativi, oppure con un contratto di lavoro a tempo indeterminato o determinato di almeno 6 mesi',
      en: 'Resident in Italy for at least 2 years, even not continuous, or with an open-ended or at least 6-month employment contract',
      source: `${ART3} c. 1 lett. d`,
      paths: ['person.residenceYears', 'person.work'],
    },
    contract_6m: {
      it: 'Da verificare: contratto di lavoro a tempo indeterminato o di almeno 6 mesi (meno di 2 anni di residenza)',
      en: 'To verify: open-ended or at least 6-month employment contract (less than 2 years of residence)',
      source: `${ART3} c. 1 lett. d`,
    },
    infringement: {
      it: 'Da verificare: il requisito dei 2 anni di residenza è oggetto di una procedura di infrazione UE (parere motivato 16/11/2023)',
      en: 'To verify: the 2-year residence rule is under an EU infringement procedure (reasoned opinion 16/11/2023)',
      source: `${ART3} c. 1 lett. d; Commissione UE, procedura di infrazione`,
    },
    irpef: {
      it: 'Da verificare: soggetta al pagamento dell’imposta sul reddito (IRPEF) in Italia',
      en: 'To verify: liable to income tax (IRPEF) in Italy',
      source: `${ART3} c. 1 lett. b`,
    },
    isee: {
      it: 'ISEE minorenni di {isee}: fascia fino a {bound}, {minor} al mese per figlio minorenne (pieno fino a {lower}, minimo oltre {upper})',
      en: 'ISEE minorenni of {isee}: band up to {bound}, {minor} a month per minor child (full up to {lower}, minimum above {upper})',
      source: 'D.Lgs. 230/2021 art. 4 e Tabella 1; INPS circ. 33/2025, 7/2026 (tabella per fasce di 100 €)',
      paths: ['household.isee'],
    },
    no_isee: {
      it: 'Senza ISEE valido spettano gli importi minimi ({minor} al mese per figlio minorenne)',
      en: 'Without a valid ISEE the minimum amounts apply ({minor} a month per minor child)',
      source: 'D.Lgs. 230/2021 art. 4; INPS circ. 33/2025',
      paths: ['household.isee'],
    },
    isee_unknown: {
      it: 'ISEE minorenni non indicato: l’importo va da {min} (senza ISEE) a {max} al mese',
      en: 'ISEE minorenni not given: the amount ranges from {min} (no ISEE) to {max} a month',
      source: 'D.Lgs. 230/2021 art. 4 e Tabella 1',
      paths: ['household.isee'],
    },
    both_working: {
      it: 'Maggiorazione per ogni figlio minorenne se entrambi i genitori (o l’unico genitore) hanno redditi da lavoro',
      en: 'Top-up for each minor child if both parents (or the only parent) have income from work',
      source: 'D.Lgs. 230/2021 art. 4; DL 48/2023 art. 22',
      paths: ['household.bothParentsWork'],
    },
    mother_under21: {
      it: 'Maggiorazione per ogni figlio se la madre ha meno di 21 anni',
      en: 'Top-up for each child if the mother is under 21',
      source: 'D.Lgs. 230/2021 art. 4',
      paths: ['person.birthDate', 'person.sex'],
    },
    child_relation: {
      it: 'Relazione di ogni componente del nucleo (i figli contano per importi e maggiorazioni)',
      en: 'Relation of every household member (children count for amounts and top-ups)',
      source: 'D.Lgs. 230/2021 artt. 2 e 4; INPS messaggio 1714/2022',
      paths: ['household.members[].relation'],
    },
    child_ages: {
      it: 'Data di nascita di ogni figlio (età e maggiorazioni)',
      en: 'Birth date of every child (age and top-ups)',
      source: 'D.Lgs. 230/2021 artt. 2 e 4',
      paths: ['household.members[].birthDate'],
    },
    child_disability: {
      it: 'Disabilità di ogni figlio (maggiorazione e diritto senza limiti di età)',
      en: 'Disability of every child (top-up and right at any age)',
      source: 'D.Lgs. 230/2021 art. 4; L. 197/2022 art. 1 c. 357',
      paths: ['household.members[].disability'],
    },
    child_education: {
      it: 'Figli di 18–20 anni: studio, formazione, tirocinio, servizio civile o iscrizione al centro per l’impiego',
      en: 'Children aged 18–20: education, training, internship, civil service or registration as unemployed',
      source: 'D.Lgs. 230/2021 art. 2',
      paths: ['household.members[].inEducation'],
    },
    age_1_3: {
      it: 'Da verificare: non è chiaro se la maggiorazione del 50% per i figli di 1–3 anni (nuclei con almeno 3 figli) valga anche nell’anno del terzo compleanno; qui è applicata',
      en: 'To verify: it is unclear whether the 50% top-up for children aged 1–3 (households with 3 or more children) covers the year after the third birthday; it is applied here',
      source: 'L. 197/2022 art. 1 c. 357; INPS circ. 41/2023',
    },
    count_1_3: {
      it: 'Da verificare: per la maggiorazione dei figli di 1–3 anni i figli sono contati come per le altre maggiorazioni (tutti i figli del nucleo ISEE), non è detto espressamente',
      en: 'To verify: for the 1–3 top-up children are counted as for the other top-ups (every child of the ISEE household); this is not stated expressly',
      source: 'INPS messaggio 1714/2022; L. 197/2022 art. 1 c. 357',
    },
    transitional: {
      it: 'Da verificare: maggiorazione transitoria (art. 5) per i nuclei con ISEE fino a 25.000,00 € che percepivano l’assegno al nucleo familiare, terminata a febbraio 2025',
      en: 'To verify: transitional top-up (art. 5) for households with ISEE up to €25,000.00 that received the family allowance (ANF), ended in February 2025',
      source: 'D.Lgs. 230/2021 art. 5 (non riverificato)',
    },
    payment_100: {
      it: 'Da verificare: il pagamento al 100% alla madre richiede affidamento esclusivo o un provvedimento del giudice (altrimenti 50% per genitore se richiesto)',
      en: 'To verify: 100% payment to the mother requires exclusive custody or a court order (otherwise 50% each parent if requested)',
      source: 'D.Lgs. 230/2021 art. 6; INPS messaggio 1714/2022 §3',
    },
    band_edge: {
      it: 'Da verificare: l’ISEE è a meno di 1,00 € da un limite di fascia; i limiti sono calcolati con la regola di rivalutazione (Allegato 1 INPS non letto)',
      en: 'To verify: the ISEE is within €1.00 of a band limit; the limits are computed with the revaluation rule (INPS Allegato 1 not read)',
      source: 'D.Lgs. 230/2021 Tabella 1; INPS circ. 33/2025, 7/2026 (Allegato 1)',
    },
    table_2026: {
      it: 'Da verificare: gli importi 2026 delle maggiorazioni sono calcolati con l’indice dell’1,4% (tabella della circ. INPS 7/2026 non letta)',
      en: 'To verify: the 2026 top-up amounts are computed with the 1.4% index (table of INPS circ. 7/2026 not read)',
      source: 'INPS circ. 7/2026',
    },
    isee_timing: {
      it: 'In gennaio e febbraio vale l’ISEE valido al 31 dicembre precedente; da marzo serve quello nuovo (DSU entro il 30 giugno per gli arretrati da marzo)',
      en: 'In January and February the ISEE valid on 31 December applies; from March the new one is needed (DSU by 30 June for arrears from March)',
      source: 'INPS circ. 7/2026',
    },
    amount: {
      it: 'Totale mensile del nucleo: {monthly}',
      en: 'Monthly household total: {monthly}',
      source: 'D.Lgs. 230/2021 art. 4; L. 197/2022 art. 1 c. 357',
    },
  },
  evaluate(ctx): Amount {
    const s = ctx.s;
    const p = s.person;
    const h = s.household;
    const f = ctx.facts;

    // --- who: the children (art. 2) ---
    const children = f.children;
    // A member whose relation is unknown may be a child: it can make the result undetermined, never eligible.
    const maybe = f.unknownRelation;
    let childOk: Tri;
    if (!f.membersKnown) childOk = null;
    else {
      childOk = false;
      for (const c of children) childOk = or3(childOk, beneficiary(c));
      for (const c of maybe) childOk = or3(childOk, and3(null, beneficiary(c)));
    }
    // When the household is known but a child's facts are missing, name the child fields instead of the list.
    const childPaths: string[] = [];
    if (childOk === null && f.membersKnown) {
      const open = [...children, ...maybe].filter((c) => beneficiary(c) !== false);
      if (maybe.some((c) => beneficiary(c) !== false)) childPaths.push('household.members[].relation');
      if (open.some((c) => c.age === undefined)) childPaths.push('household.members[].birthDate');
      if (open.some((c) => c.disability === undefined)) childPaths.push('household.members[].disability');
      if (
        open.some((c) => c.age !== undefined && c.age >= 18 && c.age < 21 && c.raw.inEducation === undefined)
      )
        childPaths.push('household.members[].inEducation');
    }
    ctx.require('child', childOk, undefined, childPaths.length ? childPaths : undefined);

    // --- who: the applicant (art. 3) ---
    const cit = p?.citizenship;
    let citOk: Tri;
    let citPaths: string[] | undefined;
    if (cit === undefined) citOk = null;
    else if (CITIZEN.has(cit)) citOk = true;
    else if (cit === 'non_eu_permit') {
      citOk = known(p?.permitMonths, (m) => m > 6);
      if (citOk === null) citPaths = ['person.permitMonths'];
    } else if (PROTECTION.has(cit)) citOk = true;
    else citOk = false;
    ctx.require('citizenship', citOk, undefined, citPaths);
    if (cit === 'non_eu_permit' && citOk !== false) ctx.verify('permit_kind');
    if (cit !== undefined && PROTECTION.has(cit)) ctx.verify('protection');

    const years = p?.residenceYears;
    ctx.require(
      'resident',
      known(years, (y) => y > 0),
    );
    // ≥ 2 years of residence, or a job contract of at least 6 months: the contract has no field for its length,
    // so an employee with less than 2 years is "to verify", not a failure.
    let twoYears: Tri;
    let twoPaths: string[] | undefined;
    if (years === undefined) {
      twoYears = null;
      twoPaths = ['person.residenceYears'];
    } else if (years >= 2) twoYears = true;
    else if (p?.work === undefined) {
      twoYears = null;
      twoPaths = ['person.work'];
    } else twoYears = EMPLOYEE.has(p.work);
    ctx.require('residence_2y', twoYears, undefined, twoPaths);
    if (years !== undefined && years < 2) {
      if (p?.work !== undefined && EMPLOYEE.has(p.work)) ctx.verify('contract_6m');
      ctx.verify('infringement');
    }
    ctx.verify('irpef');

    // --- amount (art. 4; reference §5.3–5.4) ---
    const idx = ctx.paramValue('revaluation_index');
    let t = tables.get(idx.from);
    if (!t) {
      const chain: number[] = [];
      for (let y = 2023; y <= ctx.year; y++) chain.push(ctx.paramAt('revaluation_index', y * 10000 + 101));
      t = buildTable(
        {
          base_lower_bound: ctx.param('base_lower_bound'),
          base_band: ctx.param('base_band'),
          bands: ctx.param('bands'),
          minor_max: ctx.param('minor_max'),
          minor_band_step: ctx.param('minor_band_step'),
          adult_max: ctx.param('adult_max'),
          adult_band_step: ctx.param('adult_band_step'),
          after2nd_max: ctx.param('after2nd_max'),
          after2nd_band_step: ctx.param('after2nd_band_step'),
          both_working_max: ctx.param('both_working_max'),
          both_working_band_step: ctx.param('both_working_band_step'),
          disability_non_self_sufficient: ctx.param('disability_non_self_sufficient'),
          disability_severe: ctx.param('disability_severe'),
          disability_medium: ctx.param('disability_medium'),
          mother_under21: ctx.param('mother_under21'),
        },
        chain,
      );
      tables.set(idx.from, t);
    }
    const fourPlus = ctx.param('four_plus_flat');
    const last = t.bounds.length - 1;

    // ISEE minorenni when given (also null), else the ordinary ISEE (contract: household.iseeMinorenni).
    const iseeRaw = iseeMinorenni(h);
    const iseeCents = iseeRaw === undefined || iseeRaw === null ? iseeRaw : Math.round(iseeRaw * 100);
    const upper = t.bounds[last];

    const motherU21 = and3(
      known(p?.sex, (x) => x === 'F'),
      known(f.age, (a) => a < 21),
    );
    // The highest reading also counts the members of unknown relation as children.
    const both = h?.bothParentsWork;
    const lowReading: Scenario = {
      row: iseeCents === undefined ? last : rowFor(t, iseeCents),
      iseeWithinUpper: iseeCents !== undefined && iseeCents !== null && iseeCents <= upper,
      bothWork: both ?? false,
      motherUnder21: motherU21 ?? false,
      children: views(children, undefined, false),
    };
    const highReading: Scenario = {
      row: iseeCents === undefined ? 0 : lowReading.row,
      iseeWithinUpper: iseeCents === undefined ? true : lowReading.iseeWithinUpper,
      bothWork: both ?? true,
      motherUnder21: motherU21 ?? true,
      children: views(children, maybe, true),
    };
    const lo = monthlyTotal(t, lowReading, fourPlus);
    const hi = monthlyTotal(t, highReading, fourPlus);

    if (iseeCents === undefined) {
      ctx.amountFact('isee_unknown', null, { min: ctx.euro(lo), max: ctx.euro(hi) });
    } else if (iseeCents === null) {
      ctx.info('no_isee', true, { minor: ctx.euro(t.minor[last]) }); // paths unused: info never asks
    } else {
      const row = rowFor(t, iseeCents);
      // Band limits other than the thresholds are DERIVED (reference §5.3): near one, the band may differ.
      // The first and last limits are the VERIFIED thresholds; the ones between are DERIVED.
      const nearDerived = (k: number) => k >= 1 && k < last && Math.abs(iseeCents - t.bounds[k]) <= 100;
      if (nearDerived(row) || nearDerived(row - 1)) ctx.verify('band_edge');
      ctx.info('isee', true, {
        isee: ctx.euro(iseeCents),
        bound: ctx.euro(t.bounds[row]),
        minor: ctx.euro(t.minor[row]),
        lower: ctx.euro(t.bounds[0]),
        upper: ctx.euro(upper),
      });
    }

    // Facts that change only the amount: recorded when they can matter, so `missing` asks only useful questions.
    const hasMinor = children.some((c) => c.age === undefined || c.age < 18);
    const bothWorkingMatters =
      hasMinor && (iseeCents === undefined || t.bothWorking[rowFor(t, iseeCents)] > 0);
    if (bothWorkingMatters) ctx.amountFact('both_working', h?.bothParentsWork ?? null);
    if (children.length > 0 && p?.sex !== 'M') {
      const unknownPaths: string[] = [];
      if (motherU21 === null && f.age === undefined) unknownPaths.push('person.birthDate');
      if (motherU21 === null && p?.sex === undefined) unknownPaths.push('person.sex');
      ctx.amountFact('mother_under21', motherU21, undefined, unknownPaths);
    }
    if (childOk !== null && maybe.length > 0) ctx.amountFact('child_relation', null);
    if (childOk !== null && children.some((c) => c.age === undefined)) ctx.amountFact('child_ages', null);
    if (childOk !== null && children.some((c) => c.disability === undefined))
      ctx.amountFact('child_disability', null);
    if (
      childOk !== null &&
      children.some(
        (c) => c.age !== undefined && c.age >= 18 && c.age < 21 && c.raw.inEducation === undefined,
      )
    )
      ctx.amountFact('child_education', null);

    // UNCERTAIN points of reference §5.4/§18.3, said only when they change this household's amount.
    if (children.length >= 3 && (iseeCents === undefined || (iseeCents !== null && iseeCents <= upper))) {
      if (children.some((c) => c.age === 3)) ctx.verify('age_1_3');
      const nonBeneficiary = children.some(
        (c) =>
          c.age !== undefined &&
          c.age >= 18 &&
          (c.disability === 'none' || c.disability === undefined) &&
          !(c.age < 21 && c.raw.inEducation),
      );
      if (nonBeneficiary && children.some((c) => c.age !== undefined && c.age >= 1 && c.age <= 3))
        ctx.verify('count_1_3');
    }
    if (
      ctx.day < TRANSITIONAL_END &&
      (iseeCents === undefined || (iseeCents !== null && iseeCents <= 2500000))
    )
      ctx.verify('transitional');
    if (p?.violence?.victim === true || p?.violence?.cav === true) ctx.verify('payment_100');
    if (ctx.year === 2026 && hi > 0) ctx.verify('table_2026');
    const month = Math.floor(ctx.day / 100) % 100;
    if (month <= 2) ctx.info('isee_timing', true);

    ctx.info('amount', true, { monthly: lo === hi ? ctx.euro(lo) : `${ctx.euro(lo)} – ${ctx.euro(hi)}` });
    return lo === hi ? { monthly: lo } : { monthly: lo, min: lo, max: hi };
  },
});

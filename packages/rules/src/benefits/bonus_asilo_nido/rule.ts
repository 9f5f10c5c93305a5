// Bonus asilo nido: yearly refund of nursery fees for children under 3 (L. 232/2016 art. 1 c. 355), by ISEE
// minorenni band; 3,600 € for children born from 2024 (L. 213/2023 c. 177; from 2025 without the sibling rule and
// with the assegno unico taken out of the ISEE, L. 207/2024; INPS circ. 60/2025).
import { type Amount, type Ctx, defineBenefit } from '../../engine/benefit.ts';
import { dayNum } from '../../engine/dates.ts';
import type { MemberFacts } from '../../engine/facts.ts';
import { or3, type Tri } from '../../engine/three.ts';
import { cumulable } from '../_shared/compatibility.ts';
import { childrenWhere, citizenshipOrPermit, type PermitRule } from '../_shared/family.ts';
import { iseeLessAuuAtMost, iseeMinorenni } from '../_shared/isee.ts';
import { residentInItaly } from '../_shared/person.ts';

const PARAMS = [
  'child_max_age',
  'amount_low_isee',
  'isee_low_max',
  'amount_mid_isee',
  'isee_mid_max',
  'amount_base',
  'increased_births_from',
  'amount_increased',
  'increased_isee_max',
  'sibling_required',
  'sibling_max_age',
  'auu_netted',
  'instalments',
] as const;
type P = (typeof PARAMS)[number];
type C = keyof typeof REASONS;

const CIRC = 'INPS circ. 60 del 20/3/2025';
const REASONS = {
  citizenship: {
    it: 'Cittadinanza italiana o UE, permesso UE di lungo periodo, protezione internazionale o altro titolo ammesso',
    en: 'Italian or EU citizenship, EU long-term permit, international protection or another admitted permit',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
    paths: ['person.citizenship'],
  },
  permit_months: {
    it: 'Permesso di soggiorno di durata superiore a 6 mesi ({months} mesi)',
    en: 'Residence permit longer than 6 months ({months} months)',
    source: `${CIRC}; D.Lgs. 286/1998 art. 41`,
    paths: ['person.permitMonths'],
  },
  permit_type: {
    it: 'Tipo di permesso: deve essere un permesso unico di lavoro, per ricerca, per lavoro autonomo, Carta blu o altro titolo elencato dalla circolare',
    en: 'Type of permit: it must be a single work permit, a research or self-employment permit, an EU Blue Card or another title listed by the circular',
    source: CIRC,
  },
  residence: {
    it: 'Residenza in Italia del genitore richiedente',
    en: 'The applying parent resides in Italy',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
    paths: ['person.residenceYears'],
  },
  child_under_3: {
    it: 'Nel nucleo c’è un figlio di età inferiore a 3 anni',
    en: 'A child under 3 lives in the household',
    source: 'L. 232/2016 art. 1 c. 355',
    paths: ['household.members'],
  },
  child_in_nursery: {
    it: 'Il bambino frequenta un asilo nido pubblico o privato autorizzato',
    en: 'The child attends a public or authorised private nursery (asilo nido)',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
  },
  turned_three: {
    it: 'Da verificare: un figlio ha compiuto 3 anni il {birthday}; per i mesi di frequenza dell’anno prima del compleanno il rimborso può ancora spettare',
    en: 'To verify: a child turned 3 on {birthday}; the months of attendance this year before the birthday may still be refunded',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
  },
  home_support: {
    it: 'Se il bambino non può frequentare il nido per una grave patologia cronica, spetta il contributo per il supporto domiciliare (attestazione del pediatra): da verificare',
    en: 'If the child cannot attend a nursery because of a serious chronic illness, the home-support contribution is due (paediatrician’s certificate): to verify',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
  },
  isee_used: {
    it: 'ISEE minorenni considerato: {isee}',
    en: 'ISEE minorenni used: {isee}',
    source: `L. 232/2016 art. 1 c. 355; DPCM 159/2013 art. 7; ${CIRC}`,
    paths: ['household.iseeMinorenni'],
  },
  no_isee: {
    it: 'Senza ISEE minorenni valido spetta l’importo minimo ({amount})',
    en: 'Without a valid ISEE minorenni the minimum amount is due ({amount})',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
  },
  auu_netted: {
    it: 'Dal 2025 l’assegno unico percepito non conta nell’ISEE: {isee} − {auu} / {scale} = {net}',
    en: 'From 2025 the assegno unico received is left out of the ISEE: {isee} − {auu} / {scale} = {net}',
    source: `L. 207/2024 art. 1; ${CIRC} (esempio 40.400 − 1.500 / 2,5 = 39.800)`,
    paths: ['household.auuAnnual', 'household.iseeScale'],
  },
  sibling_under_10: {
    it: 'Nel 2024 i 3.600,00 € spettano solo se nel nucleo c’è già un altro figlio di età inferiore a 10 anni',
    en: 'In 2024 the €3,600.00 need another child under 10 already in the household',
    source: 'L. 213/2023 art. 1 c. 177',
  },
  child_amount: {
    it: 'Bambino nato il {birth}: massimo annuo {amount} ({band})',
    en: 'Child born on {birth}: yearly maximum {amount} ({band})',
    source: `L. 232/2016 art. 1 c. 355; L. 160/2019 art. 1 c. 343; L. 213/2023 art. 1 c. 177; ${CIRC}`,
  },
  child_amount_unknown: {
    it: 'Bambino nato il {birth}: massimo annuo tra {min} e {max}, secondo l’ISEE minorenni',
    en: 'Child born on {birth}: yearly maximum between {min} and {max}, depending on the ISEE minorenni',
    source: `L. 232/2016 art. 1 c. 355; L. 213/2023 art. 1 c. 177; ${CIRC}`,
  },
  instalments: {
    it: 'Il massimo annuo è rimborsato in al massimo {n} rate mensili, mai oltre la retta effettivamente pagata',
    en: 'The yearly maximum is refunded in at most {n} monthly instalments, never more than the fee actually paid',
    source: `L. 232/2016 art. 1 c. 355; ${CIRC}`,
  },
  deadline: {
    it: 'Domanda all’INPS entro il 31/12/{year}, per i mesi di frequenza dell’anno',
    en: 'Apply to INPS by 31/12/{year}, for the months of attendance in the year',
    source: CIRC,
  },
} as const;

// Kept in this rule, not shared: the titles admitted by circ. 60/2025 may change on their own.
const PERMITS: PermitRule = {
  // Applicants admitted by citizenship alone (circ. 60/2025: IT/EU, EU family members with a residence card, EU
  // long-term permit, refugees and subsidiary protection, equal to Italians under D.Lgs. 251/2007 art. 27).
  admitted: new Set(['it', 'eu', 'eu_family', 'non_eu_long_term', 'refugee', 'subsidiary_protection']),
  // Permits admitted only when longer than six months and of a listed type (circ. 60/2025).
  minMonthsExclusive: 6,
};

interface Range {
  readonly min: number;
  readonly max: number;
  readonly band: string;
}

/**
 * The yearly maximum for one child. The ISEE is placed among the band edges; every placement that the known
 * facts allow is tried (and, in 2024, both answers to an unknown sibling), giving a min and a max.
 */
function childAmount(ctx: Ctx<P, C>, child: MemberFacts, le: (limit: number) => Tri): Range {
  const birth = dayNum(child.raw.birthDate as string);
  const lowMax = ctx.param('isee_low_max');
  const midMax = ctx.param('isee_mid_max');
  const increased = birth >= ctx.param('increased_births_from');
  const edges = [lowMax, midMax];
  let sibling: Tri = true;
  let incMax = 0;
  if (increased) {
    incMax = ctx.param('increased_isee_max');
    edges.push(incMax);
    if (ctx.param('sibling_required') === 1) {
      // L. 213/2023 c. 177: another child under 10 "già presente" in the household.
      const maxAge = ctx.param('sibling_max_age');
      const others = ctx.facts.children.filter((c) => c.index !== child.index);
      // Members of unknown relation might be the sibling (unless known to be too old).
      const maybe = ctx.facts.members.filter(
        (m) => m.relation === undefined && (m.age === undefined || m.age < maxAge),
      );
      sibling = or3(
        ...others.map((c) => (c.age === undefined ? null : c.age < maxAge)),
        ...maybe.map(() => null),
      );
      ctx.amountFact(
        'sibling_under_10',
        sibling,
        undefined,
        others.filter((c) => c.age === undefined).map((c) => `household.members[${c.index}].birthDate`),
      );
    }
  }
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const tests = sorted.map((e) => le(e));
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let band = '';
  // Position k: the ISEE is above the first k edges and within the others (k = sorted.length: above all or none).
  for (let k = 0; k <= sorted.length; k++) {
    if (!tests.every((t, j) => t === null || t === j >= k)) continue;
    const within = (limit: number) => sorted.indexOf(limit) >= k;
    for (const sib of sibling === null ? [true, false] : [sibling]) {
      let amount: number;
      if (increased && sib && within(incMax)) {
        amount = ctx.param('amount_increased');
        band = `ISEE ≤ ${ctx.euro(incMax)}, ${ctx.lang === 'it' ? 'nato dal' : 'born from'} ${ctx.dayText(ctx.param('increased_births_from'))}`;
      } else if (within(lowMax)) {
        amount = ctx.param('amount_low_isee');
        band = `ISEE ≤ ${ctx.euro(lowMax)}`;
      } else if (within(midMax)) {
        amount = ctx.param('amount_mid_isee');
        band = `ISEE ≤ ${ctx.euro(midMax)}`;
      } else {
        amount = ctx.param('amount_base');
        band =
          ctx.lang === 'it'
            ? `ISEE oltre ${ctx.euro(midMax)} o assente`
            : `ISEE above ${ctx.euro(midMax)} or none`;
      }
      if (amount < min) min = amount;
      if (amount > max) max = amount;
    }
  }
  return { min, max, band };
}

export const bonusAsiloNido = defineBenefit({
  id: 'bonus_asilo_nido',
  dir: import.meta.dirname,
  name: { it: 'Bonus asilo nido', en: 'Nursery bonus (bonus asilo nido)' },
  description: {
    it: 'Rimborso delle rette dell’asilo nido (o supporto domiciliare) per i figli sotto i 3 anni, secondo l’ISEE minorenni.',
    en: 'Refund of nursery fees (or home support) for children under 3, by ISEE minorenni.',
  },
  acts: [
    'L. 232/2016 art. 1 c. 355',
    'L. 160/2019 art. 1 c. 343',
    'L. 213/2023 art. 1 c. 177-178',
    'L. 207/2024 art. 1',
    'INPS circ. 60/2025',
  ],
  documents: {
    it: [
      'DSU con ISEE minorenni valido (senza ISEE spetta l’importo minimo)',
      'Ricevute o fatture delle rette pagate (mese, nome del bambino, codice fiscale del genitore che paga, dati del nido); per i nidi pubblici con pagamento posticipato, l’attestazione di iscrizione',
      'Per il supporto domiciliare: attestazione del pediatra della grave patologia cronica che impedisce la frequenza',
      'Permesso di soggiorno, se cittadina extra UE',
      'IBAN intestato al genitore richiedente',
    ],
    en: [
      'DSU with a valid ISEE minorenni (without an ISEE the minimum amount is due)',
      'Receipts or invoices of the fees paid (month, child’s name, tax code of the paying parent, nursery details); for public nurseries paid later, the enrolment certificate',
      'For home support: the paediatrician’s certificate of the serious chronic illness that prevents attendance',
      'Residence permit, for non-EU citizens',
      'IBAN in the applying parent’s name',
    ],
  },
  apply: {
    who: {
      it: 'Il genitore che paga la retta (per il supporto domiciliare, il genitore convivente con il bambino)',
      en: 'The parent who pays the fee (for home support, the parent living with the child)',
    },
    channel: {
      it: 'INPS online (servizio “Bonus nido”, con SPID, CIE o CNS), app INPS mobile, Contact Center 803 164 (gratuito da rete fissa) o 06 164 164 (da cellulare), o un patronato',
      en: 'INPS online (“Bonus nido” service, with SPID, CIE or CNS), the INPS mobile app, the Contact Center 803 164 (free from landlines) or 06 164 164 (mobile), or a patronato',
    },
    deadline: {
      it: 'Entro il 31 dicembre dell’anno di frequenza',
      en: 'By 31 December of the year of attendance',
    },
  },
  compatibility: [
    {
      with: 'detrazione_spese_nido',
      compatible: 'no',
      text: {
        it: 'Non cumulabile con la detrazione IRPEF delle rette dell’asilo nido per le stesse spese',
        en: 'Not cumulable with the income-tax deduction of nursery fees for the same expenses',
      },
      source: 'L. 232/2016 art. 1 c. 355; L. 203/2008 art. 2 c. 6',
    },
    {
      with: 'assegno_unico',
      compatible: 'yes',
      text: {
        it: 'Cumulabile; dal 2025 l’assegno unico non conta nell’ISEE del bonus',
        en: 'Cumulable; from 2025 the assegno unico does not count in the bonus’s ISEE',
      },
      source: `L. 207/2024 art. 1; ${CIRC}`,
    },
    cumulable('reddito_di_liberta', 'Benefits reference §15'),
    cumulable('assegno_di_inclusione', 'Benefits reference §15'),
  ],
  parameters: PARAMS,
  reasons: REASONS,
  evaluate(ctx) {
    const { s, facts } = ctx;
    const h = s.household;
    citizenshipOrPermit(ctx, PERMITS);
    ctx.require('residence', residentInItaly(s.person));

    // The children under 3: an unknown birth date leaves the age unknown.
    const maxAge = ctx.param('child_max_age');
    if (!facts.membersKnown) {
      ctx.require('child_under_3', null);
      return undefined;
    }
    // A member of unknown relation may be a child (the test runs on known birth dates: the age is known).
    const kids = childrenWhere(facts, (c) => (c.age as number) < maxAge);
    const { found: ageKnown, maybe } = kids;
    const underThree = kids.met;
    ctx.require('child_under_3', underThree, undefined, kids.open);
    // A child who turned 3 earlier this year may still have refundable months: flag it rather than guess.
    const yearStart = ctx.year * 10000 + 101;
    for (const c of facts.children) {
      if (c.age !== maxAge || c.raw.birthDate === undefined) continue;
      let birthday = dayNum(c.raw.birthDate) + maxAge * 10000;
      // 29 February in a common year: the birthday falls on the 28th.
      if (birthday % 10000 === 229 && new Date(Date.UTC(ctx.year, 1, 29)).getUTCDate() !== 29) birthday -= 1;
      if (birthday >= yearStart) ctx.verify('turned_three', { birthday: ctx.dayText(birthday) });
    }
    if (underThree === false) return undefined;

    const attending = ageKnown.filter((c) => c.raw.nursery === true);
    const unsure = ageKnown.filter((c) => c.raw.nursery === undefined);
    // A member of unknown relation who may attend a nursery leaves the condition open.
    const maybeAttending = maybe.filter((m) => m.raw.nursery !== false);
    // So does a child of unknown age who may attend one.
    const ageUnknownAttending = kids.unknownBirth.filter((c) => c.raw.nursery !== false);
    const inNursery: Tri =
      attending.length > 0
        ? true
        : unsure.length > 0 ||
            underThree === null ||
            maybeAttending.length > 0 ||
            ageUnknownAttending.length > 0
          ? null
          : false;
    ctx.require('child_in_nursery', inNursery, undefined, [
      ...unsure.map((c) => `household.members[${c.index}].nursery`),
      ...maybeAttending.map((m) => `household.members[${m.index}].relation`),
      ...ageUnknownAttending.map((c) => `household.members[${c.index}].birthDate`),
    ]);
    if (inNursery === false) {
      ctx.verify('home_support');
      return undefined;
    }

    // The ISEE for minors; absent `iseeMinorenni` falls back to `isee` (contract), null = no ISEE.
    const raw = iseeMinorenni(h);
    const isee = raw === undefined ? undefined : raw === null ? null : Math.round(raw * 100);
    const netted = ctx.param('auu_netted') === 1;
    if (isee === undefined) ctx.amountFact('isee_used', null, { isee: '?' });
    else if (isee === null) ctx.info('no_isee', true, { amount: ctx.euro(ctx.param('amount_base')) });
    else ctx.amountFact('isee_used', true, { isee: ctx.euro(isee) });

    // From 2025 the ISEE is read less AUU / scale (L. 207/2024; circ. 60/2025).
    const le = (limit: number): Tri => {
      if (isee === undefined) return null;
      if (isee === null) return false;
      return netted ? iseeLessAuuAtMost(h, isee, limit) : isee <= limit;
    };
    const lowMax = ctx.param('isee_low_max');
    let min = 0;
    let max = 0;
    let iseeOpen = false;
    for (const child of attending) {
      const r = childAmount(ctx, child, le);
      if (r.min !== r.max) iseeOpen = true;
      min += r.min;
      max += r.max;
      const birth = ctx.dayText(dayNum(child.raw.birthDate as string));
      if (r.min === r.max) ctx.info('child_amount', true, { birth, amount: ctx.euro(r.min), band: r.band });
      else ctx.info('child_amount_unknown', true, { birth, min: ctx.euro(r.min), max: ctx.euro(r.max) });
    }
    // A child whose attendance is unknown may add to the maximum, not to the minimum.
    for (const child of unsure) {
      const r = childAmount(ctx, child, le);
      if (r.min !== r.max) iseeOpen = true;
      max += r.max;
    }
    // So may a member of unknown relation; without a birth date, count the highest yearly maximum in force.
    for (const m of [...maybeAttending, ...ageUnknownAttending]) {
      if (m.raw.birthDate !== undefined) max += childAmount(ctx, m, le).max;
      else
        max +=
          ctx.day >= ctx.param('increased_births_from')
            ? ctx.param('amount_increased')
            : ctx.param('amount_low_isee');
    }
    if (netted && typeof isee === 'number' && isee > lowMax) {
      // Show the netting (circ. 60/2025 § 3) when it is known, or when an unknown AUU leaves the band open.
      const auu = h?.auuAnnual;
      const scale = h?.iseeScale;
      const known = auu !== undefined && (auu === 0 || scale !== undefined);
      if (known || iseeOpen) {
        const net = known && auu && scale ? Math.round(isee - (auu * 100) / scale) : isee;
        ctx.amountFact(
          'auu_netted',
          known ? true : null,
          {
            isee: ctx.euro(isee),
            auu: auu === undefined ? '?' : ctx.euro(Math.round(auu * 100)),
            scale: scale ?? '?',
            net: known ? ctx.euro(net) : '?',
          },
          auu === undefined ? ['household.auuAnnual', 'household.iseeScale'] : ['household.iseeScale'],
        );
      }
    }
    const n = ctx.param('instalments');
    ctx.info('instalments', true, { n });
    ctx.info('deadline', true, { year: ctx.year });
    const amount: Amount = min === max ? { yearly: min } : { min, max };
    return amount;
  },
});

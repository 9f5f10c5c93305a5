// Bonus nuovi nati (reference §10): 1,000 € once per child born or adopted from 1/1/2025, ISEE minorenni up to
// 40,000 € without the assegno unico (L. 207/2024 art. 1 c. 206-208; INPS circ. 76/2025), applied for within the
// window of INPS circ. 76/2025 (60 days) and msg 2345/2025 (120 days from 24 July 2025).
import { type Ctx, defineBenefit } from '../../engine/benefit.ts';
import { addDays, dayNum } from '../../engine/dates.ts';
import type { Tri } from '../../engine/three.ts';
import { cumulable } from '../_shared/compatibility.ts';
import { childrenWhere, citizenshipOrPermit, type PermitRule } from '../_shared/family.ts';
import {
  failedOnOrdinaryIsee,
  ISEE_MINORENNI_DIFFERS,
  iseeLessAuuAtMost,
  iseeMinorenni,
  iseeText,
} from '../_shared/isee.ts';
import { residentInItaly } from '../_shared/person.ts';

const PARAMS = [
  'births_from',
  'amount',
  'isee_max',
  'window_days',
  'late_events_to',
  'late_deadline',
] as const;
type P = (typeof PARAMS)[number];
type C = keyof typeof REASONS;

const LAW = 'L. 207/2024 art. 1 c. 206-208';
const CIRC = 'INPS circ. 76 del 14/4/2025';
const REASONS = {
  not_yet: {
    it: 'Il bonus spetta solo per i figli nati o adottati dal {from}: prima non esisteva',
    en: 'The bonus exists only for children born or adopted from {from}: it did not exist before',
    source: `${LAW} (GU 31/12/2024)`,
  },
  newborn: {
    it: 'Un figlio nato, adottato o in affido preadottivo dal {from}',
    en: 'A child born, adopted or in pre-adoptive foster care from {from}',
    source: `${LAW}; ${CIRC}`,
    paths: ['household.members'],
  },
  adoption_entry: {
    it: 'Da verificare: per un figlio adottato o in affido preadottivo conta la data di ingresso in famiglia, non quella di nascita',
    en: 'To verify: for an adopted child or one in pre-adoptive foster care the date of entry into the family counts, not the birth date',
    source: 'L. 207/2024 art. 1 c. 206; INPS circ. 76/2025',
  },
  within_deadline: {
    it: 'Domanda entro il termine, a pena di decadenza: {days} giorni dalla nascita o dall’ingresso in famiglia',
    en: 'Application within the time limit, under penalty of forfeiture: {days} days from the birth or the entry into the family',
    source: `${CIRC} § 3; INPS msg 1303 del 16/4/2025; INPS msg 2345 del 24/7/2025`,
  },
  child_deadline: {
    it: 'Figlio nato il {birth}: domanda entro il {deadline}',
    en: 'Child born on {birth}: apply by {deadline}',
    source: `${CIRC} § 3; INPS msg 2345 del 24/7/2025`,
  },
  child_late: {
    it: 'Figlio nato il {birth}: termine scaduto il {deadline}',
    en: 'Child born on {birth}: the time limit expired on {deadline}',
    source: `${CIRC} § 3; INPS msg 2345 del 24/7/2025`,
  },
  citizenship: {
    it: 'Cittadinanza italiana o UE, permesso UE di lungo periodo, protezione internazionale o altro titolo ammesso',
    en: 'Italian or EU citizenship, EU long-term permit, international protection or another admitted permit',
    source: `${LAW}; ${CIRC}; D.Lgs. 251/2007 art. 27`,
    paths: ['person.citizenship'],
  },
  permit_months: {
    it: 'Permesso di soggiorno di durata superiore a 6 mesi ({months} mesi)',
    en: 'Residence permit longer than 6 months ({months} months)',
    source: CIRC,
    paths: ['person.permitMonths'],
  },
  permit_type: {
    it: 'Da verificare: un permesso di meno di un anno vale solo se è un permesso unico di lavoro o per ricerca',
    en: 'To verify: a permit shorter than one year counts only if it is a single work permit or a research permit',
    source: CIRC,
  },
  residence: {
    it: 'Il genitore richiedente risiede in Italia dalla nascita (o dall’ingresso in famiglia) alla domanda',
    en: 'The applying parent has resided in Italy from the birth (or entry into the family) to the application',
    source: `${LAW}; ${CIRC}`,
    paths: ['person.residenceYears'],
  },
  isee: {
    it: 'ISEE minorenni non superiore a {max}, senza contare l’assegno unico ({isee})',
    en: 'ISEE minorenni not above {max}, leaving out the assegno unico ({isee})',
    source: `${LAW}; ${CIRC}`,
    paths: ['household.iseeMinorenni'],
  },
  isee_minorenni_differs: ISEE_MINORENNI_DIFFERS,
  auu_netted: {
    it: 'L’assegno unico percepito non conta: {isee} − {auu} / {scale} = {net}',
    en: 'The assegno unico received does not count: {isee} − {auu} / {scale} = {net}',
    source: `${LAW}; ${CIRC}`,
    paths: ['household.auuAnnual', 'household.iseeScale'],
  },
  isee_2026: {
    it: 'Dal 2026 vale l’ISEE per le prestazioni familiari (franchigie più alte sulla casa e scala con più figli)',
    en: 'From 2026 the ISEE for family benefits applies (higher main-home allowance, scale with more children)',
    source: 'L. 199/2025 art. 1 c. 208; INPS msg 102 del 12/1/2026',
  },
  amount: {
    it: '{amount} una tantum per ciascun figlio (figli: {children}), non tassati',
    en: '{amount} once for each child (children: {children}), not taxed',
    source: `${LAW}; ${CIRC}`,
  },
} as const;

// Kept in this rule, not shared: the titles admitted by circ. 76/2025 may change on their own.
const PERMITS: PermitRule = {
  // Admitted by citizenship alone (circ. 76/2025): IT/EU, EU family members, EU long-term permit, international
  // protection and statelessness (equal to Italians, D.Lgs. 251/2007 art. 27).
  admitted: new Set(['it', 'eu', 'eu_family', 'non_eu_long_term', 'refugee', 'subsidiary_protection']),
  // Other permits: any permit of at least a year; under a year only a single work or research permit over 6 months.
  anyTypeMonths: 12,
  minMonthsExclusive: 6,
};

/** The last day to apply for a child born on `birth`, under the rules in force on the assessed day. */
function deadlineFor(ctx: Ctx<P, C>, birth: number): number {
  const own = addDays(birth, ctx.param('window_days'));
  // Births before the service opened, and those reopened by msg 2345/2025, keep a common later deadline.
  if (birth <= ctx.param('late_events_to')) return Math.max(own, ctx.param('late_deadline'));
  return own;
}

export const bonusNuoviNati = defineBenefit({
  id: 'bonus_nuovi_nati',
  dir: import.meta.dirname,
  name: { it: 'Bonus nuovi nati', en: 'Newborn bonus (bonus nuovi nati)' },
  description: {
    it: '1.000,00 € una tantum per ogni figlio nato o adottato dal 2025, con ISEE minorenni fino a 40.000,00 €.',
    en: '€1,000.00 once for each child born or adopted from 2025, with ISEE minorenni up to €40,000.00.',
  },
  acts: [LAW, 'INPS circ. 76/2025', 'INPS msg 1303/2025', 'INPS msg 2345/2025', 'L. 199/2025 art. 1 c. 208'],
  documents: {
    it: [
      'DSU con ISEE minorenni valido in cui compare il figlio (basta la DSU presentata prima della domanda)',
      'Codice fiscale del figlio; per adozione o affido preadottivo, il provvedimento del tribunale',
      'Permesso di soggiorno, se cittadina extra UE',
      'IBAN intestato al genitore richiedente',
    ],
    en: [
      'DSU with a valid ISEE minorenni that includes the child (a DSU filed before the application is enough)',
      'The child’s tax code; for adoption or pre-adoptive foster care, the court order',
      'Residence permit, for non-EU citizens',
      'IBAN in the applying parent’s name',
    ],
  },
  apply: {
    who: {
      it: 'Un genitore; se i genitori non convivono, quello che vive con il figlio. Una domanda per ogni figlio',
      en: 'One parent; if the parents do not live together, the one living with the child. One application per child',
    },
    channel: {
      it: 'INPS online (servizio “Bonus nuovi nati”, con SPID, CIE o CNS), app INPS mobile, Contact Center 803 164 (gratuito da rete fissa) o 06 164 164 (da cellulare), o un patronato',
      en: 'INPS online (“Bonus nuovi nati” service, with SPID, CIE or CNS), the INPS mobile app, the Contact Center 803 164 (free from landlines) or 06 164 164 (mobile), or a patronato',
    },
    deadline: {
      it: 'A pena di decadenza: 60 giorni dalla nascita o dall’ingresso in famiglia, 120 giorni dal 24 luglio 2025 (msg INPS 2345/2025)',
      en: 'Under penalty of forfeiture: 60 days from the birth or the entry into the family, 120 days from 24 July 2025 (INPS msg 2345/2025)',
    },
  },
  compatibility: [
    {
      with: 'assegno_unico',
      compatible: 'yes',
      text: {
        it: 'Cumulabile; l’assegno unico non conta nell’ISEE del bonus',
        en: 'Cumulable; the assegno unico does not count in the bonus’s ISEE',
      },
      source: `${LAW}; ${CIRC}`,
    },
    cumulable('bonus_asilo_nido', 'Benefits reference §15'),
    cumulable('assegno_maternita_comuni', `${LAW} (nessun divieto di cumulo)`),
    cumulable('reddito_di_liberta', 'Benefits reference §15'),
  ],
  parameters: PARAMS,
  reasons: REASONS,
  evaluate(ctx) {
    const { s, facts } = ctx;
    const from = ctx.param('births_from');
    // Before 2025 the measure did not exist: a known reason, not a parameter gap (L. 207/2024 c. 206).
    if (ctx.day < from) {
      ctx.require('not_yet', false, { from: ctx.dayText(from) });
      return undefined;
    }
    citizenshipOrPermit(ctx, PERMITS);
    ctx.require('residence', residentInItaly(s.person));

    // The children born from 1/1/2025; an unknown birth date may be one, and so may a member of unknown
    // relation born from 2025 (or of unknown birth).
    const kids = childrenWhere(facts, (c) => dayNum(c.raw.birthDate as string) >= from);
    const { found: candidates, unknownBirth, maybe } = kids;
    ctx.require('newborn', kids.met, { from: ctx.dayText(from) }, facts.membersKnown ? kids.open : undefined);

    // The contract carries birth dates only: an adopted child's entry into the family may be later.
    if (kids.met === false && facts.children.length > 0) ctx.verify('adoption_entry');

    // The application is made on the assessed day: each child counts while its window is open.
    let inTime = 0;
    for (const c of candidates) {
      const birth = dayNum(c.raw.birthDate as string);
      const deadline = deadlineFor(ctx, birth);
      const open = ctx.day <= deadline;
      if (open) inTime++;
      ctx.info(open ? 'child_deadline' : 'child_late', open, {
        birth: ctx.dayText(birth),
        deadline: ctx.dayText(deadline),
      });
    }
    if (candidates.length > 0) {
      // Another possible newborn still in time (unknown birth date, or unknown relation) leaves it open.
      const pending = [
        ...unknownBirth.map((c) => `household.members[${c.index}].birthDate`),
        ...maybe
          .filter(
            (m) => m.raw.birthDate === undefined || ctx.day <= deadlineFor(ctx, dayNum(m.raw.birthDate)),
          )
          .map((m) => `household.members[${m.index}].relation`),
      ];
      ctx.require(
        'within_deadline',
        inTime > 0 ? true : pending.length > 0 ? null : false,
        { days: ctx.param('window_days') },
        pending,
      );
      if (inTime === 0 && pending.length === 0) ctx.verify('adoption_entry');
    }

    // ISEE minorenni (absent: the ISEE; null: none), less AUU / scale (c. 207; circ. 76/2025).
    const h = s.household;
    const raw = iseeMinorenni(h);
    const max = ctx.param('isee_max');
    let met: Tri;
    if (raw === undefined) met = null;
    else if (raw === null) met = false;
    else {
      const isee = Math.round(raw * 100);
      met = iseeLessAuuAtMost(h, isee, max);
      if (isee > max) {
        const auu = h?.auuAnnual;
        const scale = h?.iseeScale;
        if (auu !== undefined && auu > 0 && scale !== undefined)
          ctx.info('auu_netted', true, {
            isee: ctx.euro(isee),
            auu: ctx.euro(Math.round(auu * 100)),
            scale: ctx.lang === 'it' ? String(scale).replace('.', ',') : scale,
            net: ctx.euro(Math.round(isee - (auu * 100) / scale)),
          });
        if (met === null)
          ctx.require(
            'auu_netted',
            null,
            {
              isee: ctx.euro(isee),
              auu: auu === undefined ? '?' : ctx.euro(Math.round(auu * 100)),
              scale: scale ?? '?',
              net: '?',
            },
            auu === undefined ? ['household.auuAnnual', 'household.iseeScale'] : ['household.iseeScale'],
          );
      }
    }
    // Absent ISEE minorenni: the ordinary ISEE stands in (contract), but only to admit, never to exclude.
    const fallbackFailed = failedOnOrdinaryIsee(ctx, met);
    if (fallbackFailed) met = null;
    ctx.require(
      'isee',
      met,
      {
        max: ctx.euro(max),
        isee: iseeText(raw, ctx.lang),
      },
      fallbackFailed ? ['household.iseeMinorenni'] : met === null && raw !== undefined ? [] : undefined,
    );
    if (ctx.year >= 2026) ctx.info('isee_2026', true);

    const amount = ctx.param('amount');
    const children = Math.max(inTime, 1);
    ctx.info('amount', true, { amount: ctx.euro(amount), children });
    return { once: amount * children };
  },
});

// Carta "Dedicata a te" (reference §11): a prepaid card for basic food, given without application to households of at
// least 3 members with ISEE ordinario up to 15,000 € that receive no other anti-poverty or unemployment support;
// INPS ranks them, the Comuni publish the lists, Poste Italiane hands out the cards (L. 197/2022 art. 1 c. 450 and the
// yearly decrees).
import { defineBenefit } from '../../engine/benefit.ts';
import { dayNum } from '../../engine/dates.ts';
import type { Tri } from '../../engine/three.ts';
import { cumulable } from '../_shared/compatibility.ts';
import { iseeText } from '../_shared/isee.ts';
import { residentInItaly } from '../_shared/person.ts';
import { assegnoSociale } from '../assegno_sociale/rule.ts';
import { redditoDiLiberta } from '../reddito_di_liberta/rule.ts';
import { supportoFormazioneLavoro } from '../supporto_formazione_lavoro/rule.ts';

const DECREES = 'L. 197/2022 art. 1 c. 450; DI 4/6/2024; DM MASAF 30/7/2025 (GU 12/8/2025)';

// Measures that exclude the household (DM 30/7/2025 art. 1, as in the 2023-2024 decrees): inclusion and anti-poverty
// benefits (ADI, RdC, Carta acquisti, other national, regional or local ones) and unemployment or wage support.
const EXCLUDING = new Set([
  'assegno_di_inclusione',
  'rdc',
  'carta_acquisti',
  'other_anti_poverty',
  'naspi',
  'dis_coll',
  'cig',
]);
// Measures whose effect the decrees do not settle (reference §11, §15): to verify, not a silent exclusion.
// Support whose effect on the card is unclear: named in the reason by the benefit's own name, in her language.
const DOUBTFUL = new Map(
  [redditoDiLiberta, supportoFormazioneLavoro, assegnoSociale].map((b) => [b.id as string, b]),
);

export const cartaDedicataATe = defineBenefit({
  id: 'carta_dedicata_a_te',
  dir: import.meta.dirname,
  name: { it: 'Carta “Dedicata a te”', en: 'Carta “Dedicata a te” (food card)' },
  description: {
    it: 'Carta prepagata per la spesa alimentare, data senza domanda ai nuclei di almeno 3 persone con ISEE fino a 15.000,00 € che non ricevono altri sostegni.',
    en: 'Prepaid card for food shopping, given without application to households of at least 3 people with ISEE up to €15,000.00 receiving no other support.',
  },
  acts: [
    'L. 197/2022 art. 1 c. 450',
    'L. 213/2023',
    'L. 207/2024 art. 1 c. 103-104',
    'L. 199/2025 art. 1 c. 5-6',
    'Decreto interministeriale 4/6/2024',
    'DM MASAF 30/7/2025 (GU n. 186 del 12/8/2025)',
  ],
  documents: {
    it: [
      'Nessuna domanda: serve una DSU/ISEE ordinario valido alla data del decreto dell’anno',
      'Lettera del Comune di assegnazione e documento d’identità, per ritirare la carta all’ufficio postale',
    ],
    en: [
      'No application: a DSU/ISEE ordinario valid on the date of the year’s decree is needed',
      'The Comune’s assignment letter and an identity document, to collect the card at the post office',
    ],
  },
  apply: {
    who: {
      it: 'Nessuna domanda: l’INPS individua i nuclei e il Comune di residenza li comunica',
      en: 'No application: INPS selects the households and the Comune of residence notifies them',
    },
    channel: {
      it: 'Liste dell’INPS ai Comuni, che le verificano e le pubblicano; ritiro della carta Postepay all’ufficio postale',
      en: 'INPS lists to the Comuni, which check and publish them; the Postepay card is collected at the post office',
    },
    deadline: {
      it: 'Primo acquisto entro la data del decreto dell’anno, pena la decadenza (2025: entro il 16 dicembre 2025; spesa entro il 28 febbraio 2026)',
      en: 'First purchase by the date of the year’s decree, or the card lapses (2025: by 16 December 2025; spend by 28 February 2026)',
    },
  },
  compatibility: [
    {
      with: 'assegno_di_inclusione',
      compatible: 'no',
      text: {
        it: 'Esclusa se nel nucleo qualcuno riceve l’ADI',
        en: 'Excluded if anyone in the household receives the ADI',
      },
      source: 'DM MASAF 30/7/2025 art. 1',
    },
    {
      with: 'naspi',
      compatible: 'no',
      text: {
        it: 'Esclusa se nel nucleo qualcuno riceve NASpI, DIS-COLL o cassa integrazione',
        en: 'Excluded if anyone in the household receives NASpI, DIS-COLL or wage guarantee (CIG)',
      },
      source: 'DM MASAF 30/7/2025 art. 1',
    },
    {
      with: 'reddito_di_liberta',
      compatible: 'uncertain',
      text: {
        it: 'Da verificare se il Reddito di Libertà conta come “altra misura di sostegno alla povertà”',
        en: 'To verify whether the Reddito di Libertà counts as “another anti-poverty measure”',
      },
      source: 'DM MASAF 30/7/2025 art. 1 (non chiarito)',
    },
    cumulable('assegno_unico', 'Benefits reference §15'),
  ],
  parameters: ['min_members', 'isee_max', 'amount', 'topup', 'priority1_born_after', 'priority2_born_after'],
  reasons: {
    resident: {
      it: 'Residente in Italia',
      en: 'Resident in Italy',
      source: DECREES,
      paths: ['person.residenceYears'],
    },
    anagrafe: {
      it: 'Da verificare: tutti i componenti iscritti all’Anagrafe del Comune di residenza',
      en: 'To verify: every member registered in the Anagrafe of the Comune of residence',
      source: DECREES,
    },
    members: {
      it: 'Nucleo di almeno {min} persone (nel nucleo: {n})',
      en: 'Household of at least {min} people (in the household: {n})',
      source: DECREES,
      paths: ['household.members'],
    },
    isee: {
      it: 'ISEE ordinario non superiore a {max}, valido alla data del decreto dell’anno ({isee})',
      en: 'ISEE ordinario not above {max}, valid on the date of the year’s decree ({isee})',
      source: DECREES,
      paths: ['household.isee'],
    },
    no_other_support: {
      it: 'Nessuno nel nucleo riceve ADI, RdC, Carta acquisti, altri sostegni contro la povertà, NASpI, DIS-COLL o cassa integrazione',
      en: 'Nobody in the household receives ADI, RdC, Carta acquisti, other anti-poverty support, NASpI, DIS-COLL or wage guarantee (CIG)',
      source: DECREES,
      paths: ['household.receiving'],
    },
    doubtful_support: {
      it: 'Da verificare: non è chiaro se {what} escluda dalla carta (“altra misura di sostegno”)',
      en: 'To verify: it is unclear whether {what} excludes the household from the card (“other support measure”)',
      source: 'DM MASAF 30/7/2025 art. 1 (reference §11, §15)',
    },
    ranking: {
      it: 'Gruppo di priorità {group} su 3 nella graduatoria INPS (il componente più giovane è nato il {born}; gruppo 1 se nato dopo il {d1}); dentro il gruppo viene prima l’ISEE più basso',
      en: 'Priority group {group} of 3 in the INPS ranking (the youngest member was born on {born}; group 1 if born after {d1}); within a group the lowest ISEE comes first',
      source: `${DECREES} (reference S170-S173)`,
    },
    ranking_boundary: {
      it: 'Da verificare: un componente è nato nell’anno limite ({year}) e non è chiaro in quale gruppo rientri',
      en: 'To verify: a member was born in the boundary year ({year}) and the group it falls in is unclear',
      source: 'reference §11 (S170, S171, S172 disagree)',
    },
    budget: {
      it: 'Da verificare: le carte sono assegnate a ogni Comune in numero limitato, seguendo la graduatoria',
      en: 'To verify: each Comune receives a limited number of cards, given in ranking order',
      source: DECREES,
    },
    amount: {
      it: '{amount} per nucleo, solo per beni alimentari di prima necessità',
      en: '{amount} per household, only for basic food',
      source: DECREES,
    },
  },
  evaluate(ctx) {
    const { s, facts } = ctx;
    const h = s.household;
    ctx.require('resident', residentInItaly(s.person));
    ctx.verify('anagrafe');

    const min = ctx.param('min_members');
    const n = 1 + facts.members.length;
    ctx.require('members', facts.membersKnown ? n >= min : null, { min, n: facts.membersKnown ? n : '?' });

    // ISEE ordinario (not the one for minors): absent = unknown, null = none.
    const max = ctx.param('isee_max');
    const isee = h?.isee;
    ctx.require('isee', isee === undefined ? null : isee !== null && Math.round(isee * 100) <= max, {
      max: ctx.euro(max),
      isee: iseeText(isee, ctx.lang),
    });

    const receiving = h?.receiving;
    const excluded: Tri = receiving === undefined ? null : !receiving.some((r) => EXCLUDING.has(r));
    ctx.require('no_other_support', excluded);
    for (const r of receiving ?? []) {
      const doubtful = DOUBTFUL.get(r);
      if (doubtful) ctx.verify('doubtful_support', { what: doubtful.catalogue(ctx.lang).name });
    }

    // Ranking (information): the youngest known member decides the group.
    const births = [s.person?.birthDate, ...facts.members.map((m) => m.raw.birthDate)]
      .filter((b): b is string => b !== undefined)
      .map(dayNum);
    const youngest = births.length ? Math.max(...births) : undefined;
    if (youngest !== undefined) {
      const d1 = ctx.param('priority1_born_after');
      let group = 3;
      let d2 = 0;
      if (youngest > d1) group = 1;
      else {
        d2 = ctx.param('priority2_born_after');
        if (youngest > d2) group = 2;
      }
      ctx.info('ranking', true, { group, born: ctx.dayText(youngest), d1: ctx.dayText(d1) });
      // "Nato entro il 31/12/AAAA": whether the year itself counts is unsettled (reference §11).
      const boundary = [Math.floor(d1 / 10000), d2 ? Math.floor(d2 / 10000) : 0];
      const y = births.find((b) => boundary.includes(Math.floor(b / 10000)));
      if (y !== undefined) ctx.verify('ranking_boundary', { year: Math.floor(y / 10000) });
    }
    ctx.verify('budget');

    const amount = ctx.param('amount') + ctx.param('topup');
    ctx.info('amount', true, { amount: ctx.euro(amount) });
    return { once: amount };
  },
});

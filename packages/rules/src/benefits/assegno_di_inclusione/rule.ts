// Assegno di Inclusione (reference §3): DL 48/2023 conv. L. 85/2023 artt. 1–13; DM 154/2023 art. 5 c. 3;
// L. 207/2024 (2025 thresholds); INPS circ. 105/2023, msg. 592/2025, 595/2025, 2388/2025.
import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import { roundHalfUp, toCents } from '../../engine/money.ts';
import { or3, type Tri } from '../../engine/three.ts';
import { ageAtLeast, inForce, isWorking } from '../_shared/person.ts';
import {
  adiIncomeAccess,
  careDuties,
  citizenshipOk,
  disadvantagedVictim,
  inProtectionPath,
  isDisabled,
  recentResignation,
  requireResidence,
  requireWealth,
  scaled,
  scaleText,
} from './common.ts';

export const assegnoDiInclusione = defineBenefit({
  id: 'assegno_di_inclusione',
  dir: import.meta.dirname,
  name: { it: 'Assegno di Inclusione', en: 'Assegno di Inclusione (inclusion allowance)' },
  description: {
    it: 'Sostegno economico e percorso di inclusione per i nuclei con un minore, una persona con disabilità, una persona di almeno 60 anni o in condizione di svantaggio presa in carico dai servizi, tra cui le donne vittime di violenza.',
    en: 'Income support and an inclusion path for households with a minor, a disabled person, a person aged 60 or more, or a disadvantaged person in the care of the services, including women victims of violence.',
  },
  acts: [
    'DL 48/2023 (L. 85/2023) artt. 1–13',
    'DM Lavoro 154/2023 art. 5 c. 3',
    'L. 207/2024 (legge di bilancio 2025)',
    'L. 199/2025 (legge di bilancio 2026)',
    'INPS circ. 105/2023',
    'INPS msg. 592/2025, 595/2025, 2388/2025',
  ],
  documents: {
    it: [
      'DSU e ISEE in corso di validità (dal 2026 l’ISEE per le prestazioni familiari e per l’inclusione)',
      'Per la donna in un percorso di protezione: attestazione del centro antiviolenza, dei servizi sociali o della casa rifugio (nucleo a sé anche ai fini ISEE)',
      'Attestazione della condizione di svantaggio da parte dei servizi sociali o sociosanitari (DM 154/2023 art. 5)',
      'Contratto di locazione registrato, se si chiede l’integrazione per l’affitto',
      'Iscrizione al SIISL e sottoscrizione del Patto di attivazione digitale (PAD)',
      'Documento di identità e, per le cittadine non UE, permesso di soggiorno UE per soggiornanti di lungo periodo o titolo di protezione internazionale',
    ],
    en: [
      'Valid DSU and ISEE (from 2026 the ISEE for family and inclusion benefits)',
      'For a woman in a protection path: statement of the anti-violence centre, the social services or the shelter (a household of her own, also for the ISEE)',
      'Statement of the disadvantaged condition by the social or social-health services (DM 154/2023 art. 5)',
      'Registered lease, to ask for the rent top-up',
      'Registration on SIISL and signature of the digital activation pact (PAD)',
      'Identity document and, for non-EU citizens, EU long-term residence permit or international protection status',
    ],
  },
  apply: {
    who: {
      it: 'Un componente del nucleo, di persona o tramite patronato o CAF',
      en: 'A member of the household, in person or through a patronato or CAF',
    },
    channel: {
      it: 'Servizio online INPS (SPID, CIE, CNS), patronato o CAF; poi iscrizione al SIISL e firma del PAD',
      en: 'INPS online service (SPID, CIE, CNS), patronato or CAF; then registration on SIISL and signature of the PAD',
    },
    deadline: {
      it: 'In qualsiasi momento; il beneficio decorre dal mese successivo alla firma del PAD, per 18 mesi rinnovabili di 12 in 12',
      en: 'At any time; the benefit starts the month after the PAD is signed, for 18 months renewable 12 months at a time',
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
      with: 'supporto_formazione_lavoro',
      compatible: 'no',
      text: {
        it: 'Non per la stessa persona; i componenti non calcolati nella scala di equivalenza possono chiedere il Supporto per la formazione e il lavoro',
        en: 'Not for the same person; members not counted in the equivalence scale may ask for the Supporto per la formazione e il lavoro',
      },
      source: 'DL 48/2023 art. 12 c. 1',
    },
    {
      with: 'naspi',
      compatible: 'uncertain',
      text: {
        it: 'La NASpI non esclude l’ADI ma conta come reddito del nucleo (da verificare)',
        en: 'NASpI does not exclude ADI but counts as household income (to verify)',
      },
      source: 'DL 48/2023 art. 2 c. 2 lett. b n. 2 (non riletto)',
    },
    {
      with: 'assegno_unico',
      compatible: 'uncertain',
      text: {
        it: 'In generale cumulabile con l’Assegno Unico (da verificare)',
        en: 'Generally combinable with the Assegno Unico (to verify)',
      },
      source: 'D.Lgs. 230/2021 (non riletto)',
    },
    {
      with: 'carta_dedicata_a_te',
      compatible: 'no',
      text: {
        it: 'Chi riceve l’ADI non può avere la Carta Dedicata a te',
        en: 'ADI households cannot get the Carta Dedicata a te',
      },
      source: 'DM MASAF 30/7/2025',
    },
  ],
  parameters: [
    'start',
    'isee_max',
    'income_threshold',
    'income_threshold_older',
    'income_threshold_renters',
    'rent_max',
    'rent_max_older',
    'minimum_yearly',
    'real_estate_max',
    'movable_base',
    'movable_per_member',
    'movable_members_cap',
    'movable_per_minor',
    'movable_per_disabled',
    'movable_per_severe',
    'residence_years',
    'residence_continuous_years',
    'category_age',
    'older_age',
    'scale_disabled',
    'scale_older',
    'scale_care',
    'scale_minor',
    'scale_minor_further',
    'scale_cap',
    'scale_cap_severe',
    'first_period_months',
    'resignation_months',
  ],
  reasons: {
    in_force: {
      it: 'L’Assegno di Inclusione esiste dal {start}',
      en: 'The Assegno di Inclusione exists from {start}',
      source: 'DL 48/2023 art. 1 c. 1',
    },
    category: {
      it: 'Nel nucleo c’è un minorenne, una persona con disabilità, una persona di almeno {age} anni o una persona in condizione di svantaggio presa in carico dai servizi',
      en: 'The household includes a minor, a disabled person, a person aged {age} or more, or a disadvantaged person in the care of the services',
      source: 'DL 48/2023 art. 1 c. 1 e art. 2 c. 1; DM 154/2023 art. 5 c. 3',
      paths: ['household.members', 'person.birthDate', 'person.disability', 'person.violence.socialServices'],
    },
    victim_disadvantaged: {
      it: 'Vittima di violenza di genere in carico ai servizi sociali: è tra le persone in condizione di svantaggio che danno accesso all’ADI (serve l’attestazione dei servizi)',
      en: 'A victim of gender-based violence in the care of the social services is among the disadvantaged people who give access to ADI (the services must attest it)',
      source: 'DL 48/2023 art. 2 c. 1; DM 154/2023 art. 5 c. 3',
    },
    citizenship: {
      it: 'Cittadina UE o familiare con diritto di soggiorno, cittadina non UE con permesso UE per soggiornanti di lungo periodo, o titolare di protezione internazionale',
      en: 'EU citizen or family member with a right of residence, non-EU citizen with an EU long-term permit, or holder of international protection',
      source: 'DL 48/2023 art. 2 c. 2 lett. a n. 1',
      paths: ['person.citizenship'],
    },
    residence: {
      it: 'Residente in Italia da almeno {years} anni, di cui gli ultimi {continuous} in modo continuativo',
      en: 'Resident in Italy for at least {years} years, the last {continuous} of them continuously',
      source: 'DL 48/2023 art. 2 c. 2 lett. a n. 2',
      paths: ['person.residenceYears', 'person.residenceContinuousYears'],
    },
    isee: {
      it: 'ISEE in corso di validità non superiore a {max}',
      en: 'Valid ISEE not above {max}',
      source: 'DL 48/2023 art. 2 c. 2 lett. b n. 1; L. 207/2024',
      paths: ['household.isee'],
    },
    income: {
      it: 'Reddito familiare inferiore alla soglia di accesso di {threshold} ({base} × scala di equivalenza {scale}{renters})',
      en: 'Household income below the access threshold of {threshold} ({base} × equivalence scale {scale}{renters})',
      source: 'DL 48/2023 art. 2 c. 2 lett. b n. 2 e c. 4; L. 207/2024',
      paths: ['household.familyIncome'],
    },
    renters_scale: {
      it: 'Da verificare: per i nuclei in affitto la soglia di accesso è {renters}; non è chiaro se vada moltiplicata per la scala di equivalenza, e il reddito familiare sta proprio tra i due valori',
      en: 'To verify: for renting households the access threshold is {renters}; it is unclear whether it is multiplied by the equivalence scale, and the household income lies between the two values',
      source: 'DL 48/2023 art. 2 c. 2 lett. b n. 2 come modificato dalla L. 207/2024; INPS msg. 595/2025',
    },
    real_estate: {
      it: 'Patrimonio immobiliare, esclusa la casa di abitazione, non superiore a {max}',
      en: 'Real estate, excluding the main home, not above {max}',
      source: 'DL 48/2023 art. 2 c. 2 lett. b n. 3',
      paths: ['household.realEstate'],
    },
    movable: {
      it: 'Patrimonio mobiliare non superiore a {max} per questo nucleo',
      en: 'Movable assets not above {max} for this household',
      source: 'DL 48/2023 art. 2 c. 2 lett. b n. 4',
      paths: ['household.movableAssets'],
    },
    resignation: {
      it: 'Nessuna dimissione volontaria negli ultimi {months} mesi da parte di chi ha obblighi di attivazione (salvo giusta causa)',
      en: 'No voluntary resignation in the last {months} months by a member with activation duties (except for just cause)',
      source: 'DL 48/2023 art. 2 c. 3 e art. 6 c. 4–5',
      paths: ['person.lastJob.endReason'],
    },
    resignation_violence: {
      it: 'Da verificare: dimissioni per sottrarsi alla violenza fuori dal lavoro non sono nell’elenco INPS delle giuste cause',
      en: 'To verify: resigning to escape violence outside work is not in the INPS list of just causes',
      source: 'DL 48/2023 art. 2 c. 3; INPS circ. 163/2003',
    },
    consensual: {
      it: 'Da verificare: la risoluzione consensuale non esclude l’ADI solo se avvenuta nella procedura dell’art. 7 L. 604/1966',
      en: 'To verify: a consensual termination does not exclude ADI only if reached in the procedure of art. 7 L. 604/1966',
      source: 'DL 48/2023 art. 2 c. 3',
    },
    members_resignation: {
      it: 'Da verificare: nessun altro componente con obblighi di attivazione si è dimesso volontariamente negli ultimi 12 mesi',
      en: 'To verify: no other member with activation duties resigned voluntarily in the last 12 months',
      source: 'DL 48/2023 art. 2 c. 3',
    },
    vehicles: {
      it: 'Da verificare: nessun componente ha auto o moto immatricolate di recente o di grossa cilindrata, navi o imbarcazioni da diporto',
      en: 'To verify: no member owns recently registered or high-powered cars or motorbikes, ships or pleasure boats',
      source: 'DL 48/2023 art. 2 c. 2 lett. c',
    },
    measures: {
      it: 'Da verificare: la richiedente non è sottoposta a misura cautelare personale né condannata in via definitiva negli ultimi 10 anni per i reati indicati dalla legge',
      en: 'To verify: the applicant is not under a personal precautionary measure nor finally convicted in the last 10 years of the offences listed by the law',
      source: 'DL 48/2023 art. 2',
    },
    separate_household: {
      it: 'Da verificare: la donna in un percorso di protezione forma un nucleo a sé, anche ai fini ISEE, senza provvedimento del giudice (regola introdotta dalla L. 85/2023; articolo e comma non individuati)',
      en: 'To verify: a woman in a protection path forms a household of her own, also for the ISEE, without a court order (rule added by L. 85/2023; article and comma not identified)',
      source: 'L. 85/2023 (conversione del DL 48/2023)',
    },
    activation_exempt: {
      it: 'Come vittima in un percorso di protezione è esonerata dagli obblighi di attivazione lavorativa',
      en: 'As a victim in a protection path she is exempt from the work activation duties',
      source: 'DL 48/2023 art. 6 come modificato dalla L. 85/2023',
    },
    scale: {
      it: 'Scala di equivalenza {scale}',
      en: 'Equivalence scale {scale}',
      source: 'DL 48/2023 art. 2 c. 4',
      paths: ['household.members'],
    },
    care_applicant: {
      it: 'Da verificare: l’aumento di 0,40 per i carichi di cura è attribuito alla richiedente stessa (unica adulta), come si ricava dal testo dell’art. 2 c. 4; nessun esempio INPS visto',
      en: 'To verify: the 0.40 increment for care duties is given to the applicant herself (the only adult), as the wording of art. 2 c. 4 implies; no INPS example seen',
      source: 'DL 48/2023 art. 2 c. 4; INPS msg. 592/2025 e 2388/2025',
    },
    scale_overlap: {
      it: 'Da verificare: un componente rientra in due maggiorazioni della scala (disabilità ed età); si è applicata solo la maggiore',
      en: 'To verify: a member fits two scale increments (disability and age); only the higher one was applied',
      source: 'DL 48/2023 art. 2 c. 4',
    },
    rent: {
      it: 'Integrazione per l’affitto registrato fino a {max} l’anno',
      en: 'Top-up for a registered lease up to {max} a year',
      source: 'DL 48/2023 art. 3 c. 1 lett. b; L. 207/2024',
      paths: ['household.rentAnnual'],
    },
    amount: {
      it: '{monthly} al mese ({yearly} l’anno: {base} × {scale} − reddito familiare, più l’affitto) per i primi {months} mesi',
      en: '{monthly} a month ({yearly} a year: {base} × {scale} − household income, plus rent) for the first {months} months',
      source: 'DL 48/2023 art. 3 c. 1 e c. 6; L. 207/2024',
    },
    minimum: {
      it: 'Da verificare: l’importo calcolato è sotto il minimo di {minimum} l’anno riportato da fonti non ufficiali',
      en: 'To verify: the computed amount is below the minimum of {minimum} a year reported by unofficial sources',
      source: 'DL 48/2023 (articolo non individuato)',
    },
    renewal_2026: {
      it: 'Dal 2026 al rinnovo non c’è più il mese di sospensione, ma la prima mensilità dopo il rinnovo è ridotta del 50 %',
      en: 'From 2026 there is no suspension month at renewal, but the first payment after renewal is halved',
      source: 'L. 199/2025',
    },
  },
  evaluate(ctx): Amount | undefined {
    if (!inForce(ctx)) return undefined;
    const s = ctx.s;
    const f = ctx.facts;
    const p = s.person;
    const h = s.household;

    // Who the household must include (art. 2 c. 1): a minor, a disabled person, a person aged 60+, or a
    // disadvantaged person in a certified care programme — DM 154/2023 art. 5 c. 3 names victims of gender-based
    // violence in the care of the social services.
    const catAge = ctx.param('category_age');
    const items: [Tri, string][] = [
      [ageAtLeast(f, catAge), 'person.birthDate'],
      [isDisabled(p?.disability), 'person.disability'],
    ];
    if (!f.membersKnown) items.push([null, 'household.members']);
    for (const m of f.members) {
      items.push([m.age === undefined ? null : m.age < 18 || m.age >= catAge, 'household.members']);
      items.push([isDisabled(m.disability), 'household.members']);
    }
    const victim = disadvantagedVictim(s);
    const category = or3(victim.met, ...items.map((i) => i[0]));
    const categoryPaths =
      category === null
        ? [...new Set([...items.filter((i) => i[0] === null).map((i) => i[1]), ...victim.paths])]
        : [];
    ctx.require('category', category, { age: catAge }, categoryPaths);
    if (victim.met === true) ctx.info('victim_disadvantaged', true);

    ctx.require('citizenship', citizenshipOk(s));
    requireResidence(ctx);

    // A valid ISEE is required: `null` (no ISEE) fails, absent is unknown.
    const iseeMax = ctx.param('isee_max');
    const isee = h?.isee;
    ctx.require('isee', isee === undefined ? null : isee !== null && toCents(isee) <= iseeMax, {
      max: ctx.euro(iseeMax),
    });

    // Scale (art. 2 c. 4, bounded when members are unknown) and income test (art. 2 c. 2 lett. b n. 2), shared
    // with the SFL rule through common.ts.
    const acc = adiIncomeAccess(s, f, ctx.day, (n) => ctx.param(n));
    const scale = acc.scale;
    const exactScale = scale.low === scale.high;
    ctx.amountFact(
      'scale',
      exactScale ? true : null,
      {
        scale: exactScale
          ? scaleText(scale.low, ctx.lang)
          : `${scaleText(scale.low, ctx.lang)}–${scaleText(scale.high, ctx.lang)}`,
      },
      scale.paths,
    );
    if (scale.careOnApplicant) ctx.verify('care_applicant');
    if (scale.overlap) ctx.verify('scale_overlap');
    if (acc.lawOpen) ctx.verify('renters_scale', { renters: ctx.euro(acc.renters) });
    ctx.require(
      'income',
      acc.met,
      {
        threshold: ctx.euro(acc.accessLow),
        base: ctx.euro(acc.baseLow),
        scale: scaleText(scale.low, ctx.lang),
        // From 2025 renters have a higher access threshold; say so, since the amount still uses the base one.
        renters:
          acc.renters > 0 && acc.renting === true
            ? ctx.lang === 'it'
              ? `, oppure ${ctx.euro(acc.renters)} per chi è in affitto`
              : `, or ${ctx.euro(acc.renters)} for renters`
            : '',
      },
      acc.paths,
    );

    requireWealth(ctx);

    // Art. 2 c. 3: a voluntary resignation in the last 12 months by a member with activation duties excludes the
    // household. People aged 60+, disabled, with care duties, or victims in a protection path have no such duties.
    const path = inProtectionPath(s);
    const months = ctx.param('resignation_months');
    const job = p?.lastJob;
    const { recent, voluntary } = recentResignation(s, ctx.day, months);
    if (recent === true && voluntary === true) {
      // Only who is unemployed now because of the resignation counts: a new job ends the exclusion.
      const working = isWorking(s.person);
      const exempt = or3(
        working,
        ageAtLeast(f, catAge),
        isDisabled(p?.disability),
        careDuties(f).met,
        path.met,
      );
      if (exempt === true) ctx.require('resignation', true, { months });
      else if (job?.endReason === 'resignation')
        ctx.require('resignation', exempt === false ? false : null, { months }, [
          ...(working === null ? ['person.work'] : []),
          ...(f.age === undefined ? ['person.birthDate'] : []),
          ...(p?.disability === undefined ? ['person.disability'] : []),
          ...(careDuties(f).met === null ? ['household.members'] : []),
          ...path.paths,
        ]);
      else {
        // Violence outside work is not an INPS giusta causa (circ. 163/2003): the law does not settle it.
        ctx.require('resignation', null, { months }, ['person.lastJob.endReason']);
        ctx.verify('resignation_violence');
      }
    } else if (recent === true && job?.endReason === 'consensual') ctx.verify('consensual');
    ctx.verify('members_resignation');
    ctx.verify('vehicles');
    ctx.verify('measures');
    if (path.met === true) {
      ctx.verify('separate_household');
      ctx.info('activation_exempt', true);
    }

    // Amount (art. 3 c. 1): quota A = base threshold × scale − household income (never below 0), plus the
    // registered rent up to the yearly maximum (quota B). The renters' access threshold plays no part here.
    const { olderHousehold, income, baseLow, baseHigh } = acc;
    const rentMax = olderHousehold === true ? ctx.param('rent_max_older') : ctx.param('rent_max');
    const rentMaxLow = olderHousehold === null ? Math.min(rentMax, ctx.param('rent_max_older')) : rentMax;
    ctx.amountFact('rent', acc.renting === null ? null : true, { max: ctx.euro(rentMax) });
    const rentAnnual = h?.rentAnnual;
    const rentCents = rentAnnual === undefined ? undefined : toCents(rentAnnual);
    const quotaBLow = rentCents === undefined ? 0 : Math.min(rentCents, rentMaxLow);
    const quotaBHigh = rentCents === undefined ? rentMax : Math.min(rentCents, rentMax);
    const quotaALow = income === undefined ? 0 : Math.max(0, scaled(baseLow, scale.low) - income);
    const quotaAHigh =
      income === undefined
        ? scaled(baseHigh, scale.high)
        : Math.max(0, scaled(baseHigh, scale.high) - income);
    const yearlyLow = quotaALow + quotaBLow;
    const yearlyHigh = quotaAHigh + quotaBHigh;
    const firstMonths = ctx.param('first_period_months');
    if (ctx.year >= 2026) ctx.info('renewal_2026', true);
    if (yearlyLow === yearlyHigh) {
      const monthly = roundHalfUp(yearlyLow / 12);
      ctx.info('amount', true, {
        monthly: ctx.euro(monthly),
        yearly: ctx.euro(yearlyLow),
        base: ctx.euro(baseLow),
        scale: scaleText(scale.low, ctx.lang),
        months: firstMonths,
      });
      // The 480 €/year minimum is reported by third parties only: read (and flag) it only when it would matter.
      const minimum = assegnoDiInclusione.parameters.at('minimum_yearly', ctx.day).value;
      if (yearlyLow > 0 && yearlyLow < minimum) {
        ctx.verify('minimum', { minimum: ctx.euro(ctx.param('minimum_yearly')) });
      }
      return { monthly, months: firstMonths };
    }
    return {
      min: roundHalfUp(yearlyLow / 12),
      max: roundHalfUp(yearlyHigh / 12),
      months: firstMonths,
    };
  },
});

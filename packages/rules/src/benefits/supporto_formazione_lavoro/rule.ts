// Supporto per la Formazione e il Lavoro (reference §4): art. 12 DL 48/2023 (conv. L. 85/2023); L. 207/2024
// art. 1 c. 198 (500 € and ISEE 10,140 € from 2025, extension c. 7-bis); INPS msg. 595/2025.
import { type Amount, defineBenefit } from '../../engine/benefit.ts';
import { toCents } from '../../engine/money.ts';
import { and3, not3, or3 } from '../../engine/three.ts';
import { inForce, isWorking } from '../_shared/person.ts';
import {
  adiIncomeAccess,
  careDuties,
  citizenshipOk,
  disadvantagedVictim,
  type IncomeParam,
  isDisabled,
  recentResignation,
  requireResidence,
  requireWealth,
} from '../assegno_di_inclusione/common.ts';
import { assegnoDiInclusione } from '../assegno_di_inclusione/rule.ts';

const ART12 = 'DL 48/2023 art. 12';

export const supportoFormazioneLavoro = defineBenefit({
  id: 'supporto_formazione_lavoro',
  dir: import.meta.dirname,
  name: {
    it: 'Supporto per la Formazione e il Lavoro',
    en: 'Supporto per la Formazione e il Lavoro (training and work support)',
  },
  description: {
    it: 'Indennità mensile per chi ha tra 18 e 59 anni, ha un ISEE basso e partecipa a corsi di formazione, tirocini o altre misure di politica attiva del lavoro.',
    en: 'Monthly allowance for people aged 18 to 59 with a low ISEE who take part in training courses, traineeships or other active labour-market measures.',
  },
  acts: ['DL 48/2023 (L. 85/2023) art. 12', 'L. 207/2024 art. 1 c. 198', 'INPS msg. 595/2025'],
  documents: {
    it: [
      'DSU e ISEE in corso di validità (dal 2026 l’ISEE per le prestazioni familiari e per l’inclusione)',
      'Iscrizione al SIISL e dichiarazione di immediata disponibilità al lavoro (DID)',
      'Patto di servizio personalizzato con il centro per l’impiego o l’ente di formazione',
      'Iscrizione o partecipazione a un corso di formazione, tirocinio o progetto utile alla collettività',
      'Documento di identità e, per le cittadine non UE, permesso UE per soggiornanti di lungo periodo o titolo di protezione internazionale',
    ],
    en: [
      'Valid DSU and ISEE (from 2026 the ISEE for family and inclusion benefits)',
      'Registration on SIISL and declaration of immediate availability for work (DID)',
      'Personalised service pact with the job centre or training body',
      'Enrolment in or attendance of a training course, traineeship or community project',
      'Identity document and, for non-EU citizens, EU long-term permit or international protection status',
    ],
  },
  apply: {
    who: { it: 'La persona interessata', en: 'The person concerned' },
    channel: {
      it: 'Servizio online INPS (SPID, CIE, CNS) o patronato, poi iscrizione al SIISL',
      en: 'INPS online service (SPID, CIE, CNS) or a patronato, then registration on SIISL',
    },
    deadline: {
      it: 'In qualsiasi momento; l’indennità è pagata per i mesi di partecipazione alle attività, fino a 12',
      en: 'At any time; the allowance is paid for the months of participation in the activities, up to 12',
    },
  },
  compatibility: [
    {
      with: 'assegno_di_inclusione',
      compatible: 'no',
      text: {
        it: 'Non per la stessa persona: chi è calcolato nella scala di equivalenza dell’ADI del nucleo non può averlo',
        en: 'Not for the same person: someone counted in the ADI equivalence scale of the household cannot get it',
      },
      source: 'DL 48/2023 art. 12 c. 1',
    },
    {
      with: 'naspi',
      compatible: 'no',
      text: {
        it: 'Non cumulabile con la NASpI, la DIS-COLL o altri sostegni pubblici per la disoccupazione',
        en: 'Not combinable with NASpI, DIS-COLL or other public unemployment support',
      },
      source: 'DL 48/2023 art. 12; INPS (guida del patronato EPASA-ITACO)',
    },
    {
      with: 'reddito_di_liberta',
      compatible: 'yes',
      text: {
        it: 'Il Reddito di Libertà non è incompatibile con altri sostegni al reddito',
        en: 'The Reddito di Libertà is not incompatible with other income support',
      },
      source: 'Decreto 2/12/2024; INPS circ. 54/2025',
    },
  ],
  parameters: [
    'start',
    'monthly',
    'isee_max',
    'max_months',
    'extension_months',
    'min_age',
    'max_age',
    'resignation_months',
    'real_estate_max',
    'movable_base',
    'movable_per_member',
    'movable_members_cap',
    'movable_per_minor',
    'movable_per_disabled',
    'movable_per_severe',
    'residence_years',
    'residence_continuous_years',
  ],
  reasons: {
    in_force: {
      it: 'Il Supporto per la formazione e il lavoro esiste dal {start}',
      en: 'The Supporto per la formazione e il lavoro exists from {start}',
      source: 'DL 48/2023 art. 12 c. 1',
    },
    age: {
      it: 'Età tra {min} e {max} anni',
      en: 'Aged between {min} and {max}',
      source: 'DL 48/2023 art. 12 c. 1',
      paths: ['person.birthDate'],
    },
    citizenship: {
      it: 'Cittadina UE o familiare con diritto di soggiorno, cittadina non UE con permesso UE per soggiornanti di lungo periodo, o titolare di protezione internazionale',
      en: 'EU citizen or family member with a right of residence, non-EU citizen with an EU long-term permit, or holder of international protection',
      source: 'DL 48/2023 art. 12 c. 2 (rinvio all’art. 2 c. 2 lett. a n. 1)',
      paths: ['person.citizenship'],
    },
    residence: {
      it: 'Residente in Italia da almeno {years} anni, di cui gli ultimi {continuous} in modo continuativo',
      en: 'Resident in Italy for at least {years} years, the last {continuous} of them continuously',
      source: 'DL 48/2023 art. 12 c. 2 (rinvio all’art. 2 c. 2 lett. a n. 2)',
      paths: ['person.residenceYears', 'person.residenceContinuousYears'],
    },
    isee: {
      it: 'ISEE familiare in corso di validità non superiore a {max}',
      en: 'Valid household ISEE not above {max}',
      source: 'DL 48/2023 art. 12 c. 1; L. 207/2024 art. 1 c. 198',
      paths: ['household.isee'],
    },
    real_estate: {
      it: 'Patrimonio immobiliare, esclusa la casa di abitazione, non superiore a {max}',
      en: 'Real estate, excluding the main home, not above {max}',
      source: 'DL 48/2023 art. 12 c. 2 (rinvio all’art. 2 c. 2 lett. b n. 3)',
      paths: ['household.realEstate'],
    },
    movable: {
      it: 'Patrimonio mobiliare non superiore a {max} per questo nucleo',
      en: 'Movable assets not above {max} for this household',
      source: 'DL 48/2023 art. 12 c. 2 (rinvio all’art. 2 c. 2 lett. b n. 4)',
      paths: ['household.movableAssets'],
    },
    resignation: {
      it: 'Non è disoccupata per dimissioni volontarie negli ultimi {months} mesi (salvo giusta causa o risoluzione consensuale)',
      en: 'Not unemployed after a voluntary resignation in the last {months} months (except just cause or consensual termination)',
      source: 'DL 48/2023 art. 12 c. 2 (rinvio all’art. 2 c. 3)',
      paths: ['person.lastJob.endReason', 'person.lastJob.endDate'],
    },
    resignation_violence: {
      it: 'Da verificare: le dimissioni per sottrarsi alla violenza fuori dal lavoro non sono nell’elenco INPS delle giuste cause',
      en: 'To verify: resigning to escape violence outside work is not in the INPS list of just causes',
      source: 'DL 48/2023 art. 2 c. 3; INPS circ. 163/2003',
    },
    consensual: {
      it: 'Da verificare: la risoluzione consensuale è ammessa se avvenuta nella procedura dell’art. 7 L. 604/1966',
      en: 'To verify: a consensual termination is accepted if reached in the procedure of art. 7 L. 604/1966',
      source: 'DL 48/2023 art. 2 c. 3',
    },
    training: {
      it: 'Partecipa (o si iscrive) a un corso di formazione, tirocinio o altra misura di politica attiva: l’indennità è pagata solo per i mesi di partecipazione',
      en: 'She takes part (or enrols) in a training course, traineeship or other active labour-market measure: the allowance is paid only for the months of participation',
      source: 'DL 48/2023 art. 12 c. 3 e c. 7',
      paths: ['person.training'],
    },
    not_in_adi_scale: {
      it: 'Non è calcolata nella scala di equivalenza di un nucleo che ha i requisiti dell’ADI (altrimenti le spetta l’ADI)',
      en: 'She is not counted in the equivalence scale of a household that meets the ADI requirements (otherwise ADI is the benefit for her)',
      source: 'DL 48/2023 art. 12 c. 1',
      paths: ['household.familyIncome', 'household.members'],
    },
    adi_check: {
      it: 'Da verificare: se ha una disabilità, carichi di cura o è vittima di violenza in carico ai servizi sociali (DM 154/2023 art. 5) e il nucleo ha i requisiti dell’ADI, le spetta l’ADI e non il Supporto',
      en: 'To verify: if she is disabled, has care duties or is a victim of violence in the care of the social services (DM 154/2023 art. 5) and the household meets the ADI requirements, ADI and not the Supporto is the benefit for her',
      source: 'DL 48/2023 art. 12 c. 1; DM 154/2023 art. 5 c. 3',
    },
    unemployment_benefit: {
      it: 'Da verificare: nel nucleo qualcuno riceve NASpI o DIS-COLL; se è lei, il Supporto non si cumula',
      en: 'To verify: someone in the household receives NASpI or DIS-COLL; if it is her, the Supporto does not combine with it',
      source: ART12,
    },
    amount: {
      it: '{monthly} al mese per un massimo di {months} mesi',
      en: '{monthly} a month for at most {months} months',
      source: 'DL 48/2023 art. 12 c. 7; L. 207/2024 art. 1 c. 198',
    },
    extension: {
      it: 'Proroga fino ad altri {months} mesi se alla scadenza frequenta ancora un corso di formazione',
      en: 'Extension of up to {months} more months if she is still attending a training course when it ends',
      source: 'DL 48/2023 art. 12 c. 7-bis (L. 207/2024 art. 1 c. 198)',
    },
  },
  evaluate(ctx): Amount | undefined {
    if (!inForce(ctx)) return undefined;
    const s = ctx.s;
    const f = ctx.facts;
    const p = s.person;
    const h = s.household;

    const min = ctx.param('min_age');
    const max = ctx.param('max_age');
    ctx.require('age', f.age === undefined ? null : f.age >= min && f.age <= max, { min, max });
    ctx.require('citizenship', citizenshipOk(s));
    requireResidence(ctx);
    const iseeMax = ctx.param('isee_max');
    const isee = h?.isee;
    ctx.require('isee', isee === undefined ? null : isee !== null && toCents(isee) <= iseeMax, {
      max: ctx.euro(iseeMax),
    });
    requireWealth(ctx);

    // Not shared with ADI: here the test is on her alone, without the ADI exemptions of art. 6 c. 5 DL 48/2023.
    // Art. 2 c. 3, applied to SFL by art. 12 c. 2: no voluntary resignation in the last 12 months, except for just
    // cause or a consensual termination in the art. 7 L. 604/1966 procedure.
    const months = ctx.param('resignation_months');
    const job = p?.lastJob;
    // Only who is unemployed now because of the resignation is excluded: a new job ends the exclusion.
    const working = isWorking(s.person);
    const { recent, voluntary } = recentResignation(s, ctx.day, months);
    const reason = job?.endReason;
    const workPath = working === null ? ['person.work'] : [];
    if (reason === 'resignation_violence' && recent === true && working !== true) {
      // Violence outside work is not an INPS giusta causa (circ. 163/2003, reference §6): the law does not settle
      // it. The end reason is listed as missing: only a different (just) cause would settle it.
      ctx.require('resignation', null, { months }, ['person.lastJob.endReason', ...workPath]);
      ctx.verify('resignation_violence');
    } else {
      const met = or3(working, not3(and3(recent, voluntary)));
      ctx.require('resignation', met, { months }, [
        ...workPath,
        ...(reason === undefined ? ['person.lastJob.endReason'] : []),
        ...(job?.endDate === undefined ? ['person.lastJob.endDate'] : []),
      ]);
      if (reason === 'consensual' && recent !== false && working !== true) ctx.verify('consensual');
    }

    ctx.require('training', p?.training ?? null);

    // Art. 12 c. 1: SFL is for who has no ADI requisites, or is not counted in the ADI scale of her household.
    // She is counted when she has a category of her own (disability, care duties, victim in the care of the
    // social services) and the household passes the ADI income test.
    const own = or3(isDisabled(p?.disability), careDuties(f).met, disadvantagedVictim(s).met);
    if (own === true && ctx.day >= assegnoDiInclusione.parameters.at('start', ctx.day).value) {
      const adi = (n: IncomeParam) => assegnoDiInclusione.parameters.at(n, ctx.day).value;
      ctx.require('not_in_adi_scale', not3(adiIncomeAccess(s, f, ctx.day, adi).met));
    } else if (own === null) {
      // The contract leaves her violence situation unknown: the ADI result asks for it; here it is only flagged.
      ctx.verify('adi_check');
    } else ctx.require('not_in_adi_scale', true);

    const receiving = h?.receiving;
    if (receiving?.includes('naspi') || receiving?.includes('dis_coll')) ctx.verify('unemployment_benefit');

    const monthly = ctx.param('monthly');
    const maxMonths = ctx.param('max_months');
    ctx.info('amount', true, { monthly: ctx.euro(monthly), months: maxMonths });
    const ext = ctx.param('extension_months');
    if (ext > 0) ctx.info('extension', true, { months: ext });
    return { monthly, months: maxMonths };
  },
});

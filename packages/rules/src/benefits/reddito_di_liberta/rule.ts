// Reddito di Libertà (reference §1): art. 105-bis DL 34/2020; DPCM 17/12/2020; Decreto 2/12/2024; INPS circ. 54/2025.
import type { Citizenship } from '../../contract.ts';
import { defineBenefit } from '../../engine/benefit.ts';
import { citizenshipIn, residentInItaly } from '../_shared/person.ts';
import { requireWomanVictim } from '../_shared/victim.ts';

const BASIS = 'Art. 105-bis DL 34/2020; Decreto 2/12/2024 art. 2; INPS circ. 54/2025';

// Who may apply (INPS circ. 54/2025): Italian or EU citizens, EU family members with residence card (artt. 10 e 17
// D.Lgs. 30/2007), non-EU citizens with a valid permit (renewal receipt included), special protection (art. 32
// D.Lgs. 25/2008), refugees and holders of subsidiary protection (treated as Italian citizens).
const ALLOWED: ReadonlySet<Citizenship> = new Set<Citizenship>([
  'it',
  'eu',
  'eu_family',
  'non_eu_long_term',
  'non_eu_permit',
  'refugee',
  'subsidiary_protection',
  'special_protection',
]);

export const redditoDiLiberta = defineBenefit({
  id: 'reddito_di_liberta',
  dir: import.meta.dirname,
  name: { it: 'Reddito di Libertà', en: 'Reddito di Libertà (freedom income)' },
  description: {
    it: 'Contributo economico per le donne vittime di violenza seguite da un centro antiviolenza e dai servizi sociali, per sostenere l’autonomia abitativa e personale e il percorso scolastico dei figli.',
    en: 'Financial support for women victims of violence followed by an anti-violence centre and the social services, towards housing and personal autonomy and the schooling of their children.',
  },
  acts: [
    'Art. 105-bis DL 34/2020 (L. 77/2020)',
    'DPCM 17/12/2020',
    'DPCM 1/6/2022',
    'Decreto 2/12/2024 (GU 4/3/2025)',
    'Decreto 17/9/2025 (GU 13/12/2025)',
    'INPS circ. 166/2021',
    'INPS circ. 54/2025',
  ],
  documents: {
    it: [
      'Domanda sul modulo INPS SR208 “Domanda Reddito di Libertà”',
      'Dichiarazione firmata dal legale rappresentante del centro antiviolenza sul percorso di emancipazione e autonomia',
      'Dichiarazione del servizio sociale professionale sullo stato di bisogno straordinario o urgente',
      'Documento di identità e, per le cittadine non UE, permesso di soggiorno (o ricevuta di rinnovo)',
      'IBAN intestato alla richiedente',
    ],
    en: [
      'Application on INPS form SR208 “Domanda Reddito di Libertà”',
      'Statement signed by the legal representative of the anti-violence centre on the path of emancipation and autonomy',
      'Statement by the professional social service on the extraordinary or urgent state of need',
      'Identity document and, for non-EU citizens, residence permit (or renewal receipt)',
      'IBAN in the applicant’s name',
    ],
  },
  apply: {
    who: {
      it: 'La donna (direttamente o tramite rappresentante legale o delegato), attraverso il Comune',
      en: 'The woman (directly or through a legal representative or delegate), through the Comune',
    },
    channel: {
      it: 'L’operatore del Comune che l’ha presa in carico insieme al CAV (indipendentemente dalla residenza) inoltra la domanda sul servizio INPS “Prestazioni sociali dei comuni”',
      en: 'The operator of the Comune that took her in charge with the CAV (regardless of residence) files it on the INPS service “Prestazioni sociali dei comuni”',
    },
    deadline: {
      it: 'In qualsiasi momento dell’anno, finché ci sono fondi regionali; le domande dell’anno non accolte decadono il 31 dicembre e si possono ripresentare dal 1° gennaio',
      en: 'At any time of the year while regional funds last; the year’s applications not accepted lapse on 31 December and can be filed again from 1 January',
    },
  },
  compatibility: [
    {
      with: 'assegno_di_inclusione',
      compatible: 'yes',
      text: {
        it: 'Non è incompatibile con l’Assegno di Inclusione',
        en: 'Not incompatible with the Assegno di Inclusione',
      },
      source: 'Decreto 2/12/2024; INPS circ. 54/2025',
    },
    {
      with: 'assegno_unico',
      compatible: 'yes',
      text: { it: 'Cumulabile con l’Assegno Unico', en: 'Can be combined with the Assegno Unico' },
      source: 'INPS circ. 54/2025',
    },
    {
      with: 'naspi',
      compatible: 'yes',
      text: {
        it: 'Cumulabile con NASpI e cassa integrazione',
        en: 'Can be combined with NASpI and wage guarantee (CIG)',
      },
      source: 'INPS circ. 166/2021',
    },
    {
      with: 'carta_dedicata_a_te',
      compatible: 'uncertain',
      text: {
        it: 'Cumulabilità con la Carta Dedicata a te da verificare',
        en: 'Whether it combines with the Carta Dedicata a te is to verify',
      },
      source: 'L. 197/2022 art. 1 c. 450 (non chiarito)',
    },
    {
      with: 'esonero_assunzione',
      compatible: 'yes',
      text: {
        it: 'Chi la assume può avere l’esonero contributivo per l’assunzione di donne beneficiarie del Reddito di Libertà',
        en: 'An employer who hires her may get the contribution exemption for hiring women receiving the Reddito di Libertà',
      },
      source: 'L. 213/2023 art. 1 c. 191–193; INPS circ. 41/2024',
    },
  ],
  parameters: ['monthly_max', 'months', 'new_applications_from'],
  reasons: {
    woman: {
      it: 'La richiedente è una donna',
      en: 'The applicant is a woman',
      source: BASIS,
      paths: ['person.sex'],
    },
    victim: {
      it: 'È vittima di violenza',
      en: 'She is a victim of violence',
      source: BASIS,
      paths: ['person.violence.victim'],
    },
    cav: {
      it: 'È seguita da un centro antiviolenza riconosciuto dalla Regione, che lo dichiara',
      en: 'She is followed by an anti-violence centre recognised by the region, which attests it',
      source:
        'Decreto 2/12/2024 art. 2; INPS circ. 54/2025 (dichiarazione del legale rappresentante del CAV)',
      paths: ['person.violence.cav'],
    },
    social_services: {
      it: 'È seguita dai servizi sociali del Comune',
      en: 'She is followed by the Comune’s social services',
      source: BASIS,
      paths: ['person.violence.socialServices'],
    },
    state_of_need: {
      it: 'Il servizio sociale attesta uno stato di bisogno straordinario o urgente',
      en: 'The social service attests an extraordinary or urgent state of need',
      source: 'Decreto 2/12/2024 art. 2; INPS circ. 54/2025',
      paths: ['person.violence.stateOfNeed'],
    },
    resident: {
      it: 'È residente in Italia',
      en: 'She is resident in Italy',
      source: BASIS,
      paths: ['person.residenceYears'],
    },
    citizenship: {
      it: 'Cittadina italiana o UE, familiare UE con carta di soggiorno, straniera con permesso di soggiorno valido (anche in rinnovo), rifugiata o con protezione sussidiaria o speciale',
      en: 'Italian or EU citizen, EU family member with residence card, non-EU citizen with a valid permit (renewal included), refugee or holder of subsidiary or special protection',
      source: 'INPS circ. 54/2025; artt. 10 e 17 D.Lgs. 30/2007; art. 32 D.Lgs. 25/2008',
      paths: ['person.citizenship'],
    },
    no_isee: {
      it: 'Non è richiesta una soglia ISEE: lo stato di bisogno è attestato dal servizio sociale',
      en: 'No ISEE threshold applies: the state of need is attested by the social service',
      source: 'Decreto 2/12/2024; INPS circ. 54/2025',
    },
    regional_budget: {
      it: 'Da verificare: fondi regionali ancora disponibili; le domande sono accolte in ordine cronologico fino a esaurimento del budget della Regione',
      en: 'To verify: regional funds still available; applications are accepted in order of filing until the region’s budget runs out',
      source: 'Decreto 2/12/2024 art. 4 e Tabella 1; INPS circ. 54/2025',
    },
    isee_document: {
      it: 'Da verificare: alcune fonti elencano l’ISEE tra i documenti, ma non è tra i requisiti ufficiali',
      en: 'To verify: some sources list the ISEE among the documents, but it is not among the official requirements',
      source: 'Decreto 2/12/2024; INPS circ. 54/2025 (requisiti)',
    },
    funding_2026: {
      it: 'Da verificare: fondi 2026 (10 M€ della L. 213/2023, 1 M€ della L. 207/2024 e l’aumento previsto dal disegno della L. 199/2025, il cui comma finale non è stato visto)',
      en: 'To verify: 2026 funds (10 M€ from L. 213/2023, 1 M€ from L. 207/2024 and the increase in the bill of L. 199/2025, whose final comma was not seen)',
      source: 'L. 213/2023 art. 1 c. 187; L. 207/2024 art. 1 c. 222; L. 199/2025',
    },
    transition_2025: {
      it: 'Da verificare: dal 5 marzo 2025 fino all’apertura delle nuove domande ({from}) si potevano solo ripresentare le domande respinte per mancanza di fondi',
      en: 'To verify: from 5 March 2025 until new applications opened ({from}) only applications rejected for lack of funds could be filed again',
      source: 'INPS circ. 54/2025',
    },
    amount: {
      it: 'Fino a {monthly} al mese per {months} mesi ({total} in tutto), pagati da INPS in un’unica soluzione',
      en: 'Up to {monthly} a month for {months} months ({total} in all), paid by INPS in a single payment',
      source:
        'DPCM 17/12/2020 art. 3; Decreto 2/12/2024 art. 3 c. 1; Decreto 17/9/2025 art. 2; INPS circ. 54/2025',
    },
  },
  evaluate(ctx) {
    const p = ctx.s.person;
    const v = requireWomanVictim(ctx);
    ctx.require('cav', v?.cav ?? null);
    ctx.require('social_services', v?.socialServices ?? null);
    ctx.require('state_of_need', v?.stateOfNeed ?? null);
    ctx.require('resident', residentInItaly(p));
    ctx.require('citizenship', citizenshipIn(p, ALLOWED));
    ctx.info('no_isee', true);
    ctx.verify('isee_document');
    ctx.verify('regional_budget');
    if (ctx.year === 2026) ctx.verify('funding_2026');
    if (ctx.day >= 20250305 && ctx.day <= 20251231) {
      const from = ctx.param('new_applications_from');
      if (ctx.day < from) ctx.verify('transition_2025', { from: ctx.dayText(from) });
    }
    const monthly = ctx.param('monthly_max');
    const months = ctx.param('months');
    const total = monthly * months;
    ctx.info('amount', true, { monthly: ctx.euro(monthly), months, total: ctx.euro(total) });
    return { monthly, months, total };
  },
});

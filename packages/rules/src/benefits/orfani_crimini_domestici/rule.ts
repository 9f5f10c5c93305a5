// Orphans of domestic crimes (reference §13): information only. L. 4/2018 protects the children of a person killed by
// a spouse (also separated or divorced), civil partner or cohabiting partner: the survivor's pension goes to the
// children while the suspect is suspended (art. 7, adding c. 1-bis–1-quater to art. 1 L. 125/2011), free legal aid
// (art. 1), and the Ministry of the Interior fund paid through the Prefetture (art. 11; Reg. 71/2020).
import { defineBenefit } from '../../engine/benefit.ts';
import type { MemberFacts } from '../../engine/facts.ts';
import type { Tri } from '../../engine/three.ts';

const LAW = 'L. 4/2018';

export const orfaniCriminiDomestici = defineBenefit({
  id: 'orfani_crimini_domestici',
  dir: import.meta.dirname,
  name: { it: 'Orfani di crimini domestici', en: 'Orphans of domestic crimes' },
  description: {
    it: 'Informazioni sulle tutele per i figli di una persona uccisa dal coniuge, dall’unito civilmente o dal convivente: pensione ai figli, gratuito patrocinio, fondo per gli orfani.',
    en: 'Information on the protections for the children of a person killed by a spouse, civil partner or cohabiting partner: pension to the children, free legal aid, the orphans’ fund.',
  },
  acts: [
    'L. 4/2018 artt. 1, 5, 6, 7, 11',
    'L. 125/2011 art. 1 c. 1-1-quater',
    'L. 160/2019 art. 1 c. 486-489',
    'INPS circ. 109/2021',
    'D.Lgs. 230/2021 art. 2',
    'Regolamento 71/2020 (fondo orfani, Ministero dell’Interno)',
  ],
  documents: {
    it: [
      'Atto di nomina del tutore (per i figli minorenni) o documento del figlio maggiorenne',
      'Certificato di morte del genitore e stato di famiglia',
      'Per la pensione ai figli: gli estremi del procedimento penale (richiesta di rinvio a giudizio, comunicata dal pubblico ministero all’INPS)',
      'Per il fondo orfani: la domanda alla Prefettura secondo l’avviso del Ministero dell’Interno',
    ],
    en: [
      'The guardian’s appointment (for minor children) or the adult child’s identity document',
      'Death certificate of the parent and family status certificate',
      'For the pension to the children: the details of the criminal case (request for committal to trial, notified by the public prosecutor to INPS)',
      'For the orphans’ fund: the application to the Prefettura under the Ministry of the Interior’s notice',
    ],
  },
  apply: {
    who: {
      it: 'Il tutore dei figli minorenni, o il figlio maggiorenne non autosufficiente; la CAV può orientare e accompagnare',
      en: 'The guardian of the minor children, or the adult child who is not self-sufficient; the CAV can guide and accompany',
    },
    channel: {
      it: 'INPS (sede territoriale o patronato) per la pensione ai superstiti; Prefettura per il fondo orfani; Consiglio dell’Ordine degli avvocati per il gratuito patrocinio',
      en: 'INPS (local office or patronato) for the survivor’s pension; the Prefettura for the orphans’ fund; the Bar Council for free legal aid',
    },
    deadline: {
      it: 'Nessun termine unico: la pensione va ai figli dalla sospensione comunicata dal pubblico ministero; il fondo segue gli avvisi annuali',
      en: 'No single deadline: the pension goes to the children from the suspension notified by the prosecutor; the fund follows yearly notices',
    },
  },
  compatibility: [
    {
      with: 'assegno_unico',
      compatible: 'yes',
      text: {
        it: 'Gli orfani maggiorenni con pensione ai superstiti e disabilità grave restano beneficiari; il genitore superstite che lavora mantiene la maggiorazione per genitori entrambi lavoratori',
        en: 'Adult orphans with a survivor’s pension and severe disability remain beneficiaries; the working surviving parent keeps the both-parents-working top-up',
      },
      source: 'D.Lgs. 230/2021 art. 2; DL 48/2023 art. 22',
    },
  ],
  parameters: ['majority_age'],
  reasons: {
    children: {
      it: 'Nel nucleo ci sono figli minorenni, o maggiorenni non autosufficienti, a cui le tutele si rivolgono',
      en: 'The household has minor children, or adult children who are not self-sufficient, whom the protections address',
      source: `${LAW} art. 7`,
      paths: ['household.members'],
    },
    domestic_crime: {
      it: 'Da verificare: il genitore è stato ucciso dal coniuge (anche separato o divorziato), dall’unito civilmente o dal convivente',
      en: 'To verify: the parent was killed by the spouse (also separated or divorced), the civil partner or the cohabiting partner',
      source: `${LAW} art. 1; c.p. artt. 575-577`,
    },
    self_sufficient: {
      it: 'Da verificare: i figli maggiorenni rientrano solo se economicamente non autosufficienti',
      en: 'To verify: adult children count only if they are not economically self-sufficient',
      source: `${LAW} art. 7`,
    },
    pension_to_children: {
      it: 'Se per il coniuge o convivente è chiesto il rinvio a giudizio per omicidio volontario, la sua pensione ai superstiti (o indennità una tantum) è sospesa fino alla sentenza e va ai figli minorenni o non autosufficienti, senza obbligo di restituzione; il pubblico ministero avvisa l’INPS',
      en: 'If committal to trial for voluntary homicide is requested for the spouse or partner, his survivor’s pension (or one-off indemnity) is suspended until judgment and goes to the minor or not self-sufficient children, with no duty to repay; the prosecutor notifies INPS',
      source: `${LAW} art. 7; L. 125/2011 art. 1 c. 1-bis–1-quater`,
    },
    unworthy: {
      it: 'Chi è condannato in via definitiva per l’omicidio perde il diritto alla pensione ai superstiti ed è indegno a succedere',
      en: 'Whoever is finally convicted of the homicide loses the right to the survivor’s pension and is unworthy to inherit',
      source: `L. 125/2011 art. 1 c. 1; ${LAW} art. 5`,
    },
    legal_aid: {
      it: 'Gratuito patrocinio per i figli nei procedimenti penali e civili, anche oltre i limiti di reddito',
      en: 'Free legal aid for the children in criminal and civil proceedings, regardless of income',
      source: `${LAW} art. 1`,
    },
    fund: {
      it: 'Borse di studio, spese mediche e assistenziali, inserimento lavorativo e contributi alle famiglie affidatarie dal fondo del Ministero dell’Interno, tramite la Prefettura (non l’INPS)',
      en: 'Scholarships, medical and care costs, job placement and support for foster families from the Ministry of the Interior fund, through the Prefettura (not INPS)',
      source: `${LAW} art. 11; Regolamento 71/2020`,
    },
    job_quota: {
      it: 'Gli orfani rientrano nella quota di riserva per le assunzioni obbligatorie',
      en: 'The orphans fall within the reserved quota for compulsory hiring',
      source: `${LAW} art. 6; L. 68/1999 art. 18`,
    },
    inps_credits: {
      it: 'Da verificare: per il 2020–2022 i crediti di Stato e INPS verso l’autore (poi deceduto) non si recuperano sui beni ereditati dai figli; per gli anni successivi la norma non è stata verificata',
      en: 'To verify: for 2020–2022 State and INPS credits against the perpetrator (since deceased) are not recovered on the assets inherited by the children; for later years the rule was not checked',
      source: 'L. 160/2019 art. 1 c. 486-489; INPS circ. 109/2021',
    },
  },
  evaluate(ctx) {
    const { facts } = ctx;
    // Minor children, or adult children who may not be self-sufficient (that part is verified by hand).
    const adult = ctx.param('majority_age');
    let children: Tri = null;
    let adultOnly = false;
    let maybe: readonly MemberFacts[] = [];
    if (facts.membersKnown) {
      const kids = facts.children;
      const minors = kids.filter((c) => c.age !== undefined && c.age < adult);
      const unknownAge = kids.filter((c) => c.age === undefined);
      adultOnly = minors.length === 0 && unknownAge.length === 0 && kids.length > 0;
      // A member of unknown relation may be a child.
      maybe = facts.members.filter((m) => m.relation === undefined);
      children = kids.length > 0 ? true : maybe.length > 0 ? null : false;
    }
    ctx.require(
      'children',
      children,
      undefined,
      facts.membersKnown ? maybe.map((m) => `household.members[${m.index}].relation`) : undefined,
    );
    ctx.verify('domestic_crime');
    if (adultOnly) ctx.verify('self_sufficient');
    ctx.info('pension_to_children', true);
    ctx.info('unworthy', true);
    ctx.info('legal_aid', true);
    ctx.info('fund', true);
    ctx.info('job_quota', true);
    ctx.verify('inps_credits');
    // Information only: no amount (screening contract).
    return undefined;
  },
});

// The registry of benefits. To add one: import its rule and add it to the list (one line each; order does not
// matter, results follow the contract's order). See README.md in this folder.
import type { Benefit } from '../engine/benefit.ts';
import { assegnoDiInclusione } from './assegno_di_inclusione/rule.ts';
import { assegnoMaternitaComuni } from './assegno_maternita_comuni/rule.ts';
import { assegnoMaternitaStato } from './assegno_maternita_stato/rule.ts';
import { assegnoSociale } from './assegno_sociale/rule.ts';
import { assegnoUnico } from './assegno_unico/rule.ts';
import { bonusAsiloNido } from './bonus_asilo_nido/rule.ts';
import { bonusNuoviNati } from './bonus_nuovi_nati/rule.ts';
import { cartaDedicataATe } from './carta_dedicata_a_te/rule.ts';
import { congedoViolenza } from './congedo_violenza/rule.ts';
import { esoneroAssunzione } from './esonero_assunzione/rule.ts';
import { naspi } from './naspi/rule.ts';
import { orfaniCriminiDomestici } from './orfani_crimini_domestici/rule.ts';
import { redditoDiLiberta } from './reddito_di_liberta/rule.ts';
import { supportoFormazioneLavoro } from './supporto_formazione_lavoro/rule.ts';

/** Every registered benefit. */
export const benefits: readonly Benefit[] = [
  redditoDiLiberta,
  assegnoDiInclusione,
  naspi,
  congedoViolenza,
  assegnoSociale,
  esoneroAssunzione,
  supportoFormazioneLavoro,
  assegnoUnico,
  bonusAsiloNido,
  bonusNuoviNati,
  assegnoMaternitaComuni,
  assegnoMaternitaStato,
  cartaDedicataATe,
  orfaniCriminiDomestici,
];

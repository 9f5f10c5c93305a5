import { registerMessages } from '../../platform/i18n/index.ts';

registerMessages({
  it: {
    'home.menu': 'Home',
    'home.title': 'Benvenuta, {name}',
    'home.intro': 'Da qui raggiungi le attività del tuo ruolo.',
    'home.roles': 'I tuoi ruoli in questa organizzazione',
    'landing.title': 'Ponte, la rete Inps per tutti',
    'landing.intro':
      'Ponte collega centri antiviolenza, case rifugio, ambiti sociali, Comuni e sedi INPS per portare le prestazioni INPS alle donne che hanno subito violenza.',
    'landing.login': 'Accedi come operatrice o operatore',
    'landing.rights': 'Verifica in modo anonimo a quali prestazioni potresti avere diritto',
    'landing.otherLang': 'English',
    'role.cav_operator': 'Operatrice del centro antiviolenza',
    'role.cav_coordinator': 'Coordinatrice del centro antiviolenza o della casa rifugio',
    'role.inps_officer': 'Consulente INPS',
    'role.inps_director': 'Direttrice o direttore INPS territoriale',
    'role.social_worker': 'Assistente sociale (ATS o Comune)',
    'role.trainer': 'Formatrice o formatore',
    'role.network_admin': 'Amministratrice o amministratore della rete',
    'role.dpo': 'Responsabile della protezione dei dati',
  },
  en: {
    'home.menu': 'Home',
    'home.title': 'Welcome, {name}',
    'home.intro': 'From here you reach the tasks of your role.',
    'home.roles': 'Your roles in this organisation',
    'landing.title': 'Ponte, the Inps for everyone network',
    'landing.intro':
      'Ponte connects anti-violence centres, shelters, social districts, municipalities and INPS offices to bring INPS benefits to women who have suffered violence.',
    'landing.login': 'Log in as a staff member',
    'landing.rights': 'Check anonymously which benefits you may be entitled to',
    'landing.otherLang': 'Italiano',
    'role.cav_operator': 'Anti-violence centre operator',
    'role.cav_coordinator': 'Anti-violence centre or shelter coordinator',
    'role.inps_officer': 'INPS officer',
    'role.inps_director': 'INPS territorial director',
    'role.social_worker': 'Social worker (social district or municipality)',
    'role.trainer': 'Trainer',
    'role.network_admin': 'Network administrator',
    'role.dpo': 'Data protection officer',
  },
});

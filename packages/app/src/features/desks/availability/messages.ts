import { registerMessages } from '../../../platform/i18n/index.ts';

// Messages of "La mia disponibilità" (the officer publishes her own desk days) and of who published a desk day.

registerMessages({
  it: {
    'desks.menu.availability': 'La mia disponibilità',
    'desks.avail.title': 'La mia disponibilità',
    'desks.avail.intro':
      'Qui pubblichi le giornate in cui sei disponibile agli sportelli della tua sede: il CAV vi prenota gli appuntamenti. Le giornate decise dalla direttrice, singole o ricorrenti, compaiono qui ma può cambiarle solo lei.',
    'desks.avail.listTitle': 'Le tue prossime giornate di sportello',
    'desks.avail.caption': 'Le tue prossime giornate di sportello',
    'desks.avail.empty': 'Non hai giornate di sportello in programma.',
    'desks.avail.emptyLink': 'Pubblica una giornata in cui sei disponibile.',
    'desks.avail.emptyUntrained':
      'Non hai giornate di sportello in programma. Per pubblicare la tua disponibilità devi risultare formata sull’accoglienza: chiedilo alla direttrice della tua sede.',
    'desks.avail.origin': 'Chi l’ha decisa',
    'desks.avail.originOwn': 'Pubblicata da te',
    'desks.avail.originRule': 'Regola ricorrente della direttrice',
    'desks.avail.originDirector': 'Assegnata dalla direttrice',
    'desks.avail.action': 'Azione',
    'desks.avail.directorOnly': 'Può cambiarla solo la direttrice',
    'desks.avail.started': 'Già iniziata',
    'desks.avail.hasBookings': 'Ha {n} appuntamenti attivi',
    'desks.avail.cancel': 'Annulla la giornata',
    'desks.avail.new': 'Pubblica una giornata',
    'desks.avail.newHint':
      'La giornata è tua: nessun’altra consulente viene assegnata. Valgono l’orario dello sportello, le festività, le chiusure e le assenze.',
    'desks.avail.desk': 'Sportello della tua sede',
    'desks.avail.publish': 'Pubblica la giornata',
    'desks.avail.published': 'Giornata pubblicata: il CAV può prenotarvi gli appuntamenti.',
    'desks.avail.untrained':
      'Non risulti formata sull’accoglienza, quindi non puoi ancora pubblicare giornate di sportello. Chiedi alla direttrice della tua sede di segnarti come formata.',
    'desks.avail.noDesks':
      'La tua sede non ha sportelli attivi. Chiedi alla direttrice di crearne uno, poi potrai pubblicare qui le tue giornate.',
    'desks.avail.cancelTitle': 'Annullare la giornata di sportello?',
    'desks.avail.cancelText':
      'La giornata di {when} allo sportello {desk} viene annullata: il CAV non potrà più prenotarvi appuntamenti.',
    'desks.avail.cancelConfirm': 'Annulla la giornata',
    'desks.avail.cancelBlocked':
      'Questa giornata ha {n} appuntamenti attivi: non puoi annullarla finché il CAV non li sposta o li annulla.',
    'desks.avail.notYours':
      'Questa giornata è stata decisa dalla direttrice: può cambiarla o toglierla solo lei. Se non sei disponibile, avvisala.',
    'desks.avail.back': 'Torna alla mia disponibilità',
    'desks.avail.withdrawn': 'Giornata annullata.',
    'desks.sessions.byOfficer': 'pubblicata dalla consulente',
    'desks.err.availDesk': 'Scegli uno sportello della tua sede.',
    'desks.err.selfUntrained':
      'Non risulti formata sull’accoglienza: non puoi pubblicare giornate di sportello. Chiedi alla direttrice della tua sede di segnarti come formata.',
    'desks.err.selfNotOfficer':
      'Solo le consulenti INPS della sede possono pubblicare giornate di sportello.',
    'desks.err.availStarted': 'La giornata è già iniziata: non si può più annullare.',
    'desks.err.availStale': 'La giornata è cambiata nel frattempo: ricarica la pagina e riprova.',
    'desks.err.availBooked':
      'La giornata non è stata annullata: ha {n} appuntamenti attivi ({list}). Il CAV deve prima spostarli o annullarli.',
  },
  en: {
    'desks.menu.availability': 'My availability',
    'desks.avail.title': 'My availability',
    'desks.avail.intro':
      'Here you publish the days you are available at your office’s desks: the CAV books appointments in them. Days set by the director, one-off or recurring, appear here but only she can change them.',
    'desks.avail.listTitle': 'Your upcoming desk days',
    'desks.avail.caption': 'Your upcoming desk days',
    'desks.avail.empty': 'You have no desk days planned.',
    'desks.avail.emptyLink': 'Publish a day you are available.',
    'desks.avail.emptyUntrained':
      'You have no desk days planned. To publish your availability you must be marked as trained in accoglienza: ask your office’s director.',
    'desks.avail.origin': 'Set by',
    'desks.avail.originOwn': 'Published by you',
    'desks.avail.originRule': 'The director’s recurring rule',
    'desks.avail.originDirector': 'Assigned by the director',
    'desks.avail.action': 'Action',
    'desks.avail.directorOnly': 'Only the director can change it',
    'desks.avail.started': 'Already started',
    'desks.avail.hasBookings': '{n} active appointments',
    'desks.avail.cancel': 'Cancel the day',
    'desks.avail.new': 'Publish a day',
    'desks.avail.newHint':
      'The day is yours: no other officer is assigned. The desk’s opening hours, public holidays, closures and absences apply.',
    'desks.avail.desk': 'Desk of your office',
    'desks.avail.publish': 'Publish the day',
    'desks.avail.published': 'Day published: the CAV can book appointments in it.',
    'desks.avail.untrained':
      'You are not marked as trained in accoglienza, so you cannot publish desk days yet. Ask your office’s director to mark you as trained.',
    'desks.avail.noDesks':
      'Your office has no active desk. Ask the director to set one up, then you can publish your days here.',
    'desks.avail.cancelTitle': 'Cancel the desk day?',
    'desks.avail.cancelText':
      'The day of {when} at the desk {desk} is cancelled: the CAV can no longer book appointments in it.',
    'desks.avail.cancelConfirm': 'Cancel the day',
    'desks.avail.cancelBlocked':
      'This day has {n} active appointments: you cannot cancel it until the CAV moves or cancels them.',
    'desks.avail.notYours':
      'This day was set by the director: only she can change or remove it. If you are not available, tell her.',
    'desks.avail.back': 'Back to my availability',
    'desks.avail.withdrawn': 'Day cancelled.',
    'desks.sessions.byOfficer': 'published by the officer',
    'desks.err.availDesk': 'Choose a desk of your office.',
    'desks.err.selfUntrained':
      'You are not marked as trained in accoglienza: you cannot publish desk days. Ask your office’s director to mark you as trained.',
    'desks.err.selfNotOfficer': 'Only the office’s INPS officers can publish desk days.',
    'desks.err.availStarted': 'The day has already started: it can no longer be cancelled.',
    'desks.err.availStale': 'The day changed meanwhile: reload the page and try again.',
    'desks.err.availBooked':
      'The day was not cancelled: it has {n} active appointments ({list}). The CAV must move or cancel them first.',
  },
});

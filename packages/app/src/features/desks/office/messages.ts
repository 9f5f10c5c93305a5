import { registerMessages } from '../../../platform/i18n/index.ts';

// Messages of "Appuntamenti dell'ufficio" (the INPS director's list of her office's desk appointments).

registerMessages({
  it: {
    'desks.menu.office': 'Appuntamenti dell’ufficio',
    'desks.office.title': 'Appuntamenti dell’ufficio',
    'desks.office.intro':
      'Gli appuntamenti prenotati dai CAV sugli sportelli della tua sede: prima quelli in arrivo, dal più vicino, poi quelli passati. Della donna si vede solo il codice della scheda.',
    'desks.office.from': 'Dal giorno',
    'desks.office.to': 'Al giorno',
    'desks.office.dateHint': 'Per esempio 31/12/2027',
    'desks.office.officer': 'Consulente',
    'desks.office.anyOfficer': 'Tutte le consulenti',
    'desks.office.desk': 'Sportello',
    'desks.office.anyDesk': 'Tutti gli sportelli',
    'desks.office.retired': '{name} (dismesso)',
    'desks.office.status': 'Stato',
    'desks.office.anyStatus': 'Tutti gli stati',
    'desks.office.reset': 'Togli tutti i filtri',
    'desks.office.countsAll': 'In tutto:',
    'desks.office.countsFiltered': 'Con il periodo, la consulente e lo sportello scelti:',
    'desks.office.count.booked.one': '{n} prenotato',
    'desks.office.count.booked.other': '{n} prenotati',
    'desks.office.count.done.one': '{n} svolto',
    'desks.office.count.done.other': '{n} svolti',
    'desks.office.count.no_show.one': '{n} non presentata',
    'desks.office.count.no_show.other': '{n} non presentate',
    'desks.office.count.cancelled.one': '{n} annullato',
    'desks.office.count.cancelled.other': '{n} annullati',
    'desks.office.caption': 'Appuntamenti sugli sportelli della tua sede',
    'desks.office.when': 'Quando',
    'desks.office.card': 'Scheda',
    'desks.office.moved': 'spostato',
    'desks.office.emptyNoDesks':
      'La tua sede non ha ancora sportelli, quindi non ci sono appuntamenti. Crea uno sportello e pianifica le giornate: poi le operatrici dei CAV potranno prenotare.',
    'desks.office.emptyNoDesksLink': 'Vai agli sportelli',
    'desks.office.empty':
      'Sugli sportelli della tua sede non c’è ancora nessun appuntamento. Li prenotano le operatrici dei CAV nelle giornate di sportello: controlla che ci siano giornate in programma.',
    'desks.office.emptyLink': 'Vai agli sportelli e alle giornate',
    'desks.office.emptyFiltered':
      'Nessun appuntamento con questi filtri. Allarga il periodo o scegli un’altra consulente, un altro sportello o un altro stato.',
    'desks.office.notShown': 'Correggi il filtro indicato per vedere gli appuntamenti.',
    'desks.office.err.order':
      'Il giorno finale viene prima di quello iniziale: scegline uno uguale o successivo.',
  },
  en: {
    'desks.menu.office': 'Office appointments',
    'desks.office.title': 'Office appointments',
    'desks.office.intro':
      'The appointments the CAVs booked on your office’s desks: upcoming ones first, soonest first, then past ones. Of the woman only the card code is shown.',
    'desks.office.from': 'From',
    'desks.office.to': 'To',
    'desks.office.dateHint': 'For example 31/12/2027',
    'desks.office.officer': 'Officer',
    'desks.office.anyOfficer': 'All officers',
    'desks.office.desk': 'Desk',
    'desks.office.anyDesk': 'All desks',
    'desks.office.retired': '{name} (retired)',
    'desks.office.status': 'Status',
    'desks.office.anyStatus': 'Any status',
    'desks.office.reset': 'Clear all filters',
    'desks.office.countsAll': 'In all:',
    'desks.office.countsFiltered': 'For the chosen period, officer and desk:',
    'desks.office.count.booked.one': '{n} booked',
    'desks.office.count.booked.other': '{n} booked',
    'desks.office.count.done.one': '{n} done',
    'desks.office.count.done.other': '{n} done',
    'desks.office.count.no_show.one': '{n} no-show',
    'desks.office.count.no_show.other': '{n} no-shows',
    'desks.office.count.cancelled.one': '{n} cancelled',
    'desks.office.count.cancelled.other': '{n} cancelled',
    'desks.office.caption': 'Appointments on your office’s desks',
    'desks.office.when': 'When',
    'desks.office.card': 'Card',
    'desks.office.moved': 'moved',
    'desks.office.emptyNoDesks':
      'Your office has no desks yet, so there are no appointments. Create a desk and plan its days: then the CAV operators can book.',
    'desks.office.emptyNoDesksLink': 'Go to the desks',
    'desks.office.empty':
      'There are no appointments on your office’s desks yet. CAV operators book them on desk days: check that desk days are planned.',
    'desks.office.emptyLink': 'Go to the desks and their days',
    'desks.office.emptyFiltered':
      'No appointments match these filters. Widen the period or choose another officer, desk or status.',
    'desks.office.notShown': 'Correct the filter shown to see the appointments.',
    'desks.office.err.order': 'The end day comes before the start day: choose the same day or a later one.',
  },
});

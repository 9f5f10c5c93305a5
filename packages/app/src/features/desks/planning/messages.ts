import { formatDay } from '../../../platform/format.ts';
import { registerMessages, type T } from '../../../platform/i18n/index.ts';

// Messages of recurring desk days, exceptions, opening hours and the accoglienza training mark (issue 5).

/**
 * Translates an error value of rules.ts: a key, or `key?name=value&…` (see `msg`). A parameter value starting
 * with `@` is a comma-separated list of message keys, translated and joined (day names). With the page's
 * language, the Rome wall-clock times in the values (`2027-09-14 09:00`, as the services write them) read as on
 * the rest of the pages («14 settembre 2027, 09:00»).
 */
export function translateError(t: T, value: string, lang?: string): string {
  const i = value.indexOf('?');
  // The platform's date messages carry their dates, which the translator reads itself (platform/forms/date.ts).
  if (i < 0 || value.startsWith('forms.')) return t(value);
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(value.slice(i + 1)))
    params[k] = v.startsWith('@')
      ? v
          .slice(1)
          .split(',')
          .map((key) => t(key))
          .join(', ')
      : lang
        ? readableTimes(v, lang)
        : v;
  return t(value.slice(0, i), params);
}

/** `YYYY-MM-DD HH:MM` (a Rome wall-clock time) as «14 settembre 2027, 09:00» / «14 September 2027, 09:00». */
function readableTimes(text: string, lang: string): string {
  return text.replace(
    /\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})\b/g,
    (_m, date: string, time: string) => `${formatDay(date, lang)}, ${time}`,
  );
}

registerMessages({
  it: {
    'desks.day.1': 'lunedì',
    'desks.day.2': 'martedì',
    'desks.day.3': 'mercoledì',
    'desks.day.4': 'giovedì',
    'desks.day.5': 'venerdì',
    'desks.day.6': 'sabato',
    'desks.day.7': 'domenica',
    'desks.week.every': 'Ogni settimana',
    'desks.week.1': '1ª settimana',
    'desks.week.2': '2ª settimana',
    'desks.week.3': '3ª settimana',
    'desks.week.4': '4ª settimana',
    'desks.week.5': '5ª settimana',
    'desks.week.last': 'ultima settimana',
    'desks.menu.officers': 'Consulenti formate sull’accoglienza',
    'desks.menu.exceptions': 'Chiusure e assenze',
    'desks.hours.title': 'Orario dello sportello {name}',
    'desks.hours.current': 'Orario dello sportello (ora italiana):',
    'desks.hours.value': '{days}, dalle {from} alle {to}',
    'desks.hours.days': 'Giorni di apertura',
    'desks.hours.opens': 'Apre alle (HH:MM)',
    'desks.hours.closes': 'Chiude alle (HH:MM)',
    'desks.hours.save': 'Salva l’orario',
    'desks.hours.saved': 'Orario dello sportello salvato.',
    'desks.hours.edit': 'Modifica l’orario',
    'desks.rule.link': 'Giornate ricorrenti',
    'desks.rule.title': 'Giornate ricorrenti dello sportello {name}',
    'desks.rule.back': 'Torna allo sportello {name}',
    'desks.rule.list': 'Regole',
    'desks.rule.none': 'Nessuna regola ricorrente.',
    'desks.rule.every': 'ogni {day}',
    'desks.rule.weeks': '{weeks} {day} del mese',
    'desks.ord.1': '1°',
    'desks.ord.2': '2°',
    'desks.ord.3': '3°',
    'desks.ord.4': '4°',
    'desks.ord.5': '5°',
    'desks.ord.last': 'ultimo',
    'desks.ord.and': ' e ',
    'desks.rule.validity': 'Valida dal {from} al {to}.',
    'desks.rule.endedMark': 'terminata',
    'desks.rule.holidays': 'Festività nazionali escluse: {days}.',
    'desks.rule.days': 'Giornate in programma generate dalla regola: {n}',
    'desks.rule.new': 'Nuova regola ricorrente',
    'desks.rule.officer': 'Consulente INPS assegnata',
    'desks.rule.weekday': 'Giorno della settimana',
    'desks.rule.weeksLegend': 'Settimane del mese',
    'desks.rule.from': 'Valida dal giorno',
    'desks.rule.until': 'Valida fino al giorno',
    'desks.rule.untilHint': 'Al massimo 12 mesi dopo l’inizio.',
    'desks.rule.create': 'Crea la regola',
    'desks.rule.created': 'Regola creata: le giornate sono in programma (festività e chiusure escluse).',
    'desks.rule.end': 'Termina la regola',
    'desks.rule.endTitle': 'Terminare la regola?',
    'desks.rule.endText':
      'La regola di {officer} (valida dal {from} al {to}) termina: le sue giornate future dal giorno indicato vengono tolte, tranne quelle con appuntamenti attivi.',
    'desks.rule.firstDay': 'Togli le giornate a partire dal giorno',
    'desks.rule.firstDayHint': 'Lascia vuoto per oggi. Non può essere nel passato.',
    'desks.rule.ended': 'Regola terminata. Giornate tolte: {n}.',
    'desks.rule.kept':
      'Giornate mantenute perché hanno appuntamenti attivi (spostali o annullali con il CAV):',
    'desks.officers.title': 'Consulenti formate sull’accoglienza',
    'desks.officers.intro':
      'Solo le consulenti formate sull’accoglienza possono essere assegnate alle giornate di sportello. Finché la formazione non è registrata in Ponte, la direttrice indica chi è formata.',
    'desks.officers.caption': 'Consulenti della sede',
    'desks.officers.empty': 'Nessuna consulente nella sede.',
    'desks.officers.mark': 'Formazione sull’accoglienza',
    'desks.officers.since': 'Dal',
    'desks.officers.by': 'Indicata da',
    'desks.officers.byTraining': 'Corso di formazione',
    'desks.officers.action': 'Azione',
    'desks.officers.trained': 'Formata',
    'desks.officers.untrained': 'Non formata',
    'desks.officers.markBtn': 'Segna come formata',
    'desks.officers.unmark': 'Togli la formazione',
    'desks.officers.unmarkTitle': 'Togliere la formazione?',
    'desks.officers.unmarkText':
      '{name} non risulterà più formata sull’accoglienza e non potrà essere assegnata a nuove giornate di sportello.',
    'desks.officers.marked': 'Consulente segnata come formata.',
    'desks.officers.unmarked': 'Formazione tolta.',
    'desks.officers.optionUntrained': '{name} (non formata sull’accoglienza)',
    'desks.exc.title': 'Chiusure degli sportelli e assenze',
    'desks.exc.intro':
      'Le festività nazionali sono già chiuse. Una chiusura o un’assenza toglie le giornate di sportello del periodo; se ci sono appuntamenti attivi va prima spostata la prenotazione.',
    'desks.exc.caption': 'Chiusure e assenze',
    'desks.exc.none': 'Nessuna chiusura o assenza in programma.',
    'desks.exc.kind': 'Tipo',
    'desks.exc.closure': 'Chiusura dello sportello',
    'desks.exc.absence': 'Assenza della consulente',
    'desks.exc.who': 'Sportello o consulente',
    'desks.exc.period': 'Periodo',
    'desks.exc.range': 'dal {from} al {to}',
    'desks.exc.note': 'Nota',
    'desks.exc.remove': 'Togli',
    'desks.exc.removeTitle': 'Togliere la chiusura o l’assenza?',
    'desks.exc.removeText':
      'La chiusura o assenza ({who}, dal {from} al {to}) viene tolta e le giornate ricorrenti di quel periodo tornano in programma.',
    'desks.exc.new': 'Nuova chiusura o assenza',
    'desks.exc.desk': 'Sportello (per una chiusura)',
    'desks.exc.officer': 'Consulente (per un’assenza)',
    'desks.exc.from': 'Dal giorno',
    'desks.exc.to': 'Al giorno (compreso)',
    'desks.exc.save': 'Registra',
    'desks.exc.created': 'Registrata: le giornate del periodo sono state tolte.',
    'desks.exc.removed': 'Tolta: le giornate ricorrenti del periodo sono di nuovo in programma.',
    'desks.err.untrained':
      'Questa consulente non è formata sull’accoglienza: non può essere assegnata alle giornate di sportello.',
    'desks.err.closedDay':
      'Il giorno è fuori dall’orario dello sportello: è aperto {days}, dalle {from} alle {to}.',
    'desks.err.outsideHours':
      'L’orario è fuori dall’orario dello sportello: è aperto {days}, dalle {from} alle {to}.',
    'desks.err.inClosure': 'Lo sportello è chiuso in quel giorno (chiusura dal {from} al {to}).',
    'desks.err.inAbsence': 'La consulente è assente in quel giorno (assenza dal {from} al {to}).',
    'desks.err.overlapOfficer':
      'La consulente {officer} ha già una giornata che si sovrappone: {day} allo sportello {desk}.',
    'desks.err.overlapDesk':
      'Lo sportello {desk} ha già una giornata che si sovrappone: {day} con {officer}.',
    'desks.err.overlapRace':
      'Un’altra giornata che si sovrappone è stata appena creata: ricarica la pagina e controlla.',
    'desks.err.weekday': 'Scegli il giorno della settimana.',
    'desks.err.weeks': 'Scegli ogni settimana o almeno una settimana del mese.',
    'desks.err.untilBeforeFrom': 'La data di fine deve essere uguale o successiva a quella di inizio.',
    'desks.err.tooLong': 'Il periodo può durare al massimo {months} mesi.',
    'desks.err.ruleNoDays':
      'Nel periodo scelto la regola non dà nessuna giornata (festività, chiusure o giorni passati).',
    'desks.err.ruleEnded': 'Questa regola è già terminata.',
    'desks.err.exceptionKind': 'Scegli se è una chiusura dello sportello o un’assenza della consulente.',
    'desks.err.exceptionDesk': 'Scegli uno sportello della tua sede.',
    'desks.err.exceptionBooked':
      'Appuntamenti attivi nel periodo: {n}. Chiedi al CAV di spostarli prima: {list}',
    'desks.err.hoursDays': 'Scegli almeno un giorno di apertura.',
    'desks.err.hoursConflict':
      'Giornate in programma fuori dal nuovo orario: {n}. Toglile o spostale prima: {list}',
    'desks.err.hoursStale':
      'Qualcun altro ha cambiato l’orario nel frattempo: controlla l’orario attuale qui sopra e salva di nuovo.',
    'desks.err.slotOutsideHours': 'L’orario scelto è fuori dall’orario dello sportello.',
  },
  en: {
    'desks.day.1': 'Monday',
    'desks.day.2': 'Tuesday',
    'desks.day.3': 'Wednesday',
    'desks.day.4': 'Thursday',
    'desks.day.5': 'Friday',
    'desks.day.6': 'Saturday',
    'desks.day.7': 'Sunday',
    'desks.week.every': 'Every week',
    'desks.week.1': '1st week',
    'desks.week.2': '2nd week',
    'desks.week.3': '3rd week',
    'desks.week.4': '4th week',
    'desks.week.5': '5th week',
    'desks.week.last': 'last week',
    'desks.menu.officers': 'Officers trained in accoglienza',
    'desks.menu.exceptions': 'Closures and absences',
    'desks.hours.title': 'Opening hours of desk {name}',
    'desks.hours.current': 'Opening hours of the desk (Italian time):',
    'desks.hours.value': '{days}, from {from} to {to}',
    'desks.hours.days': 'Opening days',
    'desks.hours.opens': 'Opens at (HH:MM)',
    'desks.hours.closes': 'Closes at (HH:MM)',
    'desks.hours.save': 'Save the opening hours',
    'desks.hours.saved': 'Opening hours saved.',
    'desks.hours.edit': 'Edit the opening hours',
    'desks.rule.link': 'Recurring desk days',
    'desks.rule.title': 'Recurring desk days of desk {name}',
    'desks.rule.back': 'Back to desk {name}',
    'desks.rule.list': 'Rules',
    'desks.rule.none': 'No recurring rules.',
    'desks.rule.every': 'every {day}',
    'desks.rule.weeks': 'the {weeks} {day} of the month',
    'desks.ord.1': '1st',
    'desks.ord.2': '2nd',
    'desks.ord.3': '3rd',
    'desks.ord.4': '4th',
    'desks.ord.5': '5th',
    'desks.ord.last': 'last',
    'desks.ord.and': ' and ',
    'desks.rule.validity': 'Valid from {from} to {to}.',
    'desks.rule.endedMark': 'ended',
    'desks.rule.holidays': 'National public holidays left out: {days}.',
    'desks.rule.days': 'Planned desk days generated by the rule: {n}',
    'desks.rule.new': 'New recurring rule',
    'desks.rule.officer': 'Assigned INPS officer',
    'desks.rule.weekday': 'Day of the week',
    'desks.rule.weeksLegend': 'Weeks of the month',
    'desks.rule.from': 'Valid from',
    'desks.rule.until': 'Valid until',
    'desks.rule.untilHint': 'At most 12 months after the start.',
    'desks.rule.create': 'Create the rule',
    'desks.rule.created': 'Rule created: its desk days are planned (holidays and closures left out).',
    'desks.rule.end': 'End the rule',
    'desks.rule.endTitle': 'End the rule?',
    'desks.rule.endText':
      'The rule of {officer} (valid from {from} to {to}) ends: its future desk days from the given day are removed, except those with active appointments.',
    'desks.rule.firstDay': 'Remove the desk days from',
    'desks.rule.firstDayHint': 'Leave empty for today. It cannot be in the past.',
    'desks.rule.ended': 'Rule ended: {n} desk days removed.',
    'desks.rule.kept':
      'Desk days kept because they have active appointments (move or cancel them with the CAV):',
    'desks.officers.title': 'Officers trained in accoglienza',
    'desks.officers.intro':
      'Only officers trained in accoglienza can be assigned to desk days. Until the training is recorded in Ponte, the director states who is trained.',
    'desks.officers.caption': 'Officers of the office',
    'desks.officers.empty': 'No officers in the office.',
    'desks.officers.mark': 'Accoglienza training',
    'desks.officers.since': 'Since',
    'desks.officers.by': 'Stated by',
    'desks.officers.byTraining': 'Training course',
    'desks.officers.action': 'Action',
    'desks.officers.trained': 'Trained',
    'desks.officers.untrained': 'Not trained',
    'desks.officers.markBtn': 'Mark as trained',
    'desks.officers.unmark': 'Remove the training mark',
    'desks.officers.unmarkTitle': 'Remove the training mark?',
    'desks.officers.unmarkText':
      '{name} will no longer be marked as trained in accoglienza and cannot be assigned to new desk days.',
    'desks.officers.marked': 'Officer marked as trained.',
    'desks.officers.unmarked': 'Training mark removed.',
    'desks.officers.optionUntrained': '{name} (not trained in accoglienza)',
    'desks.exc.title': 'Desk closures and absences',
    'desks.exc.intro':
      'National public holidays are already closed. A closure or an absence removes the desk days of its period; active appointments must be moved first.',
    'desks.exc.caption': 'Closures and absences',
    'desks.exc.none': 'No closures or absences planned.',
    'desks.exc.kind': 'Kind',
    'desks.exc.closure': 'Closure of the desk',
    'desks.exc.absence': 'Absence of the officer',
    'desks.exc.who': 'Desk or officer',
    'desks.exc.period': 'Period',
    'desks.exc.range': 'from {from} to {to}',
    'desks.exc.note': 'Note',
    'desks.exc.remove': 'Remove',
    'desks.exc.removeTitle': 'Remove the closure or absence?',
    'desks.exc.removeText':
      'The closure or absence ({who}, from {from} to {to}) is removed and the recurring desk days of that period are planned again.',
    'desks.exc.new': 'New closure or absence',
    'desks.exc.desk': 'Desk (for a closure)',
    'desks.exc.officer': 'Officer (for an absence)',
    'desks.exc.from': 'From',
    'desks.exc.to': 'To (included)',
    'desks.exc.save': 'Record',
    'desks.exc.created': 'Recorded: the desk days of the period have been removed.',
    'desks.exc.removed': 'Removed: the recurring desk days of the period are planned again.',
    'desks.err.untrained': 'This officer is not trained in accoglienza: she cannot be assigned to desk days.',
    'desks.err.closedDay':
      'The day is outside the desk’s opening hours: it is open {days}, from {from} to {to}.',
    'desks.err.outsideHours':
      'The time is outside the desk’s opening hours: it is open {days}, from {from} to {to}.',
    'desks.err.inClosure': 'The desk is closed on that day (closure from {from} to {to}).',
    'desks.err.inAbsence': 'The officer is absent on that day (absence from {from} to {to}).',
    'desks.err.overlapOfficer':
      'Officer {officer} already has an overlapping desk day: {day} at desk {desk}.',
    'desks.err.overlapDesk': 'Desk {desk} already has an overlapping desk day: {day} with {officer}.',
    'desks.err.overlapRace': 'An overlapping desk day has just been created: reload the page and check.',
    'desks.err.weekday': 'Choose the day of the week.',
    'desks.err.weeks': 'Choose every week or at least one week of the month.',
    'desks.err.untilBeforeFrom': 'The end date must be the same as or after the start date.',
    'desks.err.tooLong': 'The period can last at most {months} months.',
    'desks.err.ruleNoDays':
      'In the chosen period the rule gives no desk day (holidays, closures or past days).',
    'desks.err.ruleEnded': 'This rule has already ended.',
    'desks.err.exceptionKind': 'Choose whether it is a closure of the desk or an absence of the officer.',
    'desks.err.exceptionDesk': 'Choose a desk of your office.',
    'desks.err.exceptionBooked':
      'Active appointments in the period: {n}. Ask the CAV to move them first: {list}',
    'desks.err.hoursDays': 'Choose at least one opening day.',
    'desks.err.hoursConflict':
      'Planned desk days outside the new hours: {n}. Remove or move them first: {list}',
    'desks.err.hoursStale':
      'Someone else changed the opening hours meanwhile: check the current hours above and save again.',
    'desks.err.slotOutsideHours': 'The chosen time is outside the desk’s opening hours.',
  },
});

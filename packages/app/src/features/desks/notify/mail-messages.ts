import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { isoDateInRome } from '../../../platform/clock.ts';
import { formatTime, formatWeekdayNoYear, formatWeekdayTime } from '../../../platform/format.ts';
import { type Lang, registerMessages, translate } from '../../../platform/i18n/index.ts';
import type { MailMessage } from '../../../platform/mail/mailer.ts';
import { deskLabel } from '../common/format.ts';
import type { FeedAppointment, MailAppointment } from './repository.ts';

// What the desks write in e-mails and calendars (issue 5, part C), and the strings of the calendar-feed page.
// Staff e-mails carry only times (Europe/Rome), place and card code, in the language she chose (app_user.lang),
// or Italian first and English below when she chose none (decision 0032); the reminder to the woman is
// neutral, in both languages: a date and a time, and a link only when the meeting is remote.

registerMessages({
  it: {
    'desks.menu.feed': 'Calendario in abbonamento',
    'desks.mail.subject.booked': 'Nuovo appuntamento: {when} — scheda {code}',
    'desks.mail.subject.moved': 'Appuntamento spostato: {when} — scheda {code}',
    'desks.mail.subject.cancelled': 'Appuntamento annullato: {when} — scheda {code}',
    'desks.mail.intro.booked': 'È stato prenotato un appuntamento allo sportello.',
    'desks.mail.intro.moved': 'Un appuntamento allo sportello è stato spostato.',
    'desks.mail.intro.cancelled': 'Un appuntamento allo sportello è stato annullato.',
    'desks.mail.when': 'Quando: {when}–{end} (ora italiana)',
    'desks.mail.previous': 'Prima era: {when}',
    'desks.mail.where': 'Dove: {place}',
    'desks.mail.link': 'Collegamento: {url}',
    'desks.mail.card': 'Scheda: {code}',
    'desks.mail.footer':
      'I dettagli sono nella scheda, in Ponte. Questo messaggio non contiene dati personali della persona.',
    'desks.mail.icsCancelled': 'Il file annullato.ics toglie dal calendario l’appuntamento precedente.',
    'desks.ics.summary': 'Consulenza allo sportello — scheda {code}',
    'desks.reminder.subject': 'Promemoria appuntamento',
    'desks.reminder.body': 'Promemoria: appuntamento {when}.',
    'desks.reminder.link': 'Collegamento: {url}',
    'desks.reminder.cav.subject': 'Promemoria da dare: appuntamento del {when} — scheda {code}',
    'desks.reminder.cav.body':
      'Ponte non invia il promemoria direttamente alla persona ({why}). Avvisala tu, come concordato con lei.',
    'desks.reminder.cav.channels': 'Canali che accetta: {channels}',
    'desks.reminder.cav.hours': 'Orari in cui accetta di essere contattata: {hours}',
    'desks.reminder.cav.hoursNone': 'Orari: non indicati',
    'desks.reminder.cav.due': 'Lo trovi anche tra le scadenze del caso.',
    'desks.reminder.why.channel': 'il suo profilo di contatto sicuro non consente l’e-mail',
    'desks.reminder.why.abuser_may_know':
      'non risulta che l’autore della violenza non conosca il suo contatto (risposta «sì», «non so» o non ancora chiesta)',
    'desks.reminder.why.no_consent': 'non c’è un consenso al contatto valido',
    'desks.reminder.why.hours_unparseable': 'gli orari di contatto non sono leggibili da Ponte',
    'desks.reminder.why.no_time': 'non c’è un orario consentito prima dell’appuntamento',
    'desks.reminder.why.no_email': 'non è registrato un suo indirizzo e-mail',
    'desks.reminder.why.not_allowed': 'la lettura del suo indirizzo non è consentita',
    'desks.reminder.why.no_mail_server': 'Ponte non ha un server di posta configurato',
    'desks.due.reminder': 'Dare il promemoria del colloquio allo sportello: {time} ({place})',
    'desks.feed.title': 'Calendario in abbonamento',
    'desks.feed.calendarName': 'Ponte — appuntamenti allo sportello INPS',
    'desks.feed.intro':
      'Un indirizzo segreto che il tuo programma di calendario (Outlook, Google Calendar, Calendario di Apple) legge da solo: mostra i tuoi appuntamenti prenotati e svolti, da 30 giorni fa a 6 mesi avanti, con orari, luogo e codice della scheda. Nessun dato personale della persona.',
    'desks.feed.none': 'Non hai un indirizzo attivo.',
    'desks.feed.active': 'Hai un indirizzo attivo, creato il {date}.',
    'desks.feed.create': 'Crea l’indirizzo',
    'desks.feed.regenerate': 'Crea un nuovo indirizzo',
    'desks.feed.regenerateHelp':
      'Un nuovo indirizzo sostituisce quello attuale, che smette subito di funzionare: usalo se pensi che qualcuno lo conosca.',
    'desks.feed.regenerateConfirm':
      'Creare un nuovo indirizzo del calendario? Il vecchio indirizzo smetterà di funzionare subito: dovrai aggiungere quello nuovo al tuo programma di calendario.',
    'desks.feed.regenerateDo': 'Sì, crea un nuovo indirizzo',
    'desks.feed.revoke': 'Revoca l’indirizzo',
    'desks.feed.revokeConfirm':
      'Revocare l’indirizzo del calendario? Smette subito di funzionare e il calendario non si aggiorna più.',
    'desks.feed.revokeDo': 'Sì, revoca',
    'desks.feed.revoked': 'Indirizzo revocato.',
    'desks.feed.conflict':
      'L’indirizzo è stato cambiato nel frattempo (forse da un’altra finestra). Controlla e riprova.',
    'desks.feed.url': 'Indirizzo del calendario',
    'desks.feed.once':
      'Copia ora l’indirizzo: per sicurezza Ponte lo mostra una sola volta. Se lo perdi, creane uno nuovo.',
    'desks.feed.howTitle': 'Come aggiungerlo',
    'desks.feed.howOutlook': 'Outlook: Calendario → Aggiungi calendario → Da Internet, incolla l’indirizzo.',
    'desks.feed.howGoogle': 'Google Calendar: Altri calendari → + → Da URL, incolla l’indirizzo.',
    'desks.feed.howApple':
      'Calendario di Apple: Archivio → Nuovo calendario in abbonamento, incolla l’indirizzo.',
    'desks.feed.secret':
      'Non condividerlo e non inviarlo per e-mail: chi lo conosce vede i tuoi appuntamenti. Se pensi che sia stato visto da altri, crea un nuovo indirizzo.',
    'desks.feed.back': 'Torna all’agenda',
  },
  en: {
    'desks.menu.feed': 'Calendar subscription',
    'desks.mail.subject.booked': 'New appointment: {when} — card {code}',
    'desks.mail.subject.moved': 'Appointment moved: {when} — card {code}',
    'desks.mail.subject.cancelled': 'Appointment cancelled: {when} — card {code}',
    'desks.mail.intro.booked': 'An appointment has been booked at the desk.',
    'desks.mail.intro.moved': 'An appointment at the desk has been moved.',
    'desks.mail.intro.cancelled': 'An appointment at the desk has been cancelled.',
    'desks.mail.when': 'When: {when}–{end} (Italian time)',
    'desks.mail.previous': 'It was: {when}',
    'desks.mail.where': 'Where: {place}',
    'desks.mail.link': 'Link: {url}',
    'desks.mail.card': 'Card: {code}',
    'desks.mail.footer':
      'The details are on the card, in Ponte. This message contains no personal data of the person.',
    'desks.mail.icsCancelled': 'The file annullato.ics removes the previous appointment from the calendar.',
    'desks.ics.summary': 'Desk consultation — card {code}',
    'desks.reminder.subject': 'Appointment reminder',
    'desks.reminder.body': 'Reminder: appointment on {when}.',
    'desks.reminder.link': 'Link: {url}',
    'desks.reminder.cav.subject': 'Reminder to give: appointment of {when} — card {code}',
    'desks.reminder.cav.body':
      'Ponte does not send the reminder to the person directly ({why}). Please let her know, as agreed with her.',
    'desks.reminder.cav.channels': 'Channels she accepts: {channels}',
    'desks.reminder.cav.hours': 'Hours at which she accepts to be contacted: {hours}',
    'desks.reminder.cav.hoursNone': 'Hours: not given',
    'desks.reminder.cav.due': 'It is also among the case’s deadlines.',
    'desks.reminder.why.channel': 'her safe-contact profile does not allow e-mail',
    'desks.reminder.why.abuser_may_know':
      'it is not recorded that the abuser does not know her contact (answer “yes”, “I don’t know” or not asked yet)',
    'desks.reminder.why.no_consent': 'there is no valid consent to contact',
    'desks.reminder.why.hours_unparseable': 'Ponte cannot read her contact hours',
    'desks.reminder.why.no_time': 'there is no allowed time before the appointment',
    'desks.reminder.why.no_email': 'no e-mail address of hers is recorded',
    'desks.reminder.why.not_allowed': 'reading her address is not allowed',
    'desks.reminder.why.no_mail_server': 'Ponte has no mail server configured',
    'desks.due.reminder': 'Give the reminder of the desk consultation: {time_en} ({place})',
    'desks.feed.title': 'Calendar subscription',
    'desks.feed.calendarName': 'Ponte — INPS desk appointments',
    'desks.feed.intro':
      'A secret address that your calendar program (Outlook, Google Calendar, Apple Calendar) reads by itself: it shows your booked and done appointments, from 30 days ago to 6 months ahead, with times, place and card code. No personal data of the person.',
    'desks.feed.none': 'You have no active address.',
    'desks.feed.active': 'You have an active address, created on {date}.',
    'desks.feed.create': 'Create the address',
    'desks.feed.regenerate': 'Create a new address',
    'desks.feed.regenerateHelp':
      'A new address replaces the current one, which stops working at once: use it if you think someone knows it.',
    'desks.feed.regenerateConfirm':
      'Create a new calendar address? The old address will stop working at once: you will need to add the new one to your calendar program.',
    'desks.feed.regenerateDo': 'Yes, create a new address',
    'desks.feed.revoke': 'Revoke the address',
    'desks.feed.revokeConfirm':
      'Revoke the calendar address? It stops working at once and the calendar is no longer updated.',
    'desks.feed.revokeDo': 'Yes, revoke',
    'desks.feed.revoked': 'Address revoked.',
    'desks.feed.conflict':
      'The address was changed in the meantime (perhaps from another window). Check and try again.',
    'desks.feed.url': 'Calendar address',
    'desks.feed.once':
      'Copy the address now: for safety Ponte shows it only once. If you lose it, create a new one.',
    'desks.feed.howTitle': 'How to add it',
    'desks.feed.howOutlook': 'Outlook: Calendar → Add calendar → From Internet, paste the address.',
    'desks.feed.howGoogle': 'Google Calendar: Other calendars → + → From URL, paste the address.',
    'desks.feed.howApple': 'Apple Calendar: File → New Calendar Subscription, paste the address.',
    'desks.feed.secret':
      'Do not share it or send it by e-mail: whoever knows it sees your appointments. If you think others have seen it, create a new address.',
    'desks.feed.back': 'Back to the agenda',
  },
});

/** A Rome date and time in words: «giovedì 3 dicembre 2026, 10:00». */
export function fmtWhen(at: Date, lang: Lang, withYear = true): string {
  if (withYear) return formatWeekdayTime(at, lang);
  return `${formatWeekdayNoYear(at, lang)}, ${fmtClock(at, lang)}`;
}

export function fmtClock(at: Date, lang: Lang): string {
  return formatTime(at, lang);
}

/** The Rome calendar date of an instant (YYYY-MM-DD). */
export function romeDate(at: Date): string {
  return isoDateInRome(at);
}

/** The address part of a From header («Ponte <noreply@x>» → noreply@x). */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

type Place = Pick<FeedAppointment, 'desk_name' | 'desk_kind' | 'video_link' | 'host_name'>;

/** The desk and its kind, and for a room the organisation that hosts it: the officer must know which CAV. */
function placeText(a: Place, lang: Lang): string {
  const desk = deskLabel(a.desk_name, translate(lang, `desks.kind.${a.desk_kind}`));
  return a.desk_kind === 'cav_room' || a.desk_kind === 'inps_room' ? `${desk} — ${a.host_name}` : desk;
}

function placeLines(a: Place, lang: Lang): string[] {
  const lines = [translate(lang, 'desks.mail.where', { place: placeText(a, lang) })];
  if (a.desk_kind === 'video' && a.video_link)
    lines.push(translate(lang, 'desks.mail.link', { url: a.video_link }));
  return lines;
}

/** A stable UID per appointment, the same in e-mails and in the feed, so calendars update the same event. */
export const uidOf = (appointmentId: string) => `${appointmentId}@ponte`;

function addEvent(
  cal: ReturnType<typeof ical>,
  a: FeedAppointment,
  o: {
    cancelled?: boolean;
    organizer?: { name: string; email: string };
    attendee?: { name: string; email: string };
    lang?: Lang;
  },
) {
  const lang = o.lang ?? 'it';
  cal.createEvent({
    id: uidOf(a.id),
    start: a.starts_at,
    end: a.ends_at,
    summary: translate(lang, 'desks.ics.summary', { code: a.card_code }),
    location: placeText(a, lang),
    url: a.desk_kind === 'video' ? a.video_link : null,
    sequence: o.cancelled ? 1 : 0,
    status: o.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: o.organizer ?? null,
    attendees: o.attendee ? [{ ...o.attendee, rsvp: false }] : [],
  });
}

/**
 * The iCalendar of one appointment, as an invitation (REQUEST) or its cancellation (CANCEL); its summary in the
 * recipient's language (Italian when she chose none).
 */
export function appointmentIcs(
  a: FeedAppointment,
  method: 'REQUEST' | 'CANCEL',
  organizer: { name: string; email: string },
  attendee: { name: string; email: string },
  lang: Lang | null = null,
): string {
  const cal = ical({
    prodId: { company: 'Ponte', product: 'sportelli', language: 'IT' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  addEvent(cal, a, { cancelled: method === 'CANCEL', organizer, attendee, lang: lang ?? 'it' });
  return cal.toString();
}

/** The officer's subscription feed (METHOD PUBLISH). */
export function feedIcs(rows: FeedAppointment[]): string {
  const cal = ical({
    prodId: { company: 'Ponte', product: 'sportelli', language: 'IT' },
    method: ICalCalendarMethod.PUBLISH,
    name: translate('it', 'desks.feed.calendarName'),
    ttl: 15 * 60,
  });
  for (const a of rows) addEvent(cal, a, {});
  return cal.toString();
}

export type Change = 'booked' | 'moved' | 'cancelled';

/**
 * Subject and text of a staff e-mail in her language; with no language chosen, the Italian subject and the text
 * in Italian, then English.
 */
function staffMail(lang: Lang | null, subject: (lang: Lang) => string, body: (lang: Lang) => string) {
  if (lang) return { subject: subject(lang), text: `${body(lang)}\n` };
  return { subject: subject('it'), text: `${body('it')}\n\n— English —\n\n${body('en')}\n` };
}

/** The e-mail to the officer about a change, in her language (a.officer_lang); the .ics attached by the caller. */
export function officerMail(a: MailAppointment, change: Change, previous: MailAppointment | null) {
  const body = (lang: Lang) =>
    [
      translate(lang, `desks.mail.intro.${change}`),
      '',
      translate(lang, 'desks.mail.when', {
        when: fmtWhen(a.starts_at, lang),
        end: fmtClock(a.ends_at, lang),
      }),
      ...(previous
        ? [translate(lang, 'desks.mail.previous', { when: fmtWhen(previous.starts_at, lang) })]
        : []),
      ...placeLines(a, lang),
      translate(lang, 'desks.mail.card', { code: a.card_code }),
      ...(previous ? ['', translate(lang, 'desks.mail.icsCancelled')] : []),
      '',
      translate(lang, 'desks.mail.footer'),
    ].join('\n');
  const subject = (lang: Lang) =>
    translate(lang, `desks.mail.subject.${change}`, { when: fmtWhen(a.starts_at, lang), code: a.card_code });
  return staffMail(a.officer_lang, subject, body);
}

/** The neutral reminder to the woman: a day and a time, and the link only for a video meeting. */
export function womanReminder(a: MailAppointment, to: string): MailMessage {
  const body = (lang: Lang) => {
    const lines = [translate(lang, 'desks.reminder.body', { when: whenWords(a.starts_at, lang) })];
    if (a.desk_kind === 'video' && a.video_link)
      lines.push(translate(lang, 'desks.reminder.link', { url: a.video_link }));
    return lines.join('\n');
  };
  return {
    to,
    subject: translate('it', 'desks.reminder.subject'),
    text: `${body('it')}\n\n${body('en')}\n`,
  };
}

/** «giovedì 3 dicembre alle 10:00» / «Thursday 3 December at 10:00». */
function whenWords(at: Date, lang: Lang): string {
  return `${formatWeekdayNoYear(at, lang)} ${lang === 'en' ? 'at' : 'alle'} ${fmtClock(at, lang)}`;
}

/**
 * The reminder the CAV operator gives in the woman's place, in the operator's language (a.operator_lang): card
 * code, time, place, her channels and hours.
 */
export function operatorReminder(
  a: MailAppointment,
  to: string,
  why: string,
  contact: { channels: readonly string[]; hours: string | null },
): MailMessage {
  const body = (lang: Lang) =>
    [
      translate(lang, 'desks.reminder.cav.body', { why: translate(lang, `desks.reminder.why.${why}`) }),
      '',
      translate(lang, 'desks.mail.when', {
        when: fmtWhen(a.starts_at, lang),
        end: fmtClock(a.ends_at, lang),
      }),
      ...placeLines(a, lang),
      translate(lang, 'desks.mail.card', { code: a.card_code }),
      translate(lang, 'desks.reminder.cav.channels', {
        channels: contact.channels.map((c) => translate(lang, `cases.contact.channel.${c}`)).join(', '),
      }),
      contact.hours
        ? translate(lang, 'desks.reminder.cav.hours', { hours: contact.hours })
        : translate(lang, 'desks.reminder.cav.hoursNone'),
      '',
      translate(lang, 'desks.reminder.cav.due'),
    ].join('\n');
  const subject = (lang: Lang) =>
    translate(lang, 'desks.reminder.cav.subject', { when: fmtWhen(a.starts_at, lang), code: a.card_code });
  return { to, ...staffMail(a.operator_lang, subject, body) };
}

import { registerMessages } from '../../platform/i18n/index.ts';

registerMessages({
  it: {
    'auth.menu.account': 'Il mio account',
    'auth.login.title': 'Accesso del personale',
    'auth.oidc.heading': 'Con l’account dell’ente',
    'auth.oidc.intro':
      'Se la tua organizzazione ti ha dato un account dell’ente (anche SPID o CIE tramite la Regione), usalo per accedere. Il tuo account di Ponte deve essere già collegato dall’amministrazione della rete.',
    'auth.oidc.start': 'Accedi con l’account dell’ente',
    'auth.oidc.local': 'Con nome utente e password di Ponte',
    'auth.oidc.continue.title': 'Accesso verificato',
    'auth.oidc.continue.text':
      'L’ente ha confermato la tua identità. Continua per completare l’accesso a Ponte.',
    'auth.oidc.continue': 'Continua',
    'auth.oidc.unlinked':
      'Questa identità dell’ente non è collegata a nessun account attivo di Ponte. Chiedi all’amministrazione della rete di collegarla al tuo account; nessun account viene creato con l’accesso.',
    'auth.oidc.refused':
      'Il servizio di accesso dell’ente non ha confermato l’accesso (annullato o rifiutato). Puoi riprovare, oppure accedere con nome utente e password.',
    'auth.oidc.invalid':
      'La risposta del servizio di accesso dell’ente non ha superato i controlli di sicurezza e non è stata accettata. Ricomincia l’accesso da questa pagina.',
    'auth.oidc.restart':
      'L’accesso con l’account dell’ente non è partito da questo browser o è scaduto. Ricomincia da questa pagina.',
    'auth.oidc.unavailable':
      'Il servizio di accesso dell’ente non risponde in questo momento. Riprova tra qualche minuto, oppure accedi con nome utente e password.',
    'auth.login.intro':
      'Accedi con il nome utente e la password che ti ha dato l’amministrazione della rete. Poi ti chiederemo il codice della tua app di autenticazione.',
    'auth.login.username': 'Nome utente',
    'auth.login.password': 'Password',
    'auth.login.submit': 'Accedi',
    'auth.login.invalid': 'Nome utente o password non corretti.',
    'auth.login.username.required': 'Inserisci il nome utente.',
    'auth.login.password.required': 'Inserisci la password.',
    'auth.login.expired': 'La sessione è scaduta per inattività. Accedi di nuovo per continuare.',
    'auth.login.loggedOut':
      'Sei uscita da Ponte. Per sicurezza, chiudi anche il browser se il computer è condiviso.',
    'auth.login.endedAll': 'Tutte le tue sessioni sono state chiuse, anche su altri dispositivi.',
    'auth.login.restart':
      'L’accesso non è stato completato in tempo. Ricomincia dal nome utente e dalla password.',
    'auth.login.noOrganisation':
      'Il tuo account non è collegato a nessuna organizzazione attiva. Rivolgiti all’amministrazione della rete.',
    'auth.throttled.title': 'Troppi tentativi di accesso',
    'auth.throttled.body':
      'Per proteggere il tuo account abbiamo bloccato temporaneamente l’accesso dopo troppi tentativi non riusciti. Potrai riprovare dalle {time} (tra circa {minutes} minuti).',
    'auth.throttled.help':
      'Se non ricordi la password o hai perso il dispositivo con l’app di autenticazione, rivolgiti all’amministrazione della tua organizzazione o della rete.',
    'auth.throttled.back': 'Torna alla pagina di accesso',
    'auth.totp.title': 'Codice di verifica',
    'auth.totp.intro':
      'Apri l’app di autenticazione sul tuo telefono e inserisci il codice di 6 cifre mostrato per Ponte.',
    'auth.totp.code': 'Codice di 6 cifre',
    'auth.totp.code.hint': 'Il codice cambia ogni 30 secondi. Ogni codice vale una sola volta.',
    'auth.totp.submit': 'Verifica',
    'auth.totp.invalid':
      'Il codice non è corretto o è già stato usato. Attendi il codice successivo nell’app e riprova.',
    'auth.totp.required': 'Inserisci il codice di 6 cifre.',
    'auth.totp.useRecovery': 'Non hai il telefono? Usa un codice di recupero',
    'auth.recovery.title': 'Codice di recupero',
    'auth.recovery.intro':
      'Inserisci uno dei codici di recupero che hai salvato quando hai attivato la verifica in due passaggi. Ogni codice vale una sola volta.',
    'auth.recovery.code': 'Codice di recupero',
    'auth.recovery.code.hint': 'Ha la forma XXXX-XXXX-XXXX-XXXX; trattini e spazi sono facoltativi.',
    'auth.recovery.submit': 'Accedi con il codice di recupero',
    'auth.recovery.invalid': 'Il codice di recupero non è valido o è già stato usato.',
    'auth.recovery.required': 'Inserisci un codice di recupero.',
    'auth.recovery.backToTotp': 'Torna al codice dell’app',
    'auth.enrol.title': 'Attiva la verifica in due passaggi',
    'auth.enrol.intro':
      'Per proteggere i dati delle donne seguite dalla rete, l’accesso a Ponte richiede un secondo fattore: un codice generato da un’app di autenticazione sul tuo telefono.',
    'auth.enrol.step1':
      'Installa un’app di autenticazione (per esempio FreeOTP, Aegis, Google Authenticator o Microsoft Authenticator).',
    'auth.enrol.step2': 'Nell’app, aggiungi un account inquadrando questo codice QR:',
    'auth.enrol.qrAlt': 'Codice QR per aggiungere Ponte all’app di autenticazione',
    'auth.enrol.step3':
      'Se non puoi inquadrare il codice, inserisci a mano questa chiave (tipo: basata sul tempo):',
    'auth.enrol.secretLabel': 'Chiave segreta',
    'auth.enrol.accountLabel': 'Account',
    'auth.enrol.step4': 'Inserisci qui il codice di 6 cifre che l’app mostra ora.',
    'auth.enrol.submit': 'Conferma e attiva',
    'auth.enrol.invalid':
      'Il codice non corrisponde. Controlla che l’ora del telefono sia corretta e inserisci il codice mostrato ora.',
    'auth.codes.title': 'I tuoi codici di recupero',
    'auth.codes.intro':
      'La verifica in due passaggi è attiva. Se perdi il telefono potrai accedere con uno di questi dieci codici: ognuno vale una sola volta.',
    'auth.codes.once':
      'Questi codici vengono mostrati solo ora. Salvali in un posto sicuro (per esempio stampali o copiali in un gestore di password): Ponte non potrà mostrarteli di nuovo.',
    'auth.codes.listLabel': 'Codici di recupero',
    'auth.codes.continue': 'Ho salvato i codici, continua',
    'auth.account.title': 'Il mio account',
    'auth.account.user': 'Nome utente: {username}',
    'auth.account.organisation': 'Organizzazione attiva: {name}',
    'auth.account.switchOrganisation': 'Cambia organizzazione',
    'auth.account.lang': 'Lingua',
    'auth.account.lang.current': 'La tua lingua: {lang}.',
    'auth.account.lang.none':
      'Non hai ancora scelto una lingua: le e-mail di Ponte ti arrivano in italiano e in inglese.',
    'auth.account.lang.it': 'italiano',
    'auth.account.lang.en': 'inglese',
    'auth.account.lang.legend': 'In che lingua vuoi usare Ponte?',
    'auth.account.lang.hint':
      'Vale per le pagine a ogni accesso e per le e-mail che Ponte ti invia (appuntamenti, promemoria). Anche il selettore della lingua in alto la cambia.',
    'auth.account.lang.submit': 'Salva la lingua',
    'auth.account.lang.required': 'Scegli italiano o inglese.',
    'auth.account.lang.saved': 'Lingua salvata.',
    'auth.account.recovery': 'Verifica in due passaggi',
    'auth.account.recoveryLeft': 'Codici di recupero non ancora usati: {n} su 10.',
    'auth.account.recoveryLow':
      'Ti restano pochi codici di recupero: generane di nuovi qui sotto con il codice della tua app.',
    'auth.account.renew.code': 'Codice di 6 cifre della tua app di autenticazione',
    'auth.account.renew.hint':
      'Per generare dieci nuovi codici di recupero. Quelli di prima smettono di funzionare subito.',
    'auth.account.renew.submit': 'Genera nuovi codici di recupero',
    'auth.account.renew.format': 'Scrivi le 6 cifre che mostra ora la tua app di autenticazione.',
    'auth.account.renew.invalid':
      'Il codice non è valido o è già stato usato: aspetta il prossimo codice della tua app e riprova.',
    'auth.account.sessions': 'Le tue sessioni attive',
    'auth.account.sessions.intro':
      'Ogni accesso a Ponte apre una sessione, che si chiude da sola dopo {minutes} minuti di inattività.',
    'auth.account.sessions.created': 'Iniziata',
    'auth.account.sessions.lastSeen': 'Ultima attività',
    'auth.account.sessions.current': 'Questa sessione',
    'auth.account.sessions.other': 'Altro dispositivo o scheda',
    'auth.account.sessions.which': 'Sessione',
    'auth.account.endAll': 'Chiudi tutte le mie sessioni',
    'auth.account.endAll.intro':
      'Se hai usato Ponte su un computer condiviso o temi che qualcuno abbia accesso al tuo account, chiudi tutte le sessioni: dovrai accedere di nuovo anche qui.',
    'auth.account.endAll.confirm': 'Sì, chiudi tutte le mie sessioni, compresa questa',
    'auth.account.endAll.required': 'Conferma di voler chiudere tutte le sessioni.',
    'auth.password.title': 'Cambia password',
    'auth.password.intro':
      'Scegli una password che usi solo per Ponte, lunga almeno 12 caratteri: una frase di più parole è facile da ricordare e difficile da indovinare.',
    'auth.password.forced':
      'La tua password è stata impostata dall’amministrazione della rete e vale una sola volta: per continuare scegline una tua.',
    'auth.password.current': 'Password attuale',
    'auth.password.current.forcedHint': 'La password che ti ha dato l’amministrazione della rete.',
    'auth.password.new': 'Nuova password',
    'auth.password.new.hint':
      'Almeno 12 caratteri (al massimo 256). Non può essere una password comune o prevedibile, né contenere il tuo nome utente o la parola «ponte».',
    'auth.password.confirm': 'Ripeti la nuova password',
    'auth.password.submit': 'Cambia password',
    'auth.password.saved':
      'Password cambiata. Le tue altre sessioni sono state chiuse; se hai un indirizzo e-mail registrato, ti abbiamo scritto per confermarlo.',
    'auth.password.err.currentRequired': 'Scrivi la tua password attuale.',
    'auth.password.err.current': 'La password attuale non è corretta.',
    'auth.password.err.required': 'Scrivi la nuova password.',
    'auth.password.err.length': 'La nuova password deve avere almeno 12 caratteri (al massimo 256).',
    'auth.password.err.common':
      'Questa password è tra le più usate o è prevedibile (una parola comune con numeri o simboli, una sequenza, una ripetizione): scegline un’altra, per esempio una frase di più parole.',
    'auth.password.err.personal': 'La password non può contenere il tuo nome utente né la parola «ponte».',
    'auth.password.err.same': 'La nuova password deve essere diversa da quella attuale.',
    'auth.password.err.confirm': 'Le due password non coincidono: scrivi di nuovo la stessa nuova password.',
    'auth.password.mail.subject': 'Ponte: la password del tuo account è stata cambiata',
    'auth.password.mail.body': 'La password del tuo account Ponte ({username}) è stata cambiata il {when}.',
    'auth.password.mail.sessions': 'Tutte le sessioni aperte con la password di prima sono state chiuse.',
    'auth.password.mail.notYou':
      'Se non l’hai cambiata tu, rivolgiti subito all’amministrazione della rete: qualcuno potrebbe conoscere la tua password.',
    'auth.account.password': 'Password',
    'auth.account.password.changedAt': 'L’hai cambiata l’ultima volta il {when}.',
    'auth.account.password.never': 'Non l’hai ancora cambiata da quando è stato creato il tuo account.',
    'auth.account.password.link': 'Cambia password',
    'auth.organisation.title': 'Scegli l’organizzazione',
    'auth.organisation.intro':
      'Lavori per più organizzazioni della rete. Ciò che vedi e puoi fare dipende dall’organizzazione attiva.',
    'auth.organisation.legend': 'Organizzazione',
    'auth.organisation.current': '(attiva ora)',
    'auth.organisation.submit': 'Passa a questa organizzazione',
    'auth.organisation.invalid': 'Scegli una delle tue organizzazioni.',
  },
  en: {
    'auth.menu.account': 'My account',
    'auth.login.title': 'Staff login',
    'auth.oidc.heading': 'With your organisation’s account',
    'auth.oidc.intro':
      'If your organisation gave you an account of its own (SPID or CIE through the Region too), use it to log in. Your Ponte account must already be linked by the network administration.',
    'auth.oidc.start': 'Log in with your organisation’s account',
    'auth.oidc.local': 'With your Ponte username and password',
    'auth.oidc.continue.title': 'Identity confirmed',
    'auth.oidc.continue.text':
      'Your organisation confirmed your identity. Continue to complete the login to Ponte.',
    'auth.oidc.continue': 'Continue',
    'auth.oidc.unlinked':
      'This identity of your organisation is not linked to any active Ponte account. Ask the network administration to link it to your account; no account is created by logging in.',
    'auth.oidc.refused':
      'Your organisation’s login service did not confirm the login (cancelled or refused). You can try again, or log in with your username and password.',
    'auth.oidc.invalid':
      'The answer of your organisation’s login service failed the security checks and was not accepted. Start the login again from this page.',
    'auth.oidc.restart':
      'The login with your organisation’s account was not started in this browser, or it expired. Start again from this page.',
    'auth.oidc.unavailable':
      'Your organisation’s login service is not answering right now. Try again in a few minutes, or log in with your username and password.',
    'auth.login.intro':
      'Log in with the username and password given to you by the network administration. We will then ask for the code of your authenticator app.',
    'auth.login.username': 'Username',
    'auth.login.password': 'Password',
    'auth.login.submit': 'Log in',
    'auth.login.invalid': 'Wrong username or password.',
    'auth.login.username.required': 'Enter your username.',
    'auth.login.password.required': 'Enter your password.',
    'auth.login.expired': 'Your session expired because of inactivity. Log in again to continue.',
    'auth.login.loggedOut':
      'You have logged out of Ponte. For safety, also close the browser if the computer is shared.',
    'auth.login.endedAll': 'All your sessions have been ended, on other devices too.',
    'auth.login.restart': 'The login was not completed in time. Start again from your username and password.',
    'auth.login.noOrganisation':
      'Your account is not linked to any active organisation. Contact the network administration.',
    'auth.throttled.title': 'Too many login attempts',
    'auth.throttled.body':
      'To protect your account we have temporarily blocked logging in after too many failed attempts. You can try again from {time} (in about {minutes} minutes).',
    'auth.throttled.help':
      'If you forgot your password or lost the device with the authenticator app, contact the administration of your organisation or of the network.',
    'auth.throttled.back': 'Back to the login page',
    'auth.totp.title': 'Verification code',
    'auth.totp.intro': 'Open the authenticator app on your phone and enter the 6-digit code shown for Ponte.',
    'auth.totp.code': '6-digit code',
    'auth.totp.code.hint': 'The code changes every 30 seconds. Each code works only once.',
    'auth.totp.submit': 'Verify',
    'auth.totp.invalid':
      'The code is wrong or was already used. Wait for the next code in the app and try again.',
    'auth.totp.required': 'Enter the 6-digit code.',
    'auth.totp.useRecovery': 'No phone at hand? Use a recovery code',
    'auth.recovery.title': 'Recovery code',
    'auth.recovery.intro':
      'Enter one of the recovery codes you saved when you turned on two-step verification. Each code works only once.',
    'auth.recovery.code': 'Recovery code',
    'auth.recovery.code.hint': 'It looks like XXXX-XXXX-XXXX-XXXX; dashes and spaces are optional.',
    'auth.recovery.submit': 'Log in with the recovery code',
    'auth.recovery.invalid': 'The recovery code is not valid or was already used.',
    'auth.recovery.required': 'Enter a recovery code.',
    'auth.recovery.backToTotp': 'Back to the app code',
    'auth.enrol.title': 'Turn on two-step verification',
    'auth.enrol.intro':
      'To protect the data of the women the network supports, logging in to Ponte needs a second factor: a code generated by an authenticator app on your phone.',
    'auth.enrol.step1':
      'Install an authenticator app (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator).',
    'auth.enrol.step2': 'In the app, add an account by scanning this QR code:',
    'auth.enrol.qrAlt': 'QR code to add Ponte to the authenticator app',
    'auth.enrol.step3': 'If you cannot scan the code, type this key by hand (type: time based):',
    'auth.enrol.secretLabel': 'Secret key',
    'auth.enrol.accountLabel': 'Account',
    'auth.enrol.step4': 'Enter here the 6-digit code the app shows now.',
    'auth.enrol.submit': 'Confirm and turn on',
    'auth.enrol.invalid':
      'The code does not match. Check that the phone’s clock is right and enter the code shown now.',
    'auth.codes.title': 'Your recovery codes',
    'auth.codes.intro':
      'Two-step verification is on. If you lose your phone you can log in with one of these ten codes: each works only once.',
    'auth.codes.once':
      'These codes are shown only now. Keep them somewhere safe (for example print them or copy them into a password manager): Ponte cannot show them again.',
    'auth.codes.listLabel': 'Recovery codes',
    'auth.codes.continue': 'I saved the codes, continue',
    'auth.account.title': 'My account',
    'auth.account.user': 'Username: {username}',
    'auth.account.organisation': 'Active organisation: {name}',
    'auth.account.switchOrganisation': 'Change organisation',
    'auth.account.lang': 'Language',
    'auth.account.lang.current': 'Your language: {lang}.',
    'auth.account.lang.none':
      'You have not chosen a language yet: e-mails from Ponte reach you in Italian and in English.',
    'auth.account.lang.it': 'Italian',
    'auth.account.lang.en': 'English',
    'auth.account.lang.legend': 'Which language do you want to use Ponte in?',
    'auth.account.lang.hint':
      'It applies to the pages at every login and to the e-mails Ponte sends you (appointments, reminders). The language selector at the top changes it too.',
    'auth.account.lang.submit': 'Save the language',
    'auth.account.lang.required': 'Choose Italian or English.',
    'auth.account.lang.saved': 'Language saved.',
    'auth.account.recovery': 'Two-step verification',
    'auth.account.recoveryLeft': 'Recovery codes not used yet: {n} of 10.',
    'auth.account.recoveryLow':
      'You have few recovery codes left: make new ones below with the code from your app.',
    'auth.account.renew.code': '6-digit code from your authenticator app',
    'auth.account.renew.hint': 'To make ten new recovery codes. The previous ones stop working at once.',
    'auth.account.renew.submit': 'Make new recovery codes',
    'auth.account.renew.format': 'Type the 6 digits your authenticator app shows now.',
    'auth.account.renew.invalid':
      'The code is not valid or was already used: wait for the next code from your app and try again.',
    'auth.account.sessions': 'Your active sessions',
    'auth.account.sessions.intro':
      'Each login to Ponte opens a session, which ends by itself after {minutes} minutes of inactivity.',
    'auth.account.sessions.created': 'Started',
    'auth.account.sessions.lastSeen': 'Last activity',
    'auth.account.sessions.current': 'This session',
    'auth.account.sessions.other': 'Another device or tab',
    'auth.account.sessions.which': 'Session',
    'auth.account.endAll': 'End all my sessions',
    'auth.account.endAll.intro':
      'If you used Ponte on a shared computer or fear that someone has access to your account, end all sessions: you will have to log in again here too.',
    'auth.account.endAll.confirm': 'Yes, end all my sessions, this one included',
    'auth.account.endAll.required': 'Confirm that you want to end all sessions.',
    'auth.password.title': 'Change password',
    'auth.password.intro':
      'Choose a password you use only for Ponte, at least 12 characters long: a sentence of several words is easy to remember and hard to guess.',
    'auth.password.forced':
      'Your password was set by the network administration and works only once: choose your own to continue.',
    'auth.password.current': 'Current password',
    'auth.password.current.forcedHint': 'The password the network administration gave you.',
    'auth.password.new': 'New password',
    'auth.password.new.hint':
      'At least 12 characters (at most 256). It cannot be a common or predictable password, nor contain your username or the word “ponte”.',
    'auth.password.confirm': 'Repeat the new password',
    'auth.password.submit': 'Change password',
    'auth.password.saved':
      'Password changed. Your other sessions have been ended; if you have an e-mail address on file, we wrote to you to confirm it.',
    'auth.password.err.currentRequired': 'Type your current password.',
    'auth.password.err.current': 'The current password is wrong.',
    'auth.password.err.required': 'Type the new password.',
    'auth.password.err.length': 'The new password must be at least 12 characters long (at most 256).',
    'auth.password.err.common':
      'This password is among the most used or is predictable (a common word with digits or symbols, a sequence, a repetition): choose another, for example a sentence of several words.',
    'auth.password.err.personal': 'The password cannot contain your username or the word “ponte”.',
    'auth.password.err.same': 'The new password must differ from the current one.',
    'auth.password.err.confirm': 'The two passwords differ: type the same new password again.',
    'auth.password.mail.subject': 'Ponte: the password of your account was changed',
    'auth.password.mail.body': 'The password of your Ponte account ({username}) was changed on {when}.',
    'auth.password.mail.sessions': 'Every session opened with the previous password has been ended.',
    'auth.password.mail.notYou':
      'If you did not change it, contact the network administration at once: someone may know your password.',
    'auth.account.password': 'Password',
    'auth.account.password.changedAt': 'You last changed it on {when}.',
    'auth.account.password.never': 'You have not changed it since your account was created.',
    'auth.account.password.link': 'Change password',
    'auth.organisation.title': 'Choose the organisation',
    'auth.organisation.intro':
      'You work for more than one organisation of the network. What you see and can do depends on the active organisation.',
    'auth.organisation.legend': 'Organisation',
    'auth.organisation.current': '(active now)',
    'auth.organisation.submit': 'Switch to this organisation',
    'auth.organisation.invalid': 'Choose one of your organisations.',
  },
});

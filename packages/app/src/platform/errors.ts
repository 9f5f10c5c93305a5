import { registerMessages } from './i18n/index.ts';

// One catalogue of error codes, each with its HTTP status and its message in Italian and English
// (style.md §5). Routes throw PonteError; the global handler turns it into a page or a JSON body.
const catalogue = {
  PONTE_ERR_NOT_FOUND: [
    404,
    'La pagina o il dato richiesto non esiste.',
    'The page or record does not exist.',
  ],
  PONTE_ERR_FORBIDDEN: [
    403,
    'Il tuo ruolo non consente questa operazione.',
    'Your role does not allow this operation.',
  ],
  PONTE_ERR_UNAUTHENTICATED: [401, 'Accedi per continuare.', 'Log in to continue.'],
  PONTE_ERR_VALIDATION: [
    400,
    'Alcuni dati non sono validi: correggili e riprova.',
    'Some data is not valid: correct it and try again.',
  ],
  PONTE_ERR_CSRF: [
    403,
    'Il modulo è scaduto o non è valido. Ricarica la pagina e riprova.',
    'The form has expired or is not valid. Reload the page and try again.',
  ],
  PONTE_ERR_TOO_MANY_REQUESTS: [
    429,
    'Troppi tentativi. Attendi qualche minuto e riprova.',
    'Too many attempts. Wait a few minutes and try again.',
  ],
  PONTE_ERR_PAYLOAD_TOO_LARGE: [413, 'I dati inviati sono troppo grandi.', 'The data sent is too large.'],
  PONTE_ERR_UNSUPPORTED_MEDIA_TYPE: [415, 'Formato dei dati non supportato.', 'Unsupported data format.'],
  PONTE_ERR_BAD_REQUEST: [400, 'Richiesta non valida.', 'Invalid request.'],
  PONTE_ERR_CONFLICT: [
    409,
    'Il dato è stato modificato da qualcun altro nel frattempo. Ricarica e riprova.',
    'Someone else changed this record meanwhile. Reload and try again.',
  ],
  PONTE_ERR_INTERNAL: [
    500,
    'Si è verificato un errore imprevisto. Riprova tra poco; se continua, contatta l’assistenza citando il codice della richiesta.',
    'An unexpected error occurred. Try again shortly; if it persists, contact support quoting the request code.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof catalogue;

registerMessages({
  it: Object.fromEntries(Object.entries(catalogue).map(([code, [, it]]) => [`error.${code}`, it])),
  en: Object.fromEntries(Object.entries(catalogue).map(([code, [, , en]]) => [`error.${code}`, en])),
});

/** An error that Ponte expects and explains to the user by its code. */
export class PonteError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'PonteError';
    this.statusCode = catalogue[code][0];
  }
}

export function statusOf(code: ErrorCode): number {
  return catalogue[code][0];
}

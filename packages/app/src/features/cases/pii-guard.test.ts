import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkCharacter } from './codice-fiscale.ts';
import {
  findPii,
  findShelterWords,
  findStreetAddresses,
  isClean,
  nameWords,
  type PiiKind,
} from './pii-guard.ts';

const kinds = (text: string, names: string[] = []) =>
  findPii(text, { names }).map((f) => [f.kind, f.match] as [PiiKind, string]);

describe('PII guard: codice fiscale', () => {
  test('plain, lowercase, spaced and omocodia', () => {
    assert.deepEqual(kinds('CF RSSMRA85T10A562S, da verificare'), [['codice_fiscale', 'RSSMRA85T10A562S']]);
    assert.deepEqual(kinds('il suo cf è rssmra85t10a562s'), [['codice_fiscale', 'rssmra85t10a562s']]);
    assert.deepEqual(kinds('C.F.: RSS MRA 85T10 A562 S'), [['codice_fiscale', 'RSS MRA 85T10 A562 S']]);
    // Omocodia: digits replaced by L M N P Q R S T U V.
    assert.deepEqual(kinds('codice RSSMRA85T10A56NH'), [['codice_fiscale', 'RSSMRA85T10A56NH']]);
    assert.deepEqual(kinds('codice RSSMRAURTMLARSNL'), [['codice_fiscale', 'RSSMRAURTMLARSNL']]);
  });
  test('positions point at the code in the note', () => {
    const note = 'Ha portato il CF BNCLRA90A41H501X per la domanda';
    const [f] = findPii(note);
    assert.ok(f);
    assert.equal(note.slice(f.start, f.end), 'BNCLRA90A41H501X');
  });
  test('not inside a longer word nor a 15-character code', () => {
    assert.equal(findPii('XRSSMRA85T10A562S').length, 0);
    assert.equal(findPii('RSSMRA85T10A562').length, 0);
  });
});

describe('PII guard: phone numbers', () => {
  const phones: string[] = [
    '3331234567',
    '333 1234567',
    '333 123 4567',
    '333-123-4567',
    '333.123.4567',
    '+39 333 1234567',
    '+393331234567',
    '0039 333 1234567',
    '(+39) 333 1234567',
    '071 2345678',
    '071/2345678',
    '071-2345678',
    '06 1234 5678',
    '0733 12345',
    '+39 071 2345678',
    '+33 6 12 34 56 78',
  ];
  for (const p of phones) {
    test(`finds ${p}`, () => {
      assert.deepEqual(kinds(`La signora chiede di essere contattata al ${p} solo al mattino.`), [
        ['phone', p],
      ]);
    });
  }
  test('a short landline is found after a phone keyword', () => {
    assert.deepEqual(kinds('tel. 0731 2345'), [['phone', '0731 2345']]);
    assert.deepEqual(kinds('Cellulare: 0733 12345'), [['phone', '0733 12345']]);
  });
  test('at the end of a sentence and next to other numbers', () => {
    assert.deepEqual(kinds('Chiamare il 3471234567.'), [['phone', '3471234567']]);
    assert.deepEqual(kinds('Nel 2024 3471234567 era attivo'), [['phone', '3471234567']]);
    assert.deepEqual(kinds('tel 333 1234567 2 volte'), [['phone', '333 1234567']]);
  });
});

describe('PII guard: e-mail and IBAN', () => {
  test('e-mail, also written with (at) or chiocciola', () => {
    assert.deepEqual(kinds('scrive a maria.rossi85@gmail.com di sera'), [
      ['email', 'maria.rossi85@gmail.com'],
    ]);
    assert.deepEqual(kinds('mail: m.bianchi (at) libero.it'), [['email', 'm.bianchi (at) libero.it']]);
    assert.deepEqual(kinds('indirizzo anna_b chiocciola pec.it'), [['email', 'anna_b chiocciola pec.it']]);
  });
  test('IBAN, Italian and foreign, compact or in groups', () => {
    assert.deepEqual(kinds('IBAN IT60X0542811101000000123456 per l’accredito'), [
      ['iban', 'IT60X0542811101000000123456'],
    ]);
    assert.deepEqual(kinds('iban: IT60 X054 2811 1010 0000 0123 456.'), [
      ['iban', 'IT60 X054 2811 1010 0000 0123 456'],
    ]);
    assert.deepEqual(kinds('conto tedesco DE89 3704 0044 0532 0130 00'), [
      ['iban', 'DE89 3704 0044 0532 0130 00'],
    ]);
    assert.deepEqual(kinds('conto FR1420041010050500013M02606'), [['iban', 'FR1420041010050500013M02606']]);
    // A mistyped Italian IBAN (wrong check digits) is still identifying.
    assert.deepEqual(kinds('IT00X0542811101000000123456'), [['iban', 'IT00X0542811101000000123456']]);
  });
  test('an IBAN is not reported again as a phone number', () => {
    assert.deepEqual(
      findPii('IT60 X054 2811 1010 0000 0123 456').map((f) => f.kind),
      ['iban'],
    );
  });
});

describe('PII guard: street addresses', () => {
  const addresses = [
    'via Roma 12',
    'Via Roma, 12',
    'via Giuseppe Garibaldi n. 3',
    'Via XXV Aprile 14/B',
    'via 4 Novembre 7',
    'viale della Vittoria 21',
    'V.le Trieste 5',
    'v.le Trieste 5a',
    'piazza Cavour 1',
    'P.zza Cavour, 1',
    'p.za del Plebiscito 3',
    'p.le Europa 9',
    'corso Garibaldi 110',
    'Corso Stamira n.45',
    'c.so Amendola 8',
    'vicolo Stretto 2',
    'largo Sarti 4',
    'l.go Sarti 4',
    'località Torrette 33',
    'loc. Passo Varano 12',
    'frazione Casine 7',
    'c.da Fonte 11',
    'Via Di Vittorio 3',
  ];
  for (const a of addresses) {
    test(`finds ${a}`, () => {
      assert.deepEqual(kinds(`Attualmente vive in ${a} con i figli.`), [['address', a]]);
    });
  }
  test('not addresses: ways of sending, courses, figures of speech', () => {
    for (const note of [
      'Documenti inviati via email 3 volte, poi via PEC.',
      'La pratica è in via di definizione, 2 incontri previsti.',
      'Frequenta il corso di italiano A2 da 3 mesi.',
      'Iscritta al corso di formazione 2 giorni a settimana.',
      'È andata via con i 2 figli nel 2023.',
      'È scappata via nel 2023.',
      'Ci vediamo in largo anticipo, 2 giorni prima.',
      'Vive in una località protetta.',
      'Abita in via Roma (senza numero).',
    ]) {
      assert.deepEqual(kinds(note), [], note);
    }
  });
  test('a real address after a rejected one is still found', () => {
    assert.deepEqual(kinds('inviato via email a via Roma 3'), [['address', 'via Roma 3']]);
  });
});

describe('PII guard: names from her identity record', () => {
  test('whole words, case- and accent-insensitive', () => {
    const names = ['Maria Grazia Rossi'];
    assert.deepEqual(kinds('La sig.ra ROSSI ha tre figli; maria grazia chiede.', names), [
      ['name', 'ROSSI'],
      ['name', 'maria'],
      ['name', 'grazia'],
    ]);
    assert.deepEqual(kinds('Chiede di Nicolò', ['Nicolo Bianchi']), [['name', 'Nicolò']]);
    assert.deepEqual(kinds("Parlato con Nicolo' ieri", ['Nicolò']), [['name', 'Nicolo']]);
    // Not inside a longer word.
    assert.deepEqual(kinds('Rossini e Mariano', names), []);
  });
  test('particles are ignored, apostrophes and curly apostrophes are handled', () => {
    assert.deepEqual(nameWords(['Anna De Luca', "Giulia D'Angelo"]).sort(), [
      'angelo',
      'anna',
      'giulia',
      'luca',
    ]);
    assert.deepEqual(kinds('la signora D’Angelo', ["Giulia D'Angelo"]), [['name', 'Angelo']]);
    assert.deepEqual(kinds('di luca e de santis', ['Anna De Luca']), [['name', 'luca']]);
  });
  test('no names given: no name findings', () => {
    assert.deepEqual(kinds('Maria Rossi'), []);
  });
  test('positions map back to the original text after accents', () => {
    const note = 'Così è: Élodie chiede aiuto';
    const [f] = findPii(note, { names: ['elodie'] });
    assert.ok(f);
    assert.equal(note.slice(f.start, f.end), 'Élodie');
  });
});

describe('PII guard: no false positives on realistic notes', () => {
  const clean = [
    'Appuntamento il 12/03/2024 alle 10.30; ISEE 2024 pari a € 9.360,00.',
    'Incontro il 01/03/2024, poi dal 01.04.2024 al 30.04.2024, orario 09.00-13.00.',
    'Il 05 03 2024 ha firmato il consenso.',
    'Importo mensile 500 euro; ISEE 12.500,00; patrimonio mobiliare 3.000.000 di lire nel 1990.',
    'ISEE 33.123,45 — valore sotto la soglia di 35.000 €.',
    'Domanda RdL protocollo INPS n. 0012345 del 12/03/2024.',
    'Prot. 3312345678 del 02/02/2024, ricevuta n. 00123456789.',
    'INPS.4400.12/03/2024.0012345',
    'Ai sensi dell’art. 24 D.Lgs. 80/2015 chiede il congedo per 90 giorni.',
    'Riferimento L. 69/2019 (Codice Rosso), DPCM 17 dicembre 2020, D.P.R. 445/2000, art. 5 comma 3.',
    'Messaggio INPS 3066/2020 e circolare n. 166/2017.',
    'Tre figli di 3, 5 e 7 anni; il più piccolo nato nel 2021.',
    'Ha lavorato 35 ore a settimana fino al 2023; NASpI per 24 settimane.',
    'Assegno unico 2024: 199,40 € per figlio.',
    'Preferisce il colloquio in presenza; lingua araba, serve interprete.',
  ];
  for (const note of clean) {
    test(note, () => {
      assert.deepEqual(kinds(note, ['Fatima El Amrani']), []);
      assert.ok(isClean(note));
    });
  }
});

describe('PII guard: a realistic note with several findings', () => {
  test('kinds in text order', () => {
    const note =
      'Sig.ra Fatima El Amrani (CF LMRFTM88R52Z330K) vive in via del Conero 7, Ancona; cell. 347 123 4567, ' +
      'email fatima.elamrani@gmail.com. IBAN IT60X0542811101000000123456. ISEE 2024 € 8.950,00, domanda RdL prot. 0045678.';
    assert.deepEqual(
      findPii(note, { names: ['Fatima El Amrani'] }).map((f) => f.kind),
      ['name', 'name', 'codice_fiscale', 'address', 'phone', 'email', 'iban'],
    );
  });
});

// ---------- issue 11, finding 6: disguised spellings, both directions, as properties ----------

const covers = (text: string, kind: PiiKind, what: string) => {
  const at = text.indexOf(what);
  return findPii(text).some((f) => f.kind === kind && f.start <= at && f.end >= at + what.length);
};

const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digit = fc.constantFrom(...'0123456789');
/** A well-formed codice fiscale: random letters and digits, a real month and day, its check character. */
const codiceFiscale = fc
  .tuple(
    fc.array(letter, { minLength: 6, maxLength: 6 }),
    fc.array(digit, { minLength: 2, maxLength: 2 }),
    fc.constantFrom(...'ABCDEHLMPRST'),
    fc.integer({ min: 1, max: 28 }),
    fc.boolean(),
    letter,
    fc.array(digit, { minLength: 3, maxLength: 3 }),
  )
  .map(([name, year, month, day, woman, town, num]) => {
    const first = `${name.join('')}${year.join('')}${month}${String(woman ? day + 40 : day).padStart(2, '0')}${town}${num.join('')}`;
    return first + checkCharacter(first);
  });

const CYRILLIC: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
};
const GREEK: Record<string, string> = {
  A: 'Α',
  B: 'Β',
  E: 'Ε',
  H: 'Η',
  I: 'Ι',
  K: 'Κ',
  M: 'Μ',
  N: 'Ν',
  O: 'Ο',
  P: 'Ρ',
  T: 'Τ',
  Z: 'Ζ',
};
const fullWidth = (d: string) => String.fromCharCode(0xff10 + Number(d));

/** How a person disguises one character: as it is, lower case, a look-alike, full width, a zero as an O. */
const disguise = (ch: string, how: number, zeros: { left: number }) => {
  if (/\d/.test(ch)) {
    if (how % 3 === 1) return fullWidth(ch);
    if (how % 3 === 2 && ch === '0' && zeros.left-- > 0) return 'O';
    return ch;
  }
  const look = how % 4 === 1 ? CYRILLIC[ch] : how % 4 === 2 ? GREEK[ch] : undefined;
  return look ?? (how % 4 === 3 ? ch.toLowerCase() : ch);
};

describe('PII guard: disguised codice fiscale, phone and e-mail are found (finding 6)', () => {
  test('a codice fiscale with separators, look-alike letters, full-width digits, O for 0', () => {
    fc.assert(
      fc.property(
        codiceFiscale,
        fc.constantFrom('', ' ', '.', '-', ' - ', '  ', '_', ' . '),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 16, maxLength: 16 }),
        fc.constantFrom('CF: ', 'il suo codice fiscale è ', 'C.F. ', ''),
        (cf, sep, everyChar, hows, before) => {
          const zeros = { left: 2 };
          const chars = [...cf].map((c, i) => disguise(c, hows[i]!, zeros));
          const groups = everyChar
            ? chars
            : [0, 3, 6, 11, 15].map((s, k, a) => chars.slice(s, a[k + 1] ?? 16).join(''));
          const written = groups.join(sep);
          const note = `Nota per INPS. ${before}${written} e chiede un appuntamento.`;
          assert.ok(covers(note, 'codice_fiscale', written), `${note} → ${JSON.stringify(findPii(note))}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('the probe’s spaced codice fiscale, and invisible characters inside', () => {
    assert.deepEqual(kinds('C F: R S S M R A 8 0 A 4 1 H 5 0 1 Y'), [
      ['codice_fiscale', 'R S S M R A 8 0 A 4 1 H 5 0 1 Y'],
    ]);
    assert.deepEqual(kinds('cf RSSMRA\u200B80A41\u00ADH501Y'), [
      ['codice_fiscale', 'RSSMRA\u200B80A41\u00ADH501Y'],
    ]);
    assert.deepEqual(kinds('tel 339\u200B1234567'), [['phone', '339\u200B1234567']]);
  });

  const NUMBER_WORD = ['zero', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove'];
  test('a mobile number in groups, with separators, a prefix, words, full-width digits', () => {
    fc.assert(
      fc.property(
        fc.array(digit, { minLength: 9, maxLength: 9 }),
        fc.constantFrom([3, 7], [3, 3, 4], [3, 2, 2, 3], [3, 4, 3], [10], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        fc.constantFrom(' ', '.', '-', ' - ', ' . ', '  ', ' poi ', ' punto ', ' trattino '),
        fc.constantFrom('', '+39 ', '0039 ', '+39', '(+39) '),
        fc.constantFrom('plain', 'fullwidth', 'words'),
        fc.constantFrom('la signora risponde al ', 'cell: ', 'numero ', 'chiamare il '),
        (rest, sizes, sep, prefix, style, before) => {
          const number = `3${rest.join('')}`;
          const groups: string[] = [];
          let at = 0;
          for (const n of sizes) {
            groups.push(number.slice(at, at + n));
            at += n;
          }
          const write = (g: string) =>
            style === 'fullwidth'
              ? [...g].map(fullWidth).join('')
              : style === 'words'
                ? [...g].map((d) => NUMBER_WORD[Number(d)]).join(' ')
                : g;
          // Words between groups only where the groups are digits ("339 poi 123"), as a person would write.
          const between = style === 'words' && sep.trim().length > 1 ? ' ' : sep;
          const written =
            (style === 'words' && prefix === '+39' ? '+39 ' : prefix) + groups.map(write).join(between);
          const note = `${before}${written} dopo le 18.`;
          assert.ok(
            covers(note, 'phone', written.replace(/^\+39|^0039 /, '').trim()) ||
              covers(note, 'phone', written),
            `${note} → ${JSON.stringify(findPii(note))}`,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  test('an e-mail written with at, chiocciola, dot, punto, brackets, a full-width @', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/).filter((w) => !['dot', 'punto', 'chiocciola'].includes(w));
    fc.assert(
      fc.property(
        word,
        fc.option(word, { nil: undefined }),
        word,
        fc.constantFrom('it', 'com', 'org', 'eu', 'net'),
        fc.constantFrom('@', ' @ ', ' at ', ' (at) ', '[at]', ' chiocciola ', ' (chiocciola) ', '＠', ' AT '),
        fc.constantFrom('.', ' dot ', ' punto ', ' (dot) ', '[.]', '[dot]', ' DOT '),
        (user, second, domain, tld, at, dot) => {
          const written = `${user}${second ? `${dot}${second}` : ''}${at}${domain}${dot}${tld}`;
          const note = `Preferisce scrivere a ${written} la sera.`;
          assert.ok(covers(note, 'email', written), `${note} → ${JSON.stringify(findPii(note))}`);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('PII guard: no false positives on everyday figures (finding 6, the other direction)', () => {
  const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
  const month = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'));
  const year = fc.integer({ min: 1990, max: 2030 }).map(String);
  const date = fc
    .tuple(day, month, year, fc.constantFrom('/', '.', '-', ' '))
    .map(([d, m, y, s]) => `${d}${s}${m}${s}${y}`);
  const euro = fc
    .integer({ min: 0, max: 999_999 })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: 99 })))
    .map(([n, c]) => `${n.toLocaleString('it-IT')},${String(c).padStart(2, '0')}`);
  const thousands = fc.integer({ min: 1000, max: 999_999 }).map((n) => n.toLocaleString('it-IT'));
  const caseCode = fc
    .tuple(fc.stringMatching(/^[A-Z]{2,4}$/), year, fc.stringMatching(/^[0-9A-Z]{3,5}$/))
    .map(([p, y, s]) => `${p}-${y}-${s}`);
  const fragment = fc.oneof(
    date.map((d) => `il ${d}`),
    fc.tuple(date, date).map(([a, b]) => `dal ${a} al ${b}`),
    fc.tuple(date, date).map(([a, b]) => `${a} - ${b}`),
    euro.map((e) => `€ ${e}`),
    euro.map((e) => `ISEE ${e}`),
    thousands.map((e) => `ISEE ${e}`),
    thousands.map((e) => `${e} euro`),
    fc.tuple(thousands, thousands).map(([a, b]) => `tra ${a} e ${b} €`),
    fc.tuple(thousands, thousands).map(([a, b]) => `da ${a} - ${b} euro`),
    caseCode.map((c) => `caso ${c}`),
    caseCode,
    fc.tuple(fc.stringMatching(/^[0-9]{5,10}$/), date).map(([n, d]) => `prot. n. ${n} del ${d}`),
    fc
      .tuple(fc.integer({ min: 7, max: 12 }), fc.integer({ min: 13, max: 19 }))
      .map(([a, b]) => `ore ${a}.00-${b}.30`),
    fc.integer({ min: 1, max: 17 }).map((n) => `${n} anni`),
    fc.integer({ min: 1, max: 100 }).map((n) => `${n}%`),
    fc.constantFrom(
      'tre figli',
      'due incontri a settimana',
      'sei mesi di NASpI',
      'art. 24 D.Lgs. 80/2015',
      'L. 69/2019',
      'lingua araba, serve interprete',
      'il punto è la casa',
      'arrivata at home',
      'porta la DSU',
      'chiede un colloquio',
    ),
  );
  test('dates, amounts, ISEE figures, case codes, protocols and times are not identifying data', () => {
    fc.assert(
      fc.property(
        fc.array(fragment, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(' ', ', ', '; ', '. ', ' e '),
        (parts, sep) => {
          const note = `Nota: ${parts.join(sep)}.`;
          assert.deepEqual(kinds(note), [], note);
        },
      ),
      { numRuns: 600 },
    );
  });
});

// ---------- issue 11, finding 12: the address part alone, and the words that name a shelter ----------

describe('PII guard: words that name a shelter (address fields)', () => {
  const shelters: Array<[string, string]> = [
    ['Casa rifugio, Via Nascosta 1', 'Casa rifugio'],
    ['CASA-RIFUGIO Le Rose', 'CASA-RIFUGIO'],
    ['c/o struttura protetta', 'struttura protetta'],
    ['presso la casa di accoglienza San Giuseppe', 'casa di accoglienza'],
    ['comunità protetta per madri', 'comunità protetta'],
    ['centro di pronta accoglienza', 'centro di pronta accoglienza'],
    ['alloggio ad indirizzo segreto', 'alloggio ad indirizzo segreto'],
    ['safe house, Ancona', 'safe house'],
    ['women’s refuge', 'women’s refuge'],
    // A Cyrillic С in "Сasa": found, and the match is what she typed.
    ['Сasa rifugio', 'Сasa rifugio'],
  ];
  for (const [text, match] of shelters) {
    test(`finds “${match}” in “${text}”`, () => {
      assert.deepEqual(
        findShelterWords(text).map((f) => f.match),
        [match],
      );
    });
  }
  test('ordinary addresses and words are not shelters', () => {
    for (const text of [
      'Via Roma 1, Ancona',
      'presso il centro antiviolenza, Corso Garibaldi 12',
      'c/o la sorella, piazza Cavour 3',
      'Casa 3, scala B',
      'Via della Casa Nuova 4',
      'Località Rifugiati 2',
    ]) {
      assert.deepEqual(findShelterWords(text), [], text);
    }
  });
});

describe('PII guard: the address part for any free-text field', () => {
  test('street addresses are found, through look-alikes too; dates, hours and amounts are not', () => {
    assert.deepEqual(
      findStreetAddresses('dopo le 18 in via Nascosta 1').map((f) => f.match),
      ['via Nascosta 1'],
    );
    assert.deepEqual(
      findStreetAddresses('Casa rifugio, Via Nascosta 1').map((f) => f.match),
      ['Via Nascosta 1'],
    );
    // Cyrillic а and о in "Via Rоma": the match is what she typed.
    assert.deepEqual(
      findStreetAddresses('vіа Rоma 12').map((f) => f.match),
      ['vіа Rоma 12'],
    );
    for (const text of [
      'lun-ven 10-12, non il sabato',
      'dalle 9.30 alle 12.30, mai dopo le 18',
      'firmato il 12/03/2026 in sede',
      'ISEE 9.360,00; via email 3 volte',
      'raccolto via telefono 2 volte',
    ]) {
      assert.deepEqual(findStreetAddresses(text), [], text);
    }
  });
  test('a finding of the address part is the same as the whole guard’s', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const all = findPii(text).filter((f) => f.kind === 'address');
        const part = findStreetAddresses(text);
        // The whole guard may give a span to a more specific kind; every address it keeps is in the part.
        for (const f of all) assert.ok(part.some((p) => p.start === f.start && p.end === f.end));
      }),
    );
  });
});

describe('PII guard: a long run of numbers costs linear time', () => {
  test('4,000 characters of single digits are read in seconds, not minutes (main took ~25 s for 1,000)', () => {
    // Generous bound on a shared machine: the quadratic search took minutes on this text; now well under 1 s.
    for (const text of ['1 '.repeat(2000), '12 - '.repeat(800), '3.'.repeat(2000)]) {
      const t0 = performance.now();
      findPii(text);
      assert.ok(performance.now() - t0 < 5000, `${text.slice(0, 10)}…`);
    }
  });
});

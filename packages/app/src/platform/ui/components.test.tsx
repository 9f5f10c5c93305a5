import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'preact-render-to-string';
import {
  ChoiceBox,
  Confirmation,
  DataTable,
  Field,
  FilterBar,
  FormActions,
  FormPage,
  RadioGroup,
  SearchField,
} from './components.tsx';
import type { PageContext } from './context.ts';

const ctx: PageContext = {
  lang: 'it',
  t: (key) => `[${key}]`,
  nonce: 'n',
  csrfToken: 'TOKEN',
  path: '/',
  menu: [],
};

test('a data table names its columns and rows, and says "no results" when there are none', () => {
  const rows = [{ id: 'a', name: 'Alfa' }];
  const html = render(
    <DataTable
      ctx={ctx}
      caption="Elenco"
      headers={['Nome', 'Tipo']}
      rows={rows}
      row={(r) => (
        <tr key={r.id}>
          <th scope="row">{r.name}</th>
          <td>x</td>
        </tr>
      )}
    />,
  );
  assert.match(html, /^<div class="table-responsive"><table class="table">/);
  assert.match(html, /<caption class="visually-hidden">Elenco<\/caption>/);
  assert.match(html, /<th scope="col">Nome<\/th><th scope="col">Tipo<\/th>/);
  assert.match(html, /<tbody><tr><th scope="row">Alfa<\/th><td>x<\/td><\/tr><\/tbody>/);
  const empty = render(<DataTable ctx={ctx} headers={['Nome']} rows={[]} row={() => null} small />);
  assert.equal(empty, '<p>[ui.empty]</p>');
  const small = render(<DataTable ctx={ctx} headers={['#']} rows={[1]} row={(n) => <tr key={n} />} small />);
  assert.match(small, /<table class="table table-sm"><thead>/, 'no caption when none is given');
});

test('a filter bar is a GET form without a CSRF token, with its search button inline or on its own row', () => {
  const inline = render(
    <FilterBar ctx={ctx} action="/list">
      <input name="q" />
    </FilterBar>,
  );
  assert.match(inline, /<form method="get" action="\/list" class="row g-3 align-items-end mb-4" novalidate>/);
  assert.doesNotMatch(inline, /_csrf/);
  assert.match(
    inline,
    /<div class="col-12 col-md-auto mb-4"><button type="submit" class="btn btn-outline-primary">/,
  );
  const stacked = render(
    <FilterBar ctx={ctx} action="/list" layout="stacked">
      <input name="q" />
    </FilterBar>,
  );
  assert.match(stacked, /class="row g-2 align-items-end mb-4"/);
  assert.match(
    stacked,
    /<div class="col-12 mb-4"><button type="submit" class="btn btn-primary">\[ui.search\]/,
  );
});

test('a confirmation posts with the CSRF token and its hidden fields, and offers a way back', () => {
  const html = render(
    <Confirmation
      ctx={ctx}
      text="Davvero?"
      action="/do"
      cancel="/back"
      confirmLabel="Sì"
      hidden={{ role: 'r' }}
    />,
  );
  assert.match(html, /<p class="lead">Davvero\?<\/p><form method="post" action="\/do" novalidate>/);
  assert.match(html, /name="_csrf" value="TOKEN"/);
  assert.match(html, /<input type="hidden" name="role" value="r"\/>/);
  assert.match(html, /<button type="submit" class="btn btn-danger">Sì<\/button>/);
  assert.match(html, /<a class="btn btn-outline-secondary" href="\/back">\[ui.cancel\]<\/a>/);
});

test('form actions save by default; a form page puts the error summary on top of its column', () => {
  assert.match(render(<FormActions ctx={ctx} cancel="/c" />), /btn btn-primary">\[ui.save\]<\/button>/);
  assert.match(render(<FormActions ctx={ctx} cancel="/c" label="Invia" />), />Invia<\/button>/);
  const page = render(
    <FormPage ctx={ctx} errors={{ code: 'Manca' }}>
      <p>corpo</p>
    </FormPage>,
  );
  assert.match(
    page,
    /^<div class="row"><div class="col-12 col-md-8 col-lg-6"><div class="alert alert-danger/,
  );
  assert.match(page, /<a href="#field-code">Manca<\/a>.*<p>corpo<\/p><\/div><\/div>$/);
  const wide = render(
    <FormPage ctx={ctx} wide>
      <p>corpo</p>
    </FormPage>,
  );
  assert.equal(wide, '<div class="row"><div class="col-12 col-lg-8"><p>corpo</p></div></div>');
  const noticed = render(
    <FormPage ctx={ctx} errors={{ code: 'Manca' }} notice={<p>avviso</p>}>
      <p>corpo</p>
    </FormPage>,
  );
  assert.match(
    noticed,
    /^<div class="row"><div class="col-12 col-md-8 col-lg-6"><p>avviso<\/p><div class="alert/,
  );
});

// Decision 0063: the views' own radio buttons and boxes (the public check's questions and its "I don't know" box,
// the case screening's amount, the slots of a move) and the groups' options are now one ChoiceBox; the markup is
// the one they wrote by hand, byte for byte.
test('a choice box draws the very markup the views wrote by hand', () => {
  const publicRadio = render(
    <div class="form-check">
      <input class="form-check-input" type="radio" id="field-a" name="a" value="yes" checked={true} />
      <label class="form-check-label" for="field-a">
        Sì
      </label>
    </div>,
  );
  assert.equal(
    render(<ChoiceBox type="radio" id="field-a" name="a" value="yes" label="Sì" checked />),
    publicRadio,
  );
  const unknownBox = render(
    <div class="form-check mt-2">
      <input
        class="form-check-input"
        type="checkbox"
        id="field-n-unknown"
        name="n__kind"
        value="unknown"
        checked={false}
      />
      <label class="form-check-label" for="field-n-unknown">
        Non so
      </label>
    </div>,
  );
  assert.equal(
    render(
      <ChoiceBox
        class="mt-2"
        type="checkbox"
        id="field-n-unknown"
        name="n__kind"
        value="unknown"
        label="Non so"
        checked={false}
      />,
    ),
    unknownBox,
  );
  // A group's option, as ChoiceGroup wrote it (invalid, required, a label in its own language).
  const option = render(
    <div class="form-check">
      <input
        class="form-check-input is-invalid"
        type="radio"
        id="field-lang"
        name="lang"
        value="ar"
        checked={false}
        required
      />
      <label class="form-check-label" for="field-lang" lang="ar">
        العربية
      </label>
    </div>,
  );
  const group = render(
    <RadioGroup
      ctx={ctx}
      name="lang"
      legend="Lingua"
      options={[{ value: 'ar', label: 'العربية', lang: 'ar' }]}
      errors={{ lang: 'Scegliere' }}
      required
    />,
  );
  assert.ok(group.includes(option), group);
  // The slots of a move wrote `name` before `id`: the same attributes and values, now in the boxes' order.
  const slot = render(
    <ChoiceBox
      type="radio"
      id="slot-0"
      name="slot"
      value="s|2027-01-01T09:00:00.000Z"
      label="9:00"
      checked={false}
    />,
  );
  assert.equal(
    slot,
    '<div class="form-check"><input class="form-check-input" type="radio" id="slot-0" name="slot" value="s|2027-01-01T09:00:00.000Z"/>' +
      '<label class="form-check-label" for="slot-0">9:00</label></div>',
  );
});

test('a search field without a length limit draws what the desks lists wrote by hand', () => {
  const byHand = render(
    <div class="col-12 col-md-5">
      <Field ctx={ctx} name="q" type="search" label="Cerca" value="AN-1" />
    </div>,
  );
  assert.equal(render(<SearchField ctx={ctx} label="Cerca" value="AN-1" width={5} />), byHand);
  const code = render(
    <div class="col-12 col-md-5">
      <Field ctx={ctx} name="code" label="Codice" type="search" value="" maxLength={20} />
    </div>,
  );
  assert.equal(
    render(<SearchField ctx={ctx} name="code" label="Codice" value="" maxLength={20} width={5} />),
    code,
  );
});

import type { VNode } from 'preact';
import {
  CharCount,
  Checkbox,
  CheckboxGroup,
  ChoiceBox,
  Confirmation,
  DataTable,
  DateField,
  ErrorSummary,
  Field,
  FilterBar,
  FormActions,
  Notice,
  Pagination,
  RadioGroup,
  SearchField,
  Select,
  Submit,
  SummaryList,
  TextArea,
  TotpField,
} from './components.tsx';
import type { PageContext } from './context.ts';

// The examples (fixtures) of the shared components, as GOV.UK Frontend keeps them: each component with the states
// a view meets (empty, filled, with an error, with text that must be escaped, in a right-to-left language). The
// component test renders every one; in development the page /dev/componenti shows them all. A new component
// comes with its examples here. The texts are sample data, not messages: nothing here reaches a real page.

export interface Example {
  /** The component's name, as exported by components.tsx. */
  component: string;
  /** What this example shows. */
  name: string;
  /** The language and direction of the example's own texts, when not the page's. */
  lang?: 'ar';
  render: (ctx: PageContext) => VNode;
}

const HOSTILE = '<script>alert("x")</script> & "virgolette"';
const errors = {
  birth: 'Inserire una data valida, ad esempio 31/12/1990',
  channels: 'Scegliere almeno un canale',
};
/** The options of a choice, from pairs of value and label. */
const choices = (...pairs: [value: string, label: string][]) =>
  pairs.map(([value, label]) => ({ value, label }));
const channels = choices(['phone', 'Telefono'], ['sms', 'SMS'], ['email', 'E-mail']);

export const examples: readonly Example[] = [
  {
    component: 'ErrorSummary',
    name: 'two errors, each linking to its field',
    render: (ctx) => <ErrorSummary ctx={ctx} errors={errors} />,
  },
  {
    component: 'Field',
    name: 'required, with a hint and the value typed',
    render: (ctx) => (
      <Field ctx={ctx} name="surname" label="Cognome" hint="Come nel documento" value="Rossi" required />
    ),
  },
  {
    component: 'Field',
    name: 'with text that must be escaped',
    render: (ctx) => <Field ctx={ctx} name="note" label={HOSTILE} value={HOSTILE} hint={HOSTILE} />,
  },
  {
    component: 'DateField',
    name: 'empty, with a hint and bounds',
    render: (ctx) => (
      <DateField ctx={ctx} name="from" label="Dal giorno" hint="Ad esempio 31/12/2026" min="2026-01-01" />
    ),
  },
  {
    component: 'DateField',
    name: 'with an error, keeping what was typed',
    render: (ctx) => (
      <DateField ctx={ctx} name="birth" label="Data di nascita" value="31/02/1990" errors={errors} />
    ),
  },
  {
    component: 'DateField',
    name: 'from a Date, shown as its day in Italy',
    render: (ctx) => (
      <DateField ctx={ctx} name="on" label="Il giorno" value={new Date('2026-12-31T23:30:00Z')} />
    ),
  },
  {
    component: 'Select',
    name: 'with an empty first option',
    render: (ctx) => (
      <Select ctx={ctx} name="channel" label="Canale" options={channels} value="sms" placeholder="Nessuno" />
    ),
  },
  {
    component: 'TextArea',
    name: 'with an error and its detail',
    render: (ctx) => (
      <TextArea
        ctx={ctx}
        name="notes"
        label="Note"
        value="telefono 333 1234567"
        errors={{ notes: 'Il testo contiene dati identificativi' }}
        errorDetail={
          <ul class="mb-0">
            <li>un numero di telefono</li>
          </ul>
        }
      />
    ),
  },
  {
    component: 'TextArea',
    name: 'with its limit said and counted live',
    render: (ctx) => (
      <TextArea
        ctx={ctx}
        name="referral_note"
        label="Nota per l’INPS"
        value="Preferisce il pomeriggio."
        maxChars={2000}
      />
    ),
  },
  {
    component: 'CharCount',
    name: 'the limit of a field, alone',
    render: (ctx) => <CharCount ctx={ctx} id="field-example" max={100} />,
  },
  {
    component: 'CheckboxGroup',
    name: 'choose all that apply, two checked',
    render: (ctx) => (
      <CheckboxGroup
        ctx={ctx}
        name="safe_channels"
        legend="Canali sicuri"
        hint="Solo quelli che lei indica come sicuri"
        options={channels}
        value={['phone', 'email']}
      />
    ),
  },
  {
    component: 'CheckboxGroup',
    name: 'with an error, side by side',
    render: (ctx) => (
      <CheckboxGroup
        ctx={ctx}
        name="channels"
        legend="Canali sicuri"
        options={channels}
        errors={errors}
        inline
      />
    ),
  },
  {
    component: 'CheckboxGroup',
    name: 'each box a field of its own',
    render: (ctx) => (
      <CheckboxGroup
        ctx={ctx}
        name="days"
        legend="Giorni"
        inline
        options={[
          { name: 'mon', value: '1', label: 'lunedì', checked: true },
          { name: 'tue', value: '1', label: 'martedì', checked: false },
        ]}
      />
    ),
  },
  {
    component: 'RadioGroup',
    name: 'required, none preselected',
    render: (ctx) => (
      <RadioGroup
        ctx={ctx}
        name="knows"
        legend="L’autore conosce questo recapito?"
        required
        options={choices(['yes', 'Sì'], ['no', 'No'], ['unknown', 'Non so'])}
      />
    ),
  },
  {
    component: 'RadioGroup',
    name: 'labels in their own language',
    render: (ctx) => (
      <RadioGroup
        ctx={ctx}
        name="lang"
        legend="Lingua"
        value="en"
        options={[
          { value: 'it', label: 'Italiano', lang: 'it' },
          { value: 'en', label: 'English', lang: 'en' },
        ]}
      />
    ),
  },
  {
    component: 'RadioGroup',
    name: 'in a right-to-left language, with an error',
    lang: 'ar',
    render: (ctx) => (
      <RadioGroup
        ctx={ctx}
        name="ar_answer"
        legend="هل لديك أطفال؟"
        errors={{ ar_answer: 'يرجى اختيار إجابة' }}
        options={choices(['yes', 'نعم'], ['no', 'لا'])}
      />
    ),
  },
  {
    component: 'Checkbox',
    name: 'one yes/no with a hint',
    render: (ctx) => (
      <Checkbox
        ctx={ctx}
        name="public_listing"
        label="Nell’elenco pubblico"
        hint="Solo il nome e la città"
        checked
      />
    ),
  },
  {
    component: 'FilterBar',
    name: 'a search field and a filter',
    render: (ctx) => (
      <FilterBar ctx={ctx} action="/esempio">
        <SearchField ctx={ctx} label="Cerca per nome" value={HOSTILE} maxLength={100} width={5} />
        <div class="col-12 col-md-4">
          <Select ctx={ctx} name="kind" label="Tipo" options={channels} placeholder="Qualsiasi tipo" />
        </div>
      </FilterBar>
    ),
  },
  {
    component: 'SearchField',
    name: 'the free-text search of a list, with what was searched',
    render: (ctx) => (
      <div class="row">
        <SearchField ctx={ctx} name="q_example" label="Cerca per codice" value="AN-2026" maxLength={60} />
      </div>
    ),
  },
  {
    component: 'DataTable',
    name: 'two rows, with a caption',
    render: (ctx) => (
      <DataTable
        ctx={ctx}
        caption="Sportelli"
        headers={['Nome', 'Tipo']}
        rows={[
          { id: 'a', name: 'Ancona centro', kind: 'Telefono' },
          { id: 'b', name: HOSTILE, kind: 'Video' },
        ]}
        row={(r) => (
          <tr key={r.id}>
            <th scope="row">{r.name}</th>
            <td>{r.kind}</td>
          </tr>
        )}
      />
    ),
  },
  {
    component: 'DataTable',
    name: 'no rows',
    render: (ctx) => <DataTable ctx={ctx} headers={['Nome']} rows={[]} row={() => null} />,
  },
  {
    component: 'SummaryList',
    name: 'facts, one left out, a value to escape',
    render: () => (
      <SummaryList
        class="mb-0"
        rows={[
          ['Quando', 'lunedì 14 dicembre 2026, 10:00 – 10:30'],
          ['Sportello', HOSTILE],
          false,
          ['Stato', 'Prenotato'],
        ]}
      />
    ),
  },
  {
    component: 'SummaryList',
    name: 'term and value side by side',
    render: () => (
      <SummaryList
        columns={['col-sm-3', 'col-sm-9']}
        rows={[
          ['Nome utente', 'operatrice.ancona'],
          ['E-mail', '—'],
        ]}
      />
    ),
  },
  {
    component: 'ChoiceBox',
    name: 'the radio buttons of a fieldset of its own, one checked',
    render: () => (
      <fieldset class="choice-fieldset mb-4">
        <legend>Ha figli minorenni?</legend>
        <ChoiceBox type="radio" id="field-minors" name="minors" value="yes" label="Sì" checked />
        <ChoiceBox type="radio" id="field-minors-no" name="minors" value="no" label="No" checked={false} />
      </fieldset>
    ),
  },
  {
    component: 'ChoiceBox',
    name: 'a box under another field, with spacing and a label to escape',
    render: () => (
      <ChoiceBox
        class="mt-2"
        type="checkbox"
        id="field-n-unknown"
        name="n__kind"
        value="unknown"
        label={HOSTILE}
        checked={false}
      />
    ),
  },
  {
    component: 'Pagination',
    name: 'page 3 of 9',
    render: (ctx) => (
      <Pagination ctx={ctx} page={3} pageSize={20} total={170} href={(n) => `/esempio?page=${n}`} />
    ),
  },
  {
    component: 'Notice',
    name: 'after an action',
    render: () => <Notice message="Sportello salvato." />,
  },
  {
    component: 'FormActions',
    name: 'save and the way back',
    render: (ctx) => <FormActions ctx={ctx} cancel="/esempio" />,
  },
  {
    component: 'Confirmation',
    name: 'a consequential action with a reason',
    render: (ctx) => (
      <Confirmation
        ctx={ctx}
        text="Annullare l’appuntamento di lunedì 14 dicembre alle 10:00?"
        action="/esempio/annulla"
        cancel="/esempio"
        confirmLabel="Annulla l’appuntamento"
        hidden={{ version: '3' }}
      >
        <TextArea ctx={ctx} name="reason" label="Motivo" rows={2} />
      </Confirmation>
    ),
  },
  {
    component: 'TotpField',
    name: 'required, with an error',
    render: (ctx) => (
      <TotpField
        ctx={ctx}
        label="Codice dell’app di autenticazione"
        hint="Le sei cifre che l’app mostra ora"
        errors={{ code: 'Il codice non è valido' }}
        required
      />
    ),
  },
  {
    component: 'Submit',
    name: 'the main action of a form',
    render: () => <Submit class="btn btn-primary">Invia la convocazione</Submit>,
  },
];

import type { CatalogueEntry } from '@ponte/rules';
import { stringify } from 'csv-stringify/sync';
import { DataTable } from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import { type Dashboard, TABLE_KEYS } from './service.ts';

// The anonymised dataset for the Regione's observatory (issue 15): the dashboard's protected tables in long form,
// one line per published cell, with stable codes. Being the same cells as the page, it publishes nothing the page
// does not (the suppression holds across both). Documented on /monitoring/dataset and in docs/monitoring-dataset.md.

export const DATASET_COLUMNS = [
  'period_from',
  'period_to',
  'territory',
  'table',
  'row',
  'variable',
  'value',
  'status',
] as const;

const COLUMNS: Record<string, string[]> = {
  funnel: ['n'],
  trend: ['cases', 'checked', 'likely', 'referred', 'consulted', 'filed', 'granted', 'refused', 'waiting'],
  provinces: ['cases', 'referred', 'consulted', 'filed', 'granted'],
  times: ['n', 'p50', 'p90'],
  benefits: ['filed', 'granted', 'refused', 'waiting', 'amount', 'median'],
  rdl: ['filed', 'granted', 'amount', 'budget', 'used'],
  desks: ['offered', 'booked', 'done', 'no_show', 'use'],
};

/** The dataset as CSV: a suppressed cell has an empty value and its status says why. */
export function datasetCsv(d: Dashboard): string {
  const lines: (string | number)[][] = [[...DATASET_COLUMNS]];
  for (const table of d.tables) {
    if (table.withheld) continue;
    for (const row of table.rows) {
      row.cells.forEach((c, i) => {
        lines.push([
          d.filter.from.slice(0, 7),
          d.filter.to.slice(0, 7),
          d.filter.territory ?? 'all',
          table.key,
          row.code,
          table.columns[i]!.key,
          c.status === 'shown' && c.value !== null ? c.value : '',
          c.status,
        ]);
      });
    }
  }
  return `\ufeff${stringify(lines)}`;
}

export function DatasetView(p: { ctx: PageContext; threshold: number; benefits: CatalogueEntry[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <>
      <p class="lead">{t('monitoring.dataset.intro')}</p>
      <p>
        <a href="/monitoring/dataset.csv">{t('monitoring.dataset.download')}</a>
      </p>
      <h2 class="h4">{t('monitoring.dataset.variables')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('monitoring.dataset.variables')}
        headers={[t('monitoring.dataset.variable'), t('monitoring.dataset.meaning')]}
        rows={[...DATASET_COLUMNS]}
        small
        row={(c) => (
          <tr key={c}>
            <th scope="row">
              <code>{c}</code>
            </th>
            <td>{t(`monitoring.dataset.var.${c}`)}</td>
          </tr>
        )}
      />
      <h2 class="h4">{t('monitoring.dataset.codes')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('monitoring.dataset.codes')}
        headers={[
          t('monitoring.dataset.table'),
          t('monitoring.dataset.rows'),
          t('monitoring.dataset.variables'),
        ]}
        rows={[...TABLE_KEYS]}
        small
        row={(k) => (
          <tr key={k}>
            <th scope="row">
              <code>{k}</code> {t(`monitoring.table.${k}`)}
            </th>
            <td>{t(`monitoring.dataset.rows.${k}`)}</td>
            <td>
              {COLUMNS[k]!.map((c) => (
                <code key={c} class="me-2">
                  {c}
                </code>
              ))}
            </td>
          </tr>
        )}
      />
      <h2 class="h4">{t('monitoring.dataset.statuses')}</h2>
      <ul>
        {['shown', 'primary', 'secondary', 'withheld'].map((s) => (
          <li key={s}>
            <code>{s}</code>: {t(`monitoring.dataset.status.${s}`, { threshold: p.threshold })}
          </li>
        ))}
      </ul>
      <h2 class="h4">{t('monitoring.dataset.benefits')}</h2>
      <ul>
        {p.benefits.map((b) => (
          <li key={b.id}>
            <code>{b.id}</code>: {b.name}
          </li>
        ))}
      </ul>
      <h2 class="h4">{t('monitoring.dataset.rule')}</h2>
      <p>{t('monitoring.rule', { threshold: p.threshold })}</p>
    </>
  );
}

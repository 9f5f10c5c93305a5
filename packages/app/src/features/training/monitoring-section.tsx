import { formatCount } from '../../platform/i18n/index.ts';
import { protect, registerMonitoringSection, type SectionInput } from '../monitoring/index.ts';
import { type CoverageCount, coverageCounts } from './coverage.ts';

// Training coverage on the monitoring dashboard (issue 15, "training coverage by direction and course"): how many
// staff hold a valid certificate of each course, by the kind of their organisation, for the whole network — never
// one organisation's figures — with the dashboard's suppression (a count below the threshold shows as "<5", and no
// hidden cell can be recomputed from the totals of its row or column).

const KINDS = ['cav', 'inps_office', 'other'] as const;
type Kind = (typeof KINDS)[number];
const kindOf = (k: string): Kind => (k === 'cav' || k === 'inps_office' ? k : 'other');

/** The grid of counts: one row per course (then the total row), one column per kind (then the total column). */
export function coverageGrid(counts: readonly CoverageCount[]) {
  const courses = new Map<string, { title: string; direction: string; n: Record<Kind, number> }>();
  for (const c of counts) {
    const row = courses.get(c.courseId) ?? {
      title: c.courseTitle,
      direction: c.direction,
      n: { cav: 0, inps_office: 0, other: 0 },
    };
    row.n[kindOf(c.organisationKind)] += c.count;
    courses.set(c.courseId, row);
  }
  const rows = [...courses.values()].sort(
    (a, b) => a.direction.localeCompare(b.direction) || a.title.localeCompare(b.title),
  );
  const values = rows.map((r) => {
    const cells = KINDS.map((k) => r.n[k]);
    return [...cells, cells.reduce((a, b) => a + b, 0)];
  });
  const total = KINDS.map((_, i) => values.reduce((a, v) => a + v[i]!, 0));
  values.push([...total, total.reduce((a, b) => a + b, 0)]);
  return { rows, values };
}

export async function coverageSection({ db, t, lang, threshold }: SectionInput) {
  const { rows, values } = coverageGrid(await coverageCounts(db));
  if (rows.length === 0) return null;
  const p = protect({ values, totalRow: true, totalColumn: true }, threshold);
  const cell = (r: number, c: number) => {
    const v = p.shown[r]![c];
    return v === null ? (p.status[r]![c] === 'primary' ? `<${threshold}` : 'n.d.') : formatCount(lang, v);
  };
  const headers = [
    t('training.monitoring.course'),
    t('training.field.direction'),
    t('training.monitoring.kind.cav'),
    t('training.monitoring.kind.inps_office'),
    t('training.monitoring.kind.other'),
    t('training.monitoring.total'),
  ];
  return {
    key: 'training',
    title: t('training.monitoring.title'),
    body: (
      <>
        <p>{t('training.monitoring.intro', { threshold })}</p>
        <div class="table-responsive">
          <table class="table table-sm" data-table="training">
            <caption class="visually-hidden">{t('training.monitoring.title')}</caption>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.title}>
                  <th scope="row">{r.title}</th>
                  <td>{t(`training.direction.${r.direction}`)}</td>
                  {KINDS.map((k, c) => (
                    <td key={k} class="text-end" data-status={p.status[i]![c]}>
                      {cell(i, c)}
                    </td>
                  ))}
                  <td class="text-end" data-status={p.status[i]![KINDS.length]}>
                    {cell(i, KINDS.length)}
                  </td>
                </tr>
              ))}
              <tr class="fw-bold">
                <th scope="row">{t('training.monitoring.total')}</th>
                <td />
                {[...KINDS, 'total'].map((k, c) => (
                  <td key={k} class="text-end" data-status={p.status[rows.length]![c]}>
                    {cell(rows.length, c)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </>
    ),
  };
}

registerMonitoringSection('training', coverageSection);

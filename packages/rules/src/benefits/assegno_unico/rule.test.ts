// The AUU table built from the law's 2022 rows and the yearly indices must reproduce every published anchor
// of reference §5.2–5.3 (VERIFIED values; DERIVED ones are the algorithm's own output, checked for stability).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assegnoUnico, buildTable, rowFor, type YearTable } from './rule.ts';

const P = assegnoUnico.parameters;
const base = (name: string) => P.at(name, 20250101).value;
const BASE = {
  base_lower_bound: base('base_lower_bound'),
  base_band: base('base_band'),
  bands: base('bands'),
  minor_max: base('minor_max'),
  minor_band_step: base('minor_band_step'),
  adult_max: base('adult_max'),
  adult_band_step: base('adult_band_step'),
  after2nd_max: base('after2nd_max'),
  after2nd_band_step: base('after2nd_band_step'),
  both_working_max: base('both_working_max'),
  both_working_band_step: base('both_working_band_step'),
  disability_non_self_sufficient: base('disability_non_self_sufficient'),
  disability_severe: base('disability_severe'),
  disability_medium: base('disability_medium'),
  mother_under21: base('mother_under21'),
};
const chain = (year: number) => {
  const out: number[] = [];
  for (let y = 2023; y <= year; y++) out.push(P.at('revaluation_index', y * 10000 + 101).value);
  return out;
};
const table = (year: number): YearTable => buildTable(BASE, year === 2022 ? [] : chain(year));
const at = (t: YearTable, isee: number) => rowFor(t, Math.round(isee * 100));

test('thresholds and max/min amounts of every year match reference §5.2', () => {
  const expected: Record<number, number[]> = {
    // lower, upper, minor max, minor min, 18–20 max, 18–20 min, after-2nd max, after-2nd min, both-working max
    2023: [1621500, 4324000, 18920, 5410, 9190, 2700, 9190, 1620, 3240],
    2024: [1709061, 4557496, 19940, 5700, 9690, 2850, 9690, 1710, 3410],
    2025: [1722733, 4593956, 20100, 5750, 9770, 2870, 9770, 1720, 3440],
    2026: [1746851, 4658271, 20380, 5830, 9910, 2910, 9910, 1740, 3490],
  };
  for (const [year, e] of Object.entries(expected)) {
    const t = table(Number(year));
    const last = t.bounds.length - 1;
    assert.deepEqual(
      [
        t.bounds[0],
        t.bounds[last],
        t.minor[0],
        t.minor[last],
        t.adult[0],
        t.adult[last],
        t.after2nd[0],
        t.after2nd[last],
        t.bothWorking[0],
      ],
      e,
      `year ${year}`,
    );
    assert.equal(t.bothWorking[last], 0);
  }
});

test('disability and mother-under-21 top-ups match reference §5.2', () => {
  const expected: Record<number, number[]> = {
    2023: [11350, 10270, 9190, 2160],
    2024: [11960, 10820, 9690, 2280],
    2025: [12060, 10910, 9770, 2300],
    2026: [12230, 11060, 9910, 2330],
  };
  for (const [year, e] of Object.entries(expected)) {
    const t = table(Number(year));
    assert.deepEqual(
      [t.disability.non_self_sufficient, t.disability.severe, t.disability.medium, t.motherUnder21],
      e,
      `year ${year}`,
    );
  }
});

test('2022 and 2023 band rows published by INPS (reference §5.3)', () => {
  const t22 = table(2022);
  const rows22: [number, number, number, number, number][] = [
    [20000, 15000, 7300, 7100, 2400],
    [25000, 12500, 6100, 5700, 1800],
    [30000, 10000, 4900, 4300, 1200],
    [35000, 7500, 3700, 2900, 600],
  ];
  for (const [isee, minor, adult, after2nd, both] of rows22) {
    const k = at(t22, isee);
    assert.deepEqual(
      [t22.minor[k], t22.adult[k], t22.after2nd[k], t22.bothWorking[k]],
      [minor, adult, after2nd, both],
      `2022 ${isee}`,
    );
  }
  const k28 = at(t22, 28000);
  assert.deepEqual([t22.minor[k28], t22.adult[k28], t22.after2nd[k28]], [11000, 5380, 4860]);
  const t23 = table(2023);
  const k = at(t23, 28000);
  assert.deepEqual([t23.minor[k], t23.adult[k], t23.after2nd[k]], [12970, 6330, 5860]);
});

test('2025 rows of third-party tables and derived samples 2024–2026 (reference §5.3)', () => {
  const t25 = table(2025);
  assert.equal(t25.minor[at(t25, 21400)], 17970);
  assert.equal(t25.minor[at(t25, 25800)], 15790);
  const samples: [number, number, number][] = [
    [2024, 25000, 15950],
    [2025, 25000, 16190],
    [2026, 25000, 16590],
    [2024, 30000, 13450],
    [2025, 30000, 13660],
    [2026, 30000, 14090],
    [2024, 20000, 18460],
    [2025, 20000, 18670],
    [2026, 20000, 19100],
  ];
  for (const [year, isee, minor] of samples) {
    const t = table(year);
    assert.equal(t.minor[at(t, isee)], minor, `${year} ISEE ${isee}`);
  }
});

test('lookup: no ISEE and ISEE above the upper threshold give the minimum row; at the lower bound the first', () => {
  const t = table(2025);
  const last = t.bounds.length - 1;
  assert.equal(rowFor(t, null), last);
  assert.equal(rowFor(t, 4593957), last);
  assert.equal(rowFor(t, 4593956), last);
  assert.equal(rowFor(t, 1722733), 0);
  assert.equal(rowFor(t, 1722734), 1);
  assert.equal(rowFor(t, 0), 0);
});

test('an ISEE within 1 euro of a DERIVED band limit is flagged to verify; the verified thresholds are not', async () => {
  const { assess } = await import('../../index.ts');
  const flagged = (isee: number) =>
    assess({
      date: '2024-06-01',
      person: { birthDate: '1985-01-01', sex: 'F', citizenship: 'it', residenceYears: 30 },
      household: { members: [{ relation: 'child', birthDate: '2018-01-01', disability: 'none' }], isee },
    })
      .results.find((r) => r.benefit === 'assegno_unico')
      ?.reasons.some((r) => r.code === 'band_edge');
  assert.equal(flagged(17204.0), true); // band 1 ends at 17,204.55 (derived)
  assert.equal(flagged(17205.0), true);
  assert.equal(flagged(17150.0), false);
  assert.equal(flagged(17090.61), false); // lower threshold, verified
  assert.equal(flagged(45574.96), false); // upper threshold, verified
});

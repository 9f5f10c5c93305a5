// The DL 48/2023 household arithmetic shared by ADI and SFL, checked on hand-computed households.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Situation } from '../../contract.ts';
import { dayNum } from '../../engine/dates.ts';
import { deriveFacts } from '../../engine/facts.ts';
import { adiScale, careDuties, movableLimit, scaled } from './common.ts';

// Art. 2 c. 4 DL 48/2023, in hundredths.
const SCALE = {
  disabled: 50,
  older: 40,
  care: 40,
  minor: 15,
  minorFurther: 10,
  cap: 220,
  capSevere: 230,
  olderAge: 60,
};
// Art. 2 c. 2 lett. b n. 4, in cents.
const MOVABLE = {
  base: 600000,
  perMember: 200000,
  membersCap: 1000000,
  perMinor: 100000,
  perDisabled: 500000,
  perSevere: 750000,
};

const at = (s: Situation) => deriveFacts(s, dayNum(s.date));
const child = (birthDate: string, disability: 'none' | 'severe' = 'none') =>
  ({ relation: 'child', birthDate, disability }) as const;

test('mother alone with a child under 3: 1 + 0.40 (care, on the applicant) + 0.15 = 1.55', () => {
  const s: Situation = {
    date: '2025-06-01',
    person: { disability: 'none' },
    household: { members: [child('2023-09-01')] },
  };
  const r = adiScale(s, at(s), SCALE);
  assert.deepEqual([r.low, r.high, r.careOnApplicant], [155, 155, true]);
});

test('three minors aged 5–10 give care duties: 1 + 0.40 + 0.15 + 0.15 + 0.10 = 1.80', () => {
  const s: Situation = {
    date: '2025-06-01',
    person: { disability: 'none' },
    household: { members: [child('2015-01-01'), child('2017-01-01'), child('2020-01-01')] },
  };
  assert.equal(careDuties(at(s)).met, true);
  assert.equal(adiScale(s, at(s), SCALE).low, 180);
});

test('the scale stops at 2.2, or 2.3 with a severely disabled member', () => {
  const five = ['2012-01-01', '2013-01-01', '2014-01-01', '2015-01-01', '2016-01-01'].map((d) => child(d));
  const plain: Situation = {
    date: '2025-06-01',
    person: { disability: 'none' },
    household: { members: five },
  };
  const older = { relation: 'parent', birthDate: '1950-01-01', disability: 'none' } as const;
  const full: Situation = { ...plain, household: { members: [...five, older, older] } };
  assert.equal(adiScale(full, at(full), SCALE).low, 220);
  const severe: Situation = {
    ...plain,
    household: { members: [...five, older, { ...older, disability: 'severe' }] },
  };
  assert.equal(adiScale(severe, at(severe), SCALE).low, 230);
});

test('unknown members bound the scale between the known part and 2.3', () => {
  const s: Situation = { date: '2025-06-01', person: { disability: 'none' } };
  const r = adiScale(s, at(s), SCALE);
  assert.deepEqual([r.low, r.high, r.paths], [100, 230, ['household.members']]);
  const partly: Situation = {
    ...s,
    household: { members: [{ relation: 'child', birthDate: '2015-01-01' }] },
  };
  const q = adiScale(partly, at(partly), SCALE);
  assert.deepEqual([q.low, q.high], [115, 230]);
});

test('wealth limit: 6,000 € alone, 10,000 € cap by size, +1,000 € per minor after the second, +disability', () => {
  const alone: Situation = { date: '2025-06-01', person: { disability: 'none' }, household: { members: [] } };
  assert.deepEqual(movableLimit(alone, at(alone), MOVABLE), { low: 600000, high: 600000 });
  const four = ['2012-01-01', '2014-01-01', '2016-01-01', '2018-01-01'].map((d) => child(d));
  const big: Situation = { ...alone, household: { members: four } };
  // 5 people → min(6,000 + 4 × 2,000, 10,000) = 10,000; 4 minors → +2,000.
  assert.equal(movableLimit(big, at(big), MOVABLE).low, 1200000);
  const disabled: Situation = { ...alone, person: { disability: 'severe' } };
  assert.equal(movableLimit(disabled, at(disabled), MOVABLE).low, 1350000);
});

test('threshold × scale is exact in cents', () => {
  assert.equal(scaled(650000, 155), 1007500);
  assert.equal(scaled(600000, 115), 690000);
});

// Varied situations of the screening contract from a deterministic seed: the input of bench/rules.ts and of the
// byte-identity test of the serializers (packages/rules/src/engine/serialize.test.ts).

// mulberry32: small, fast, deterministic.
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** `n` situations as JSON Lines (without newlines), always the same for the same seed. */
export function situationLines(n: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  const date = (y: number) => `${y}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  /** A day between `minYears` and `maxYears` before `d` (so birth dates are never after the assessed day). */
  const before = (d: string, minYears: number, maxYears: number) => {
    const ms = Date.parse(d) - int(Math.round(minYears * 365.25), Math.round(maxYears * 365.25)) * 864e5;
    return new Date(ms).toISOString().slice(0, 10);
  };

  function situation(i: number): Record<string, unknown> {
    const year = int(2023, 2026);
    const d = date(year);
    const children = int(0, 4);
    const members: Record<string, unknown>[] = [];
    for (let c = 0; c < children; c++) {
      members.push({
        relation: 'child',
        birthDate: before(d, 0, 22),
        disability: pick(['none', 'none', 'none', 'medium', 'severe']),
        inEducation: maybe(0.8, () => r() < 0.7),
        nursery: maybe(0.5, () => r() < 0.3),
      });
    }
    if (r() < 0.3)
      members.push({ relation: 'partner', birthDate: before(d, 20, 60), earnsFromWork: r() < 0.5 });
    const isee = r() < 0.1 ? null : r() < 0.15 ? undefined : Math.round(r() * 5_000_000) / 100;
    return {
      id: `b${i}`,
      date: d,
      region: pick(['marche', 'lazio', 'calabria', 'lombardia']),
      person: {
        birthDate: before(d, 18, 75),
        sex: r() < 0.9 ? 'F' : 'M',
        citizenship: pick(['it', 'it', 'it', 'eu', 'non_eu_long_term', 'non_eu_permit', 'refugee', 'none']),
        permitMonths: maybe(0.5, () => int(3, 24)),
        residenceYears: maybe(0.9, () => int(0, 40)),
        work: pick([
          'employee_private',
          'employee_public',
          'domestic',
          'self_employed',
          'unemployed',
          'inactive',
          'retired',
        ]),
        disability: pick(['none', 'none', 'medium']),
        income: maybe(0.4, () => int(0, 30000)),
        married: maybe(0.5, () => r() < 0.4),
        training: maybe(0.4, () => r() < 0.5),
        violence: maybe(0.8, () => ({
          victim: r() < 0.9,
          cav: maybe(0.8, () => r() < 0.8),
          socialServices: maybe(0.8, () => r() < 0.7),
          stateOfNeed: maybe(0.7, () => r() < 0.6),
          pathStart: before(d, 0, 3),
        })),
        congedoDaysUsed: maybe(0.3, () => int(0, 90)),
        lastJob: maybe(0.5, () => ({
          endDate: before(d, 0, 1.5),
          endReason: pick([
            'dismissal',
            'contract_end',
            'resignation',
            'resignation_just_cause',
            'resignation_violence',
          ]),
          contributionWeeks4y: int(0, 208),
          monthlyReferencePay: int(500, 3000),
        })),
        maternityPay: maybe(0.2, () => int(0, 3000)),
      },
      household: {
        members,
        isee,
        familyIncome: maybe(0.6, () => int(0, 20000)),
        rentAnnual: maybe(0.5, () => int(0, 9000)),
        movableAssets: maybe(0.6, () => int(0, 20000)),
        realEstate: maybe(0.5, () => int(0, 40000)),
        bothParentsWork: maybe(0.6, () => r() < 0.4),
        auuAnnual: maybe(0.3, () => int(0, 4000)),
      },
    };
  }

  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) lines[i] = JSON.stringify(situation(i));
  return lines;
}

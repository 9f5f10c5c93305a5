// Three-valued logic (Kleene): true, false, null = unknown. A known false wins over unknown in `and3`,
// so an undetermined fact never hides a condition that already fails.

/** met (true), failed (false) or unknown (null). */
export type Tri = boolean | null;

/** Kleene AND: false if any is false, else null if any is unknown, else true. */
export function and3(...xs: Tri[]): Tri {
  let unknown = false;
  for (const x of xs) {
    if (x === false) return false;
    if (x === null) unknown = true;
  }
  return unknown ? null : true;
}

/** Kleene OR: true if any is true, else null if any is unknown, else false. */
export function or3(...xs: Tri[]): Tri {
  let unknown = false;
  for (const x of xs) {
    if (x === true) return true;
    if (x === null) unknown = true;
  }
  return unknown ? null : false;
}

/** Kleene NOT. */
export function not3(x: Tri): Tri {
  return x === null ? null : !x;
}

/** A fact that may be absent (unknown): `undefined` becomes null, anything else goes through `test`. */
export function known<T>(v: T | undefined, test: (v: T) => boolean): Tri {
  return v === undefined ? null : test(v);
}

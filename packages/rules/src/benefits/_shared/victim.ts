// Logic shared by the benefits of a woman victim of violence (congedo indennizzato, Reddito di Libertà). Only the
// logic lives here: each rule keeps its own reason texts and legal citations.
import type { Ctx } from '../../engine/benefit.ts';
import { known } from '../../engine/three.ts';

/** She is a woman and a victim of violence (the `woman` and `victim` reasons, in that order); her violence answers. */
export function requireWomanVictim(ctx: Ctx<string, 'woman' | 'victim'>) {
  const v = ctx.s.person?.violence;
  ctx.require(
    'woman',
    known(ctx.s.person?.sex, (x) => x === 'F'),
  );
  ctx.require('victim', v?.victim ?? null);
  return v;
}

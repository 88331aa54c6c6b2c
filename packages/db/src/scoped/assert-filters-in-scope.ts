import {
  type Args,
  crossesScope,
  eachItem,
  isObject,
  refuseSpanning,
  relationTarget,
  type Scope,
} from './scope-rules';

const COMBINATORS = new Set(['AND', 'OR', 'NOT']);
const RELATION_FILTERS = ['some', 'every', 'none', 'is', 'isNot'] as const;

/**
 * Walks a `where` (or a `cursor`, which takes the same filters) and refuses relation filters
 * from a model that belongs to no org into one that does: `user: { memberships: { some: … } }`
 * would test, and so reveal or act on, rows of every org.
 */
export function assertFilterInScope({
  model,
  where,
  scope,
}: {
  model: string;
  where: unknown;
  scope: Scope;
}): void {
  if (!isObject(where)) return;
  for (const [field, value] of Object.entries(where)) {
    if (COMBINATORS.has(field)) {
      eachItem(value, (item) => assertFilterInScope({ model, where: item, scope }));
      continue;
    }
    const target = relationTarget({ model, field, scope });
    if (!target || !isObject(value)) continue;
    if (crossesScope({ from: model, to: target, scope }))
      refuseSpanning({ what: 'filter on', model, field });
    const operators = RELATION_FILTERS.filter((operator) => operator in value);
    // A to-one relation may also be filtered directly (`user: { email: … }`), without `is`.
    if (operators.length === 0) assertFilterInScope({ model: target, where: value, scope });
    for (const operator of operators)
      assertFilterInScope({ model: target, where: value[operator], scope });
  }
}

/** Refuses ordering by a relation that spans organizations (`memberships: { _count }`). */
export function assertOrderInScope({
  model,
  orderBy,
  scope,
}: {
  model: string;
  orderBy: unknown;
  scope: Scope;
}): void {
  eachItem(orderBy, (item) => {
    if (!isObject(item)) return;
    for (const [field, value] of Object.entries(item)) {
      const target = relationTarget({ model, field, scope });
      if (!target) continue;
      if (crossesScope({ from: model, to: target, scope }))
        refuseSpanning({ what: 'order by', model, field });
      assertOrderInScope({ model: target, orderBy: value, scope });
    }
  });
}

/** The filters of one query level: its `where`, `cursor` and `orderBy`. */
export function assertQueryFiltersInScope({
  model,
  args,
  scope,
}: {
  model: string;
  args: Args;
  scope: Scope;
}): void {
  assertFilterInScope({ model, where: args.where, scope });
  assertFilterInScope({ model, where: args.cursor, scope });
  assertOrderInScope({ model, orderBy: args.orderBy, scope });
}

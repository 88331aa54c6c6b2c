import { assertQueryFiltersInScope } from './assert-filters-in-scope';
import {
  type Args,
  crossesScope,
  isObject,
  refuseSpanning,
  relationTarget,
  type Scope,
} from './scope-rules';

/**
 * Nested reads from a model that is not org-owned (a user) into an org-owned relation (all of
 * that user's memberships) would reach other orgs' rows: they are refused rather than guessed.
 * The filters of every nested read are walked as well.
 */
export function assertReadsInScope({
  model,
  args,
  scope,
}: {
  model: string;
  args: Args;
  scope: Scope;
}): void {
  for (const key of ['include', 'select'] as const) {
    const tree = args[key];
    if (!isObject(tree)) continue;
    for (const [field, nested] of Object.entries(tree)) {
      if (!nested) continue;
      if (field === '_count') {
        assertCountInScope({ model, count: nested, scope });
        continue;
      }
      const target = relationTarget({ model, field, scope });
      if (!target) continue;
      if (crossesScope({ from: model, to: target, scope }))
        refuseSpanning({ what: 'read', model, field });
      if (isObject(nested)) {
        assertQueryFiltersInScope({ model: target, args: nested, scope });
        assertReadsInScope({ model: target, args: nested, scope });
      }
    }
  }
}

function assertCountInScope({
  model,
  count,
  scope,
}: {
  model: string;
  count: unknown;
  scope: Scope;
}): void {
  const select = isObject(count) ? count.select : undefined;
  const fields = isObject(select)
    ? Object.entries(select)
    : [...(scope.models.relations.get(model)?.keys() ?? [])].map((field) => [field, true] as const);
  for (const [field, nested] of fields) {
    const target = relationTarget({ model, field, scope });
    if (!target) continue;
    if (crossesScope({ from: model, to: target, scope }))
      refuseSpanning({ what: 'count', model, field });
    if (isObject(nested)) assertQueryFiltersInScope({ model: target, args: nested, scope });
  }
}

/** Who may do what to a rectification, as plain functions (no database). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles';
import type { AccountActor } from '../../platform/auth/actor';
import { canWorkOnRectification, evaluationScope, rectificationAbilities } from './evaluations.policy';

function actor(roles: Role[], extra: Partial<AccountActor> = {}): AccountActor {
  return {
    kind: 'account',
    id: `id-${roles.join('-')}`,
    username: roles[0]!,
    displayName: roles[0]!,
    accountKind: roles.includes('applicant') ? 'applicant' : 'staff',
    roles,
    regionCode: '130533',
    orgUnitId: 'unit-a',
    townshipCode: null,
    windowId: null,
    subjectKind: null,
    sessionId: null,
    ...extra,
  };
}

const base = { regionCode: '130533', unitId: 'unit-a', state: 'received', reviewStatus: 'none', callbackAt: null, reviewRequestedById: null };

describe('evaluationScope', () => {
  it.each([
    [['supervisor'], {}],
    [['county'], {}],
    [['chief'], { unitId: 'unit-a' }],
    [['regulator'], { departmentId: 'unit-a' }],
    [['clerk'], null],
    [['applicant'], null],
  ] as [Role[], unknown][])('%s → %o', (roles, scope) => {
    expect(evaluationScope(actor(roles))).toEqual(scope);
  });
});

describe('rectificationAbilities', () => {
  it('walks received → verifying → rectifying → closed only after the call-back', () => {
    const m = actor(['manager']);
    expect(rectificationAbilities(m, base)).toMatchObject({ verify: true, start: false, callback: false, close: false, requestReview: true, decideReview: false });
    expect(rectificationAbilities(m, { ...base, state: 'verifying' })).toMatchObject({ verify: false, start: true });
    expect(rectificationAbilities(m, { ...base, state: 'rectifying' })).toMatchObject({ callback: true, close: false });
    expect(rectificationAbilities(m, { ...base, state: 'rectifying', callbackAt: new Date() })).toMatchObject({ close: true });
    expect(rectificationAbilities(m, { ...base, state: 'rectified' })).toMatchObject({ verify: false, close: false, requestReview: false });
  });

  it('freezes the work while an appeal waits, and lets only another supervisor decide it', () => {
    const pending = { ...base, reviewStatus: 'requested', reviewRequestedById: 'id-supervisor' };
    expect(rectificationAbilities(actor(['manager']), pending)).toMatchObject({ verify: false, requestReview: false, decideReview: false });
    expect(rectificationAbilities(actor(['supervisor']), pending).decideReview).toBe(false);
    expect(rectificationAbilities(actor(['supervisor'], { id: 'other' }), pending).decideReview).toBe(true);
  });

  it('lets a chief work on their own unit’s rectifications only', () => {
    expect(canWorkOnRectification(actor(['chief']), base)).toBe(true);
    expect(canWorkOnRectification(actor(['chief'], { orgUnitId: 'unit-b' }), base)).toBe(false);
    expect(canWorkOnRectification(actor(['county']), base)).toBe(false);
    expect(canWorkOnRectification(actor(['manager'], { regionCode: '130534' }), base)).toBe(false);
  });
});

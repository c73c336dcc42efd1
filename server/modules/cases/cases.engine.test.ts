import { describe, expect, it } from 'vitest';
import type { ProcessBody } from '../../../common/process';
import {
  advance,
  EngineError,
  expectedOpenTasks,
  initialState,
  type EngineAction,
  type EngineContext,
  type EngineState,
  type WorkingDays,
} from './cases.engine';

/** Weekends and the listed holidays are off; enough for the engine, which never sees the real calendar. */
function fakeCalendar(holidays: string[] = []): WorkingDays {
  const off = new Set(holidays);
  const isWorking = (d: Date) => {
    const iso = d.toISOString().slice(0, 10);
    const dow = d.getUTCDay();
    return dow !== 0 && dow !== 6 && !off.has(iso);
  };
  const parse = (s: string) => new Date(`${s}T00:00:00Z`);
  return {
    addWorkingDays(from, days) {
      const d = parse(from);
      let left = days;
      while (left > 0) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (isWorking(d)) left--;
      }
      return d.toISOString().slice(0, 10);
    },
    countWorkingDays(from, to) {
      const d = parse(from);
      const end = parse(to);
      let n = 0;
      while (d < end) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (isWorking(d)) n++;
      }
      return n;
    },
  };
}

const definition: ProcessBody = {
  allowsCommitment: true,
  verificationDays: 20,
  steps: [
    { id: 's1', name: '审查', nameEn: 'Review', stages: [{ id: 'review', name: '材料审查', nameEn: 'Review', type: 'review', role: 'reviewer', limitDays: 5 }] },
    {
      id: 's2',
      name: '并联审查',
      nameEn: 'Parallel review',
      stages: [
        { id: 'inspect', name: '现场勘验', nameEn: 'Inspection', type: 'inspection', role: 'reviewer', unitCode: 'SEC-A', limitDays: 3 },
        { id: 'review_b', name: '会审', nameEn: 'Joint review', type: 'review', role: 'reviewer', unitCode: 'SEC-B', limitDays: 4 },
      ],
    },
    { id: 's3', name: '专家评审', nameEn: 'Expert review', stages: [{ id: 'experts', name: '专家评审', nameEn: 'Expert review', type: 'special', special: 'expert_review', role: 'reviewer', limitDays: 10 }] },
    { id: 's4', name: '决定', nameEn: 'Decision', stages: [{ id: 'decide', name: '审批决定', nameEn: 'Decision', type: 'decision', role: 'leader', limitDays: 2 }] },
    { id: 's5', name: '制证', nameEn: 'Certificate', stages: [{ id: 'certify', name: '制证', nameEn: 'Certificate', type: 'certificate', role: 'issuer', limitDays: 2 }] },
    { id: 's6', name: '送达', nameEn: 'Delivery', stages: [{ id: 'deliver', name: '送达', nameEn: 'Delivery', type: 'delivery', role: 'clerk', limitDays: 1 }] },
  ],
};

// 2026-10-01..07 National Day; 2026-10-10 (Saturday) would be a make-up day in reality — the fake keeps weekends off.
const ctx: EngineContext = { definition, calendar: fakeCalendar(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) };

function run(state: EngineState, ...actions: EngineAction[]) {
  let current = state;
  const log = [];
  for (const a of actions) {
    const r = advance(ctx, current, a);
    log.push(r.effects);
    current = r.state;
  }
  return { state: current, effects: log };
}

const accepted = () => run(initialState(15), { type: 'accept', on: '2026-09-14' }).state;

describe('intake transitions', () => {
  it.each<[string, EngineAction[], string, string[]]>([
    ['an online submission waits for acceptance', [{ type: 'submit' }], 'submitted', ['acceptance']],
    ['a one-time notice leaves the case unaccepted, clock not started', [{ type: 'submit' }, { type: 'request_materials' }], 'awaiting_materials', []],
    ['a completed application is accepted later', [{ type: 'request_materials' }, { type: 'accept', on: '2026-09-14' }], 'in_progress', ['review']],
    ['an application completed online goes back to the acceptance queue', [{ type: 'submit' }, { type: 'request_materials' }, { type: 'submit' }], 'submitted', ['acceptance']],
    ['a draft can be withdrawn', [{ type: 'withdraw', on: '2026-09-14' }], 'withdrawn', []],
    ['acceptance at the window', [{ type: 'accept', on: '2026-09-14' }], 'in_progress', ['review']],
    ['不予受理', [{ type: 'submit' }, { type: 'refuse' }], 'refused', []],
    ['withdrawal before acceptance', [{ type: 'submit' }, { type: 'withdraw', on: '2026-09-14' }], 'withdrawn', []],
  ])('%s', (_, actions, phase, openTasks) => {
    const { state } = run(initialState(15), ...actions);
    expect(state.phase).toBe(phase);
    expect(expectedOpenTasks(state)).toEqual(openTasks.sort());
  });

  it('starts the clock on acceptance: the acceptance day is not counted', () => {
    const { state, effects } = run(initialState(15), { type: 'accept', on: '2026-09-14' });
    // 15 working days after Monday 14 September: 15..18, 21..25, 28..30 (12), then 8, 9, 12 October.
    expect(state.dueDate).toBe('2026-10-12');
    expect(state.acceptedOn).toBe('2026-09-14');
    expect(effects[0]!.events[0]).toEqual({ type: 'accepted', dueDate: '2026-10-12', commitment: false });
    expect(effects[0]!.openTasks).toEqual([
      { key: 'review', kind: 'stage', name: '材料审查', nameEn: 'Review', role: 'reviewer', unitCode: null, dueDate: '2026-09-21' },
    ]);
  });

  it.each<[string, EngineAction[], string]>([
    ['accepting twice', [{ type: 'accept', on: '2026-09-14' }, { type: 'accept', on: '2026-09-15' }], 'INVALID_PHASE'],
    ['completing before acceptance', [{ type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-14' }], 'INVALID_PHASE'],
    ['refusing after acceptance', [{ type: 'accept', on: '2026-09-14' }, { type: 'refuse' }], 'INVALID_PHASE'],
    ['a stage that is not open', [{ type: 'accept', on: '2026-09-14' }, { type: 'complete', stageId: 'decide', outcome: 'approve', on: '2026-09-15' }], 'STAGE_NOT_OPEN'],
    ['a stage that does not exist', [{ type: 'accept', on: '2026-09-14' }, { type: 'complete', stageId: 'nope', outcome: 'approve', on: '2026-09-15' }], 'NO_SUCH_STAGE'],
    ['returning from the first step', [{ type: 'accept', on: '2026-09-14' }, { type: 'complete', stageId: 'review', outcome: 'return', on: '2026-09-15' }], 'CANNOT_RETURN'],
  ])('refuses %s', (_, actions, code) => {
    expect(() => run(initialState(15), ...actions)).toThrow(EngineError);
    try {
      run(initialState(15), ...actions);
    } catch (err) {
      expect((err as EngineError).code).toBe(code);
    }
  });
});

describe('internal circulation (内部流转)', () => {
  it('opens parallel stages together and joins them before the next step', () => {
    let { state } = run(accepted(), { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-16' });
    expect(expectedOpenTasks(state)).toEqual(['inspect', 'review_b']);
    ({ state } = run(state, { type: 'complete', stageId: 'inspect', outcome: 'approve', on: '2026-09-17' }));
    expect(state.stepIndex).toBe(1);
    expect(expectedOpenTasks(state)).toEqual(['review_b']);
    const last = run(state, { type: 'complete', stageId: 'review_b', outcome: 'approve', on: '2026-09-18' });
    expect(last.state.stepIndex).toBe(2);
    // The next step is a special procedure: the clock stops at once (第四十五条).
    expect(last.state.phase).toBe('suspended');
    expect(last.state.suspension).toEqual({ reason: 'expert_review', since: '2026-09-18', stageId: 'experts' });
    expect(last.state.dueDate).toBeNull();
    expect(last.effects[0]!.events.map((e) => e.type)).toEqual(['stage_completed', 'stage_opened', 'suspended']);
  });

  it('adds the special procedure\'s working days to the due date when it ends', () => {
    const atExperts = run(
      accepted(),
      { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-16' },
      { type: 'complete', stageId: 'inspect', outcome: 'approve', on: '2026-09-17' },
      { type: 'complete', stageId: 'review_b', outcome: 'approve', on: '2026-09-18' },
    ).state;
    // Experts sit from Friday 18 September to Friday 9 October: 18 (excl.) .. 30 = 8, holidays, 8 and 9 October = 10.
    const { state, effects } = run(atExperts, { type: 'complete', stageId: 'experts', outcome: 'approve', on: '2026-10-09' });
    expect(state.suspendedDays).toBe(10);
    expect(state.dueDate).toBe(ctx.calendar.addWorkingDays('2026-09-14', 25));
    expect(effects[0]!.events).toContainEqual({ type: 'resumed', reason: 'expert_review', days: 10, dueDate: state.dueDate });
    expect(expectedOpenTasks(state)).toEqual(['decide']);
  });

  it('goes decision → certificate → delivery → closed (准予)', () => {
    const toDecision = run(
      accepted(),
      { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-15' },
      { type: 'complete', stageId: 'inspect', outcome: 'approve', on: '2026-09-16' },
      { type: 'complete', stageId: 'review_b', outcome: 'approve', on: '2026-09-16' },
      { type: 'complete', stageId: 'experts', outcome: 'approve', on: '2026-09-17' },
    ).state;
    const done = run(
      toDecision,
      { type: 'complete', stageId: 'decide', outcome: 'approve', on: '2026-09-18' },
      { type: 'complete', stageId: 'certify', outcome: 'approve', on: '2026-09-21' },
      { type: 'complete', stageId: 'deliver', outcome: 'approve', on: '2026-09-21' },
    );
    expect(done.state).toMatchObject({ phase: 'closed', decision: 'approved', closedOn: '2026-09-21', verification: null });
    expect(expectedOpenTasks(done.state)).toEqual([]);
    expect(done.effects.at(-1)!.events.at(-1)).toEqual({ type: 'closed', decision: 'approved' });
  });

  it('skips the certificate after a denial (不予许可) and still delivers the decision', () => {
    const toDecision = run(
      accepted(),
      { type: 'complete', stageId: 'review', outcome: 'reject', on: '2026-09-15' },
    );
    expect(toDecision.state.proposedDenial).toBe(true);
    expect(expectedOpenTasks(toDecision.state)).toEqual(['decide']);
    const { state } = run(toDecision.state, { type: 'complete', stageId: 'decide', outcome: 'reject', on: '2026-09-16' });
    expect(state.decision).toBe('denied');
    expect(expectedOpenTasks(state)).toEqual(['deliver']);
    const closed = run(state, { type: 'complete', stageId: 'deliver', outcome: 'approve', on: '2026-09-17' }).state;
    expect(closed).toMatchObject({ phase: 'closed', decision: 'denied' });
  });

  it('a reviewer\'s rejection in a parallel step supersedes the other review', () => {
    const parallel = run(accepted(), { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-15' }).state;
    const { state, effects } = run(parallel, { type: 'complete', stageId: 'inspect', outcome: 'reject', on: '2026-09-16' });
    expect(effects[0]!.closeTasks).toEqual([
      { key: 'inspect', reason: 'completed' },
      { key: 'review_b', reason: 'superseded' },
    ]);
    expect(expectedOpenTasks(state)).toEqual(['decide']);
  });

  it('returns a case to the previous step (退回) and reopens it', () => {
    const parallel = run(accepted(), { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-15' }).state;
    const { state, effects } = run(parallel, { type: 'complete', stageId: 'review_b', outcome: 'return', on: '2026-09-16' });
    expect(state.returns).toBe(1);
    expect(state.stepIndex).toBe(0);
    expect(expectedOpenTasks(state)).toEqual(['review']);
    expect(effects[0]!.events).toContainEqual({ type: 'returned', fromStep: 1, toStep: 0 });
    expect(effects[0]!.closeTasks).toContainEqual({ key: 'inspect', reason: 'superseded' });
  });

  it('refuses a rejection at the certificate stage', () => {
    const closedToCert = run(
      accepted(),
      { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-15' },
      { type: 'complete', stageId: 'inspect', outcome: 'approve', on: '2026-09-15' },
      { type: 'complete', stageId: 'review_b', outcome: 'approve', on: '2026-09-15' },
      { type: 'complete', stageId: 'experts', outcome: 'approve', on: '2026-09-15' },
      { type: 'complete', stageId: 'decide', outcome: 'approve', on: '2026-09-15' },
    ).state;
    expect(() => run(closedToCert, { type: 'complete', stageId: 'certify', outcome: 'reject', on: '2026-09-16' })).toThrow(/OUTCOME_NOT_ALLOWED/);
  });
});

describe('the clock (限时办结)', () => {
  it('stops while the applicant corrects (补正) and adds exactly those working days', () => {
    const s = accepted();
    const suspended = run(s, { type: 'request_correction', stageId: 'review', on: '2026-09-15' }).state;
    expect(suspended).toMatchObject({ phase: 'suspended', dueDate: null, suspension: { reason: 'correction', since: '2026-09-15' } });
    expect(() => run(suspended, { type: 'complete', stageId: 'review', outcome: 'approve', on: '2026-09-16' })).toThrow(/INVALID_PHASE/);
    // Back on Tuesday 22 September: 16, 17, 18, 21, 22 = 5 working days not counted.
    const { state, effects } = run(suspended, { type: 'correction_received', on: '2026-09-22' });
    expect(state.suspendedDays).toBe(5);
    expect(state.dueDate).toBe(ctx.calendar.addWorkingDays('2026-09-14', 20));
    expect(effects[0]!.moveTasks).toEqual([{ key: 'review', dueDate: ctx.calendar.addWorkingDays('2026-09-21', 5) }]);
  });

  it('runs an ad hoc special procedure (e.g. testing) from a review', () => {
    const suspended = run(accepted(), { type: 'start_special', stageId: 'review', procedure: 'testing', on: '2026-09-15' }).state;
    expect(suspended.suspension).toEqual({ reason: 'testing', since: '2026-09-15', stageId: null });
    expect(() => run(suspended, { type: 'correction_received', on: '2026-09-16' })).toThrow(/NOT_SUSPENDED/);
    const resumed = run(suspended, { type: 'end_special', on: '2026-09-17' }).state;
    expect(resumed).toMatchObject({ phase: 'in_progress', suspendedDays: 2 });
  });

  it('extends once by ten working days on a leader\'s approval (第四十二条)', () => {
    const requested = run(accepted(), { type: 'request_extension', reason: '需要补充现场核查', on: '2026-09-15' });
    expect(requested.effects[0]!.openTasks.map((t) => [t.key, t.role])).toEqual([['extension_approval', 'leader']]);
    expect(() => run(requested.state, { type: 'request_extension', reason: '再次', on: '2026-09-15' })).toThrow(/EXTENSION_USED/);
    const { state, effects } = run(requested.state, { type: 'decide_extension', approve: true, on: '2026-09-16' });
    expect(state.dueDate).toBe(ctx.calendar.addWorkingDays('2026-09-14', 25));
    expect(effects[0]!.events).toContainEqual({ type: 'extended', days: 10, dueDate: state.dueDate, reason: '需要补充现场核查' });
    expect(() => run(state, { type: 'request_extension', reason: '第三次', on: '2026-09-17' })).toThrow(/EXTENSION_USED/);
  });

  it('keeps the due date when the leader denies the extension', () => {
    const s = accepted();
    const { state } = run(s, { type: 'request_extension', reason: 'x', on: '2026-09-15' }, { type: 'decide_extension', approve: false, on: '2026-09-16' });
    expect(state.dueDate).toBe(s.dueDate);
    expect(state.extension?.status).toBe('denied');
    expect(() => run(state, { type: 'decide_extension', approve: true, on: '2026-09-17' })).toThrow(/NO_EXTENSION_PENDING/);
  });

  it('counts an extension approved during a suspension once the clock runs again', () => {
    const { state } = run(
      accepted(),
      { type: 'request_correction', stageId: 'review', on: '2026-09-15' },
      { type: 'request_extension', reason: 'x', on: '2026-09-15' },
      { type: 'decide_extension', approve: true, on: '2026-09-16' },
      { type: 'correction_received', on: '2026-09-17' },
    );
    expect(state.dueDate).toBe(ctx.calendar.addWorkingDays('2026-09-14', 15 + 2 + 10));
  });
});

describe('承诺办理 and 先审后验', () => {
  it('decides on the written commitment and opens a verification after closure', () => {
    const { state, effects } = run(initialState(15), { type: 'accept', on: '2026-09-14', commitment: true });
    expect(expectedOpenTasks(state)).toEqual(['decide']);
    expect(effects[0]!.events[0]).toMatchObject({ type: 'accepted', commitment: true });
    const closed = run(
      state,
      { type: 'complete', stageId: 'decide', outcome: 'approve', on: '2026-09-14' },
      { type: 'complete', stageId: 'certify', outcome: 'approve', on: '2026-09-14' },
      { type: 'complete', stageId: 'deliver', outcome: 'approve', on: '2026-09-15' },
    );
    expect(closed.state.phase).toBe('closed');
    expect(closed.state.verification).toEqual({ status: 'pending', dueDate: ctx.calendar.addWorkingDays('2026-09-15', 20) });
    expect(expectedOpenTasks(closed.state)).toEqual(['verification']);
    const verified = run(closed.state, { type: 'verify', confirmed: false, on: '2026-09-30' }).state;
    expect(verified.verification?.status).toBe('failed');
    expect(expectedOpenTasks(verified)).toEqual([]);
  });

  it('refuses a commitment where the item does not allow one', () => {
    const strict: EngineContext = { ...ctx, definition: { ...definition, allowsCommitment: false } };
    expect(() => advance(strict, initialState(15), { type: 'accept', on: '2026-09-14', commitment: true })).toThrow(/COMMITMENT_NOT_ALLOWED/);
  });
});

describe('即办件 (decided on the spot)', () => {
  it('closes in one visit when the decision step is done at the window', () => {
    const onTheSpot: EngineContext = {
      ...ctx,
      definition: {
        allowsCommitment: false,
        verificationDays: 0,
        steps: [{ id: 'decide', name: '当场办结', nameEn: 'On the spot', stages: [{ id: 'decide', name: '当场决定', nameEn: 'Decide', type: 'decision', role: 'clerk', limitDays: 0 }] }],
      },
    };
    let r = advance(onTheSpot, initialState(0), { type: 'accept', on: '2026-09-14' });
    expect(r.state.dueDate).toBe('2026-09-14');
    r = advance(onTheSpot, r.state, { type: 'complete', stageId: 'decide', outcome: 'approve', on: '2026-09-14' });
    expect(r.state).toMatchObject({ phase: 'closed', decision: 'approved', closedOn: '2026-09-14' });
  });
});

describe('invariants over random walks', () => {
  it('the effects always keep the open-task set equal to what the state implies', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const days = ['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-17', '2026-09-18', '2026-09-21', '2026-09-22'];
    for (let walk = 0; walk < 300; walk++) {
      let state = initialState(15);
      const open = new Set<string>();
      let dayIndex = 0;
      for (let step = 0; step < 40; step++) {
        const on = days[Math.min(dayIndex, days.length - 1)]!;
        const stageIds = state.branches.filter((b) => b.status === 'open').map((b) => b.stageId);
        const candidates: EngineAction[] = [
          { type: 'submit' },
          { type: 'request_materials' },
          { type: 'accept', on, commitment: random() < 0.2 },
          { type: 'refuse' },
          { type: 'correction_received', on },
          { type: 'end_special', on },
          { type: 'request_extension', reason: 'r', on },
          { type: 'decide_extension', approve: random() < 0.5, on },
          { type: 'withdraw', on },
          { type: 'verify', confirmed: true, on },
          ...stageIds.flatMap((stageId): EngineAction[] => [
            { type: 'complete', stageId, outcome: 'approve', on },
            { type: 'complete', stageId, outcome: 'approve', on },
            { type: 'complete', stageId, outcome: 'return', on },
            { type: 'complete', stageId, outcome: 'reject', on },
            { type: 'request_correction', stageId, on },
            { type: 'start_special', stageId, procedure: 'testing', on },
          ]),
        ];
        const action = candidates[Math.floor(random() * candidates.length)]!;
        try {
          const r = advance(ctx, state, action);
          for (const c of r.effects.closeTasks) {
            expect(open.has(c.key), `closing ${c.key} that is not open after ${action.type}`).toBe(true);
            open.delete(c.key);
          }
          for (const o of r.effects.openTasks) {
            expect(open.has(o.key), `opening ${o.key} twice after ${action.type}`).toBe(false);
            open.add(o.key);
          }
          state = r.state;
          expect([...open].sort()).toEqual(expectedOpenTasks(state));
          if (state.phase === 'in_progress') expect(state.dueDate).not.toBeNull();
          if (state.phase === 'suspended') expect(state.dueDate).toBeNull();
        } catch (err) {
          if (!(err instanceof EngineError)) throw err;
        }
        if (random() < 0.3) dayIndex++;
      }
    }
  });
});

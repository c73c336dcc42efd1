/**
 * What the server acknowledged: every answer 2xx the crash harness received, reduced to the least the database
 * must show afterwards. A case's entry is replaced by each newer acknowledgement of it (one client drives a case
 * at a time, so a newer answer is always a later state).
 */

/** A task as an answer showed it. */
export interface AckTask {
  id: string;
  key: string;
  status: 'open' | 'completed' | 'superseded' | 'cancelled';
  version: number;
  assigneeId: string | null;
}

/** A case as the newest acknowledged answer about it showed it. */
export interface AckCase {
  id: string;
  number: string;
  phase: string;
  version: number;
  tasks: Map<string, AckTask>;
}

/** The parts of the API's case and task answers the ledger keeps. */
export interface CaseAnswer {
  id: string;
  number: string;
  phase: string;
  version: number;
  tasks: TaskAnswer[];
}
export interface TaskAnswer {
  id: string;
  caseId: string;
  key: string;
  role: string;
  status: AckTask['status'];
  version: number;
  assignee: { id: string; name: string } | null;
}

export const TERMINAL_PHASES = new Set(['closed', 'refused', 'withdrawn']);

export class Ledger {
  readonly cases = new Map<string, AckCase>();
  intakes = 0;
  claims = 0;
  completions = 0;

  get acknowledged(): number {
    return this.intakes + this.claims + this.completions;
  }

  /** An intake or a completion answered with the case. */
  ackCase(c: CaseAnswer, kind: 'intake' | 'complete'): void {
    if (kind === 'intake') this.intakes++;
    else this.completions++;
    const tasks = new Map<string, AckTask>();
    for (const t of c.tasks) tasks.set(t.id, { id: t.id, key: t.key, status: t.status, version: t.version, assigneeId: t.assignee?.id ?? null });
    this.cases.set(c.id, { id: c.id, number: c.number, phase: c.phase, version: c.version, tasks });
  }

  /** A claim answered with the task. */
  ackClaim(t: TaskAnswer): void {
    this.claims++;
    const c = this.cases.get(t.caseId);
    if (!c) throw new Error(`claim of a task of a case the ledger does not know: ${t.caseId}`);
    c.tasks.set(t.id, { id: t.id, key: t.key, status: t.status, version: t.version, assigneeId: t.assignee?.id ?? null });
  }
}

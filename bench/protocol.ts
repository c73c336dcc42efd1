/** Messages between the bench runner and its agent (the server process). */
import type { Latencies } from './stats';

export type AgentCommand =
  | { cmd: 'info' }
  | { cmd: 'baseline'; seconds: number; concurrency: number }
  | { cmd: 'counters' }
  | { cmd: 'vacuum' }
  | { cmd: 'bulkCases'; total: number; chunk: number; deadlineMs: number }
  | { cmd: 'dueSoon'; runs: number }
  | { cmd: 'stop' };

export type AgentRequest = AgentCommand & { id: number };

export type AgentReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface BaselineResult {
  concurrency: number;
  commits: number;
  seconds: number;
  rate: number;
  latency: Latencies;
}

export interface DueSoonResult {
  runs: number;
  medianMs: number;
  allMs: number[];
  total: number;
  firstPage: number;
  openCases: number;
  plans: string[];
}

import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Database, DbOrTx, Tx } from '../db/client';
import { inTransaction } from '../db/client';
import type { Access } from '../authz/policy';
import type { Actor, Clock } from '../auth/actor';
import type { AuditContext } from '../audit/audit';
import type { FileStore } from '../files/store';
import type { Locale } from './errors';

/** What the server is built from; tests build it with their own database and clock. */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  files: FileStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    locale: Locale;
    actor: Actor;
    /** The role that granted this route's permission ('anonymous' or 'public' otherwise). */
    actingRole: string;
    /** The cookie named a session that has timed out. */
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** What a read-only use case receives. */
export interface ReadContext {
  tx: DbOrTx;
  actor: Actor;
  clock: Clock;
  regionCode: string;
}

/** What a state-changing use case receives: the open transaction and what the audit entry needs. */
export interface WriteContext {
  tx: Tx;
  actor: Actor;
  clock: Clock;
  regionCode: string;
  audit: AuditContext;
}

function auditContextOf(request: FastifyRequest): AuditContext {
  const { config, clock } = request.server.deps;
  return {
    actor: request.actor,
    role: request.actingRole,
    ip: request.ip ?? null,
    requestId: String(request.id),
    regionCode: request.actor.kind === 'account' ? request.actor.regionCode : config.regionCode,
    clock,
  };
}

export function readContext(request: FastifyRequest): ReadContext {
  const { database, clock, config } = request.server.deps;
  return {
    tx: database.db,
    actor: request.actor,
    clock,
    regionCode: request.actor.kind === 'account' ? request.actor.regionCode : config.regionCode,
  };
}

/**
 * What a use case receives that reads first and then decides how to write: in a group commit with other
 * requests (window intake), or in the request's own transaction.
 */
export interface DeferredWriteContext extends ReadContext {
  db: Database['db'];
  audit: AuditContext;
  inTransaction<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T>;
}

export function deferredWriteContext(request: FastifyRequest): DeferredWriteContext {
  return { ...readContext(request), db: request.server.deps.database.db, audit: auditContextOf(request), inTransaction: (fn) => writeInTransaction(request, fn) };
}

/** Runs a use case in one transaction; its audit entry commits with it or not at all. */
export function writeInTransaction<T>(request: FastifyRequest, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
  const { database, clock, config } = request.server.deps;
  return inTransaction(database.db, (tx) =>
    fn({
      tx,
      actor: request.actor,
      clock,
      regionCode: request.actor.kind === 'account' ? request.actor.regionCode : config.regionCode,
      audit: auditContextOf(request),
    }),
  );
}

/** Builds a write context outside a request (seeds, CLI, jobs). */
export function systemWriteContext(tx: Tx, deps: { clock: Clock; regionCode: string; actor: Actor; role?: string }): WriteContext {
  return {
    tx,
    actor: deps.actor,
    clock: deps.clock,
    regionCode: deps.regionCode,
    audit: { actor: deps.actor, role: deps.role ?? 'system', ip: null, requestId: null, regionCode: deps.regionCode, clock: deps.clock },
  };
}

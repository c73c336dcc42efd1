/** buildTestApp(): a server on a fresh copy of the seeded database, with helpers to sign in as any account. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { DEFAULT_DEMO_PASSWORD, type Config } from '../config';
import type { Clock } from '../platform/auth/actor';
import { MemoryFileStore, type FileStore } from '../platform/files/store';
import type { AppDeps } from '../platform/http/context';
import type { Database } from '../platform/db/client';
import { copyTemplate, testConfig } from './template';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  deps: AppDeps;
  /** Signs in and returns the Cookie header value of the session. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export async function buildTestApp(options: { clock?: Clock; config?: Partial<Config>; files?: FileStore; webRoot?: string } = {}): Promise<TestApp> {
  const copy = await copyTemplate(inject('template'));
  const config = testConfig(options.config);
  const deps: AppDeps = {
    config,
    database: copy.database,
    clock: options.clock ?? { now: () => new Date() },
    files: options.files ?? new MemoryFileStore(),
  };
  const app = await buildApp(deps, { logger: false, ...(options.webRoot ? { serveWeb: true, webRoot: options.webRoot } : { serveWeb: false }) });
  await app.ready();
  return {
    app,
    database: copy.database,
    deps,
    login: async (username, password = DEFAULT_DEMO_PASSWORD) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return sessionCookie(res);
    },
    close: async () => {
      await app.close();
      await copy.drop();
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'ow_sid');
  if (!cookie) throw new Error('no session cookie');
  return `ow_sid=${cookie.value}`;
}

/** The browser journeys' own API calls, as a script would make them: sign in as a demo account, and the demo data they share. */
import { expect } from 'vitest';

export interface Session {
  cookie: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function signIn(baseUrl: string, username: string, password = 'OneWindow@2026'): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, `sign-in of ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ow_sid='))!;
  return {
    cookie,
    async call<T>(method: string, path: string, body?: unknown) {
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

/** 张明's closed demo case with its certificate (server/db/seed/demo-cases.ts), found by its item: other journeys add cases of his. */
export async function zhangMingsClosedCase(baseUrl: string): Promise<{ number: string; phone: string }> {
  const applicant = await signIn(baseUrl, 'applicant');
  const list = await applicant.call<{ items: { number: string; itemName: string }[] }>('GET', '/api/cases?phase=closed&limit=50');
  const demo = list.body.items.find((c) => c.itemName === '特种设备作业人员资格认定');
  expect(demo, 'the demo case of 张明').toBeDefined();
  return { number: demo!.number, phone: '13903190014' };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { composeCreditCode } from '../../../common/credit-code';
import { DEFAULT_DEMO_PASSWORD } from '../../config';
import { buildTestApp, sessionCookie, TestClock, type TestApp } from '../../test/app';

const validId = (body17: string) => body17 + idNumberCheckChar(body17);

describe('sign-in, sessions and lockout', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2026-03-02T09:00:00+08:00'));
  beforeAll(async () => {
    t = await buildTestApp({ clock, config: { loginMaxFailures: 3, loginLockMinutes: 15, sessionIdleMinutes: 30 } });
  });
  afterAll(() => t.close());

  it('signs in with the demo password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: DEFAULT_DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ow_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.account).toMatchObject({ username: 'clerk', roles: ['clerk'], kind: 'staff' });
    expect(body.abilities).toContain('catalog.read');
    expect(body.abilities).not.toContain('accounts.manage');
    expect(res.body).not.toContain('passwordHash');
  });

  it('tells who is signed in, and refuses /me without a session', async () => {
    const cookie = await t.login('applicant');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.idNumberMasked).toMatch(/^1305\*{10}\d{3}[\dX]$/);
    const anon = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong password with the same message as an unknown user', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reviewer', password: 'nope-nope-1' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope-nope-1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('用户名或密码错误。');
  });

  it('locks an account after repeated failures, even against the right password, until the lock ends', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'issuer', password: 'wrong-pass-1' } });
      expect(r.statusCode).toBe(401);
    }
    const third = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'issuer', password: 'wrong-pass-1' } });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'issuer', password: DEFAULT_DEMO_PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toContain('15');
    clock.advance(16 * 60_000);
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'issuer', password: DEFAULT_DEMO_PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('ends a session after the idle timeout and says so', async () => {
    const cookie = await t.login('chief');
    clock.advance(29 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(29 * 60_000);
    // Still alive: the previous request counted as activity.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('signs out: the cookie no longer works', async () => {
    const cookie = await t.login('leader');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('real-name registration of applicants', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('registers a person with a valid ID number and lets them sign in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { subjectKind: 'person', username: 'wangfang', password: 'Secret123', displayName: '王芳', idNumber: validId('13053319920518262'), phone: '13812345678' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'applicant', roles: ['applicant'], idNumberMasked: expect.stringMatching(/^1305\*+/), phoneMasked: '138****5678' });
    expect(res.body).not.toContain('13812345678');
    await t.login('wangfang', 'Secret123');
  });

  it('registers an enterprise by its credit code', async () => {
    const code = composeCreditCode('9', '1', '130533', 'MA0CX7P1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { subjectKind: 'enterprise', username: 'weixian-food', password: 'Secret123', displayName: '威县好味食品有限公司', idNumber: code, phone: '13812345679' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().idNumberMasked).toBe(code);
  });

  it('rejects a wrong ID check character, a weak password and a taken user name, all at once, in Chinese', async () => {
    const body17 = '13053319920518263';
    const wrongCheck = body17 + (idNumberCheckChar(body17) === '1' ? '2' : '1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { subjectKind: 'person', username: 'wangfang', password: 'short', displayName: '李四', idNumber: wrongCheck, phone: '13812340000' },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(byPath['body.idNumber']).toBe('身份证号码校验码错误，请核对后重新输入。');
    expect(byPath['body.password']).toContain('至少8位');
    expect(byPath['body.username']).toBe('该用户名已被使用。');
  });

  it('answers in English when asked', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { subjectKind: 'enterprise', username: 'bad-code', password: 'Secret123', displayName: 'X', idNumber: '91350100M000100Y44', phone: '13812345670' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'body.idNumber', message: 'The credit code check character is wrong; please check it.' }]);
  });

  it('lets a user change their own password and ends their other sessions', async () => {
    const first = await t.login('wangfang', 'Secret123');
    const second = await t.login('wangfang', 'Secret123');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: 'nope', newPassword: 'Better456' } });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: 'Secret123', newPassword: 'Better456' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    await t.login('wangfang', 'Better456');
  });
});

describe('account administration', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  async function unitId(kind: string): Promise<string> {
    const res = await t.app.inject({ method: 'GET', url: `/api/org/units?kind=${kind}`, headers: { cookie: admin } });
    return res.json()[0].id;
  }

  it('lists accounts with masked personal data', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/accounts?kind=applicant', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const applicant = res.json().items.find((a: { username: string }) => a.username === 'applicant');
    expect(applicant.idNumberMasked).toContain('**********');
    expect(applicant.phoneMasked).toBe('139****0014');
  });

  it('creates a reviewer in a section, who must change the initial password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: { cookie: admin },
      payload: { username: 'reviewer2', displayName: '新审查员', roles: ['reviewer'], password: 'Initial123', orgUnitId: await unitId('section') },
    });
    expect(res.statusCode).toBe(201);
    const cookie = await t.login('reviewer2', 'Initial123');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().account.mustChangePassword).toBe(true);
    expect(me.json().account.orgUnitName).toBeTruthy();
  });

  it('requires the right scope for scoped roles', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: { cookie: admin },
      payload: { username: 'reg2', displayName: '监管', roles: ['regulator'], password: 'Initial123', orgUnitId: await unitId('section') },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('body.orgUnitId');
  });

  it('changes roles with optimistic concurrency: a stale version gets 409', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/accounts?q=county', headers: { cookie: admin } });
    const county = list.json().items.find((a: { username: string }) => a.username === 'county');
    const first = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${county.id}`, headers: { cookie: admin }, payload: { version: county.version, roles: ['county', 'supervisor'] } });
    expect(first.statusCode).toBe(200);
    expect(first.json().roles).toEqual(['county', 'supervisor']);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${county.id}`, headers: { cookie: admin }, payload: { version: county.version, roles: ['county'] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });

  it('disabling an account ends its sessions', async () => {
    const agentCookie = await t.login('agent');
    const list = await t.app.inject({ method: 'GET', url: '/api/accounts?q=agent', headers: { cookie: admin } });
    const agent = list.json().items.find((a: { username: string }) => a.username === 'agent');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${agent.id}`, headers: { cookie: admin }, payload: { version: agent.version, status: 'disabled' } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: agentCookie } })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password: DEFAULT_DEMO_PASSWORD } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('never lets the last administrator be disabled or demoted', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin } });
    const { id, version } = me.json().account;
    const res = await t.app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: { cookie: admin }, payload: { version, roles: ['supervisor'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('最后一个系统管理员');
  });

  it('resets a password: the old one stops working and the user must change it', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/accounts?q=manager', headers: { cookie: admin } });
    const manager = list.json().items.find((a: { username: string }) => a.username === 'manager');
    const res = await t.app.inject({ method: 'POST', url: `/api/accounts/${manager.id}/reset-password`, headers: { cookie: admin }, payload: { version: manager.version, password: 'Reset12345' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: DEFAULT_DEMO_PASSWORD } });
    expect(old.statusCode).toBe(401);
    const fresh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: 'Reset12345' } });
    expect(sessionCookie(fresh)).toMatch(/^ow_sid=/);
  });

  it('is refused to non-administrators', async () => {
    const clerk = await t.login('clerk');
    expect((await t.app.inject({ method: 'GET', url: '/api/accounts', headers: { cookie: clerk } })).statusCode).toBe(403);
  });
});

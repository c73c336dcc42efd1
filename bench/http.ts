/** A lean keep-alive HTTP client for the load generator (Node's own http; no dependency). */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Reply {
  status: number;
  body: string;
  ms: number;
}

export class Client {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, cookie?: string, extraHeaders?: http.OutgoingHttpHeaders): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { ...extraHeaders };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (cookie) headers.cookie = cookie;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Signs in and returns the session cookie. */
  async login(username: string, password: string, extraHeaders?: http.OutgoingHttpHeaders): Promise<string> {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify({ username, password }));
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path: '/api/auth/login', agent: this.agent, headers: { ...extraHeaders, 'content-type': 'application/json', 'content-length': payload.length } },
        resolve,
      );
      req.on('error', reject);
      req.end(payload);
    });
    res.resume();
    await new Promise((r) => res.on('end', r));
    const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('ow_sid='));
    if (res.statusCode !== 200 || !cookie) throw new Error(`login ${username}: ${res.statusCode}`);
    return cookie;
  }

  close(): void {
    this.agent.destroy();
  }
}
